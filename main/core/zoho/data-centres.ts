// Which servers of the Zoho data centres we trust with secrets and tokens, and the checks of
// custom server URLs. The table itself (codes, accounts servers, API domains) is the shared
// vocabulary's (main/vocabulary/data-centres.ts); add a data centre there.

import { inputError } from '../errors.js';
import { DATA_CENTRES, DC_CODES, isDcCode, type DataCentre } from '../../vocabulary/index.js';

export { DATA_CENTRES, DC_CODES, isDcCode };
export type { DataCentre, DcCode } from '../../vocabulary/index.js';

export function getDataCentre(code: string): DataCentre {
  const lower = code.trim().toLowerCase();
  if (!isDcCode(lower)) {
    throw inputError(
      'unknown_dc',
      `"${code}" is not a Zoho data centre.`,
      `Use one of: ${DC_CODES.join(', ')}. Your data centre is the ending of the Zoho address you sign in at (zoho.eu -> eu).`,
    );
  }
  return DATA_CENTRES[lower];
}

/** Which DC an accounts server belongs to, if it is a known Zoho one. */
export function dcForAccountsUrl(accountsUrl: string): DataCentre | undefined {
  const origin = safeOrigin(accountsUrl);
  return Object.values(DATA_CENTRES).find((dc) => dc.accountsUrl === origin);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Validates a custom server URL (proxy, test server): absolute, https, or http only on a loopback
 * host; returns its origin (plus path, without a trailing slash).
 */
export function normalizeServerUrl(value: string, what: 'accounts URL' | 'API domain'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw inputError(
      'bad_url',
      `The ${what} "${value}" is not a valid URL.`,
      'Give a full address such as https://accounts.example.com.',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw inputError(
      'insecure_url',
      `The ${what} "${value}" must use https (plain http is accepted only for localhost).`,
      'Use an https:// address.',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw inputError(
      'bad_url',
      `The ${what} "${value}" must not contain credentials, a query or a fragment.`,
      'Give only the scheme, host and optional path.',
    );
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/** The top-level endings of Zoho's API hosts, from the DC table (www.zohoapis.<tld>). */
const API_TLDS = new Set(
  Object.values(DATA_CENTRES).map((dc) =>
    new URL(dc.apiDomain).hostname.replace(/^www\.zohoapis\./, ''),
  ),
);

/**
 * Whether an `api_domain` from a token answer may receive our access token: https on a Zoho API
 * host (zohoapis.<tld> of a known DC, as www., sandbox. or developer.; docs/zoho.md, "Data centres"), or exactly
 * the custom API domain configured on the connection. Anything else (another host, plain http, a
 * port, credentials) is refused: every later request would carry the token there.
 */
export function isTrustedApiDomain(candidate: string, configuredCustomApiDomain?: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  const withoutSlash = (value: string) => value.replace(/\/+$/, '');
  if (configuredCustomApiDomain !== undefined && URL.canParse(configuredCustomApiDomain)) {
    const configured = new URL(configuredCustomApiDomain);
    if (
      configured.origin === url.origin &&
      withoutSlash(configured.pathname) === withoutSlash(url.pathname)
    )
      return true;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.pathname !== '/') return false;
  const match = /^(?:(?:www|sandbox|developer)\.)?zohoapis\.(.+)$/.exec(url.hostname.toLowerCase());
  return match !== null && API_TLDS.has(match[1]!);
}

/**
 * Whether an `accounts-server` value from a callback may receive our secrets: a known Zoho
 * accounts server, or exactly the custom server configured on the connection.
 */
export function isTrustedAccountsServer(
  candidate: string,
  configuredCustomAccountsUrl?: string,
): boolean {
  const origin = safeOrigin(candidate);
  if (!origin) return false;
  if (configuredCustomAccountsUrl !== undefined) {
    const configured = safeOrigin(configuredCustomAccountsUrl);
    return configured === origin;
  }
  return dcForAccountsUrl(origin) !== undefined;
}
