// Reads the self_client.json that the API Console offers after Self Client > Generate Code
// (reference §3.1) to fill the wizard. The file holds the client secret and a grant code: they go
// into the form (as if typed) and nowhere else. The core parses and checks it again.

import { splitScopes } from './scopes.js';

export interface SelfClientFile {
  clientId: string;
  clientSecret: string;
  code: string;
  scopes: string[];
  /** When the grant code expires, ms since epoch. */
  expiresAt: number;
}

export class SelfClientFileError extends Error {
  constructor(
    message: string,
    readonly remedy = 'Download it again from the Zoho API Console (Self Client > Generate Code > Download) and use that file without editing it.',
  ) {
    super(message);
    this.name = 'SelfClientFileError';
  }
}

const MAX_BYTES = 64 * 1024;

export function parseSelfClientFile(text: string): SelfClientFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new SelfClientFileError(
      'This file is not valid JSON, so it is not a self_client.json from Zoho.',
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SelfClientFileError(
      'This file does not contain a JSON object, so it is not a self_client.json from Zoho.',
    );
  }
  const record = json as Record<string, unknown>;
  const text_ = (field: string): string => {
    const value = record[field];
    if (typeof value !== 'string' || !value.trim()) {
      throw new SelfClientFileError(
        field in record
          ? `The "${field}" field of this self_client.json is not valid.`
          : `This self_client.json has no "${field}" field.`,
      );
    }
    return value.trim();
  };
  const clientId = text_('client_id');
  const clientSecret = text_('client_secret');
  const code = text_('code');
  const rawScope = record.scope;
  const scopes = Array.isArray(rawScope)
    ? rawScope.filter((s): s is string => typeof s === 'string').flatMap(splitScopes)
    : typeof rawScope === 'string'
      ? splitScopes(rawScope)
      : [];
  if (scopes.length === 0) throw new SelfClientFileError('This self_client.json lists no scopes.');
  const rawExpiry =
    typeof record.expiry_time === 'string' ? Number(record.expiry_time) : record.expiry_time;
  if (typeof rawExpiry !== 'number' || !Number.isFinite(rawExpiry) || rawExpiry <= 0) {
    throw new SelfClientFileError(
      'The "expiry_time" field of this self_client.json is missing or not valid.',
    );
  }
  // Zoho writes milliseconds; a 10-digit seconds value would otherwise read as 1970.
  const expiresAt = rawExpiry < 1e11 ? rawExpiry * 1000 : rawExpiry;
  return { clientId, clientSecret, code, scopes, expiresAt };
}

/** Reads and parses a dropped or picked file. */
export async function readSelfClientFile(file: Blob): Promise<SelfClientFile> {
  if (file.size > MAX_BYTES)
    throw new SelfClientFileError('This file is far too large to be a self_client.json from Zoho.');
  return parseSelfClientFile(await file.text());
}
