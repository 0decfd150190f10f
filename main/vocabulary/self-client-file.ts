// Reads the self_client.json that the API Console offers after Self Client > Generate Code
// (docs/zoho.md, "Self Client"): the wizard reads it to fill its form, the core to import it, and
// both say the same thing about a bad file. The file holds the client secret and a grant code:
// neither ever appears in a problem's message.

import { splitScopes } from './scopes.js';

export interface SelfClientFile {
  clientId: string;
  clientSecret: string;
  code: string;
  scopes: string[];
  /** When the grant code expires, ms since epoch. */
  expiresAt: number;
  grantType: 'authorization_code';
}

/** What is wrong with a file; `field` names the field, when one is to blame. */
export interface SelfClientFileProblem {
  message: string;
  remedy: string;
  field?: string;
}

export type SelfClientFileReading =
  { ok: true; file: SelfClientFile } | { ok: false; problem: SelfClientFileProblem };

/** A real file is a few hundred bytes; the import accepts at most this much text. */
export const SELF_CLIENT_FILE_MAX_BYTES = 64 * 1024;

export const SELF_CLIENT_FILE_REMEDY =
  'Download it again from the Zoho API Console: Self Client > Generate Code, then Download, and import that file without editing it.';

const problem = (message: string, field?: string): SelfClientFileReading => ({
  ok: false,
  problem: { message, remedy: SELF_CLIENT_FILE_REMEDY, ...(field === undefined ? {} : { field }) },
});

/** Reads the file's text (or already-parsed JSON). */
export function readSelfClientJson(input: unknown): SelfClientFileReading {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, '')) as unknown;
    } catch {
      return problem('The file is not valid JSON, so it is not a self_client.json from Zoho.');
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return problem(
      'The file does not contain a JSON object, so it is not a self_client.json from Zoho.',
    );
  }
  const record = json as Record<string, unknown>;
  const read = readFields(record);
  if ('file' in read) return { ok: true, file: read.file };
  const { badField } = read;
  return problem(
    Object.hasOwn(record, badField)
      ? `The "${badField}" field of this self_client.json is not valid.`
      : `This self_client.json has no "${badField}" field.`,
    badField,
  );
}

/** The fields in the file's order; the first bad one is named. */
function readFields(
  record: Record<string, unknown>,
): { file: SelfClientFile } | { badField: string } {
  const text = (field: string): string | undefined => {
    const value = record[field];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const clientId = text('client_id');
  if (clientId === undefined) return { badField: 'client_id' };
  const clientSecret = text('client_secret');
  if (clientSecret === undefined) return { badField: 'client_secret' };
  const code = text('code');
  if (code === undefined) return { badField: 'code' };

  const rawScope = record.scope;
  const scopes =
    typeof rawScope === 'string' ||
    (Array.isArray(rawScope) && rawScope.every((s) => typeof s === 'string'))
      ? splitScopes(rawScope as string | string[])
      : [];
  if (scopes.length === 0) return { badField: 'scope' };

  const rawExpiry = record.expiry_time;
  const expiry =
    typeof rawExpiry === 'number'
      ? rawExpiry
      : typeof rawExpiry === 'string' && /^\d+$/.test(rawExpiry.trim())
        ? Number(rawExpiry.trim())
        : Number.NaN;
  if (!Number.isFinite(expiry) || expiry <= 0) return { badField: 'expiry_time' };

  // Always "authorization_code" in real files; tolerate its absence, refuse anything else.
  if (record.grant_type !== undefined && record.grant_type !== 'authorization_code') {
    return { badField: 'grant_type' };
  }
  const file: SelfClientFile = {
    clientId,
    clientSecret,
    code,
    scopes,
    // Zoho writes milliseconds; a seconds value (10 digits) would otherwise read as 1970.
    expiresAt: expiry < 1e11 ? expiry * 1000 : expiry,
    grantType: 'authorization_code',
  };
  return { file };
}
