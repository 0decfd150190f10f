// What the UI says about each Zoho data centre: a label, the sign-in address ending people
// recognise, and the API Console where clients are registered (facts of
// shared/zoho-oauth-reference.md §1.1; the core keeps the authoritative table).

import type { DC_CODE } from '../../../main/rpc/contract.js';
import type * as z from 'zod/mini';

export type DcCode = z.infer<typeof DC_CODE>;

export interface DcInfo {
  code: DcCode;
  label: string;
  /** The ending of the Zoho address the user signs in at. */
  domain: string;
  consoleUrl: string;
}

export const DATA_CENTRES: readonly DcInfo[] = [
  {
    code: 'us',
    label: 'United States',
    domain: 'zoho.com',
    consoleUrl: 'https://api-console.zoho.com',
  },
  { code: 'eu', label: 'Europe', domain: 'zoho.eu', consoleUrl: 'https://api-console.zoho.eu' },
  { code: 'in', label: 'India', domain: 'zoho.in', consoleUrl: 'https://api-console.zoho.in' },
  {
    code: 'au',
    label: 'Australia',
    domain: 'zoho.com.au',
    consoleUrl: 'https://api-console.zoho.com.au',
  },
  { code: 'jp', label: 'Japan', domain: 'zoho.jp', consoleUrl: 'https://api-console.zoho.jp' },
  {
    code: 'ca',
    label: 'Canada',
    domain: 'zohocloud.ca',
    consoleUrl: 'https://api-console.zohocloud.ca',
  },
  {
    code: 'sa',
    label: 'Saudi Arabia',
    domain: 'zoho.sa',
    consoleUrl: 'https://api-console.zoho.sa',
  },
  {
    code: 'uk',
    label: 'United Kingdom',
    domain: 'zoho.uk',
    consoleUrl: 'https://api-console.zoho.uk',
  },
  {
    code: 'cn',
    label: 'China',
    domain: 'zoho.com.cn',
    consoleUrl: 'https://api-console.zoho.com.cn',
  },
];

export function dcInfo(code: string): DcInfo | undefined {
  return DATA_CENTRES.find((dc) => dc.code === code);
}

/** "EU", or "Custom" for a configured server pair. */
export function dcShortLabel(code: string): string {
  return code === 'custom' ? 'Custom' : code.toUpperCase();
}

export function dcLongLabel(code: string): string {
  if (code === 'custom') return 'Custom server';
  const dc = dcInfo(code);
  return dc ? `${dc.label} (${dc.domain})` : code;
}

/** Where the Token Desk loopback receiver listens by default; the core uses the same value. */
export const DEFAULT_REDIRECT_URI = 'http://localhost:53134/callback';
