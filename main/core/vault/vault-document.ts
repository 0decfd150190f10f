// The vault file's format: the JSON document (format tag, version, each cipher's non-secret
// parameters, and the sealed entries by service and account), read into Maps and written back.
// The envelope inside each entry is envelope.ts's. A newer or damaged file is an error, never
// replaced; the on-disk shape must stay readable by every earlier version 1 reader.

import { parseEnvelope } from './envelope.js';
import type { CipherParams } from './cipher.js';
import { invalidVaultError, vaultNewerVersionError } from './vault-errors.js';

export const VAULT_FORMAT = 'token-desk-vault';
export const VAULT_VERSION = 1;

/**
 * The vault document:
 * `{ format: 'token-desk-vault', version: 1, ciphers: { [cipherId]: params }, entries: { [service]: { [account]: 'td1:<cipherId>:<payload>' } } }`
 */
export interface VaultDocument {
  format: typeof VAULT_FORMAT;
  version: number;
  ciphers: Record<string, CipherParams>;
  entries: Record<string, Record<string, string>>;
}

/**
 * The document in memory. Maps, not plain objects: service and account names come from data, and
 * "__proto__" must stay a name.
 */
export interface VaultData {
  ciphers: Map<string, CipherParams>;
  entries: Map<string, Map<string, string>>;
}

/** Parses the vault document (undefined: no vault yet). A newer or damaged file is an error, never replaced. */
export function parseVaultDocument(raw: unknown, path: string): VaultData {
  const data: VaultData = { ciphers: new Map(), entries: new Map() };
  if (raw === undefined) return data;
  if (!isPlainObject(raw) || raw.format !== VAULT_FORMAT) {
    throw invalidVaultError(path, 'it is not a Token Desk vault document');
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    throw invalidVaultError(path, 'its "version" is missing or not a positive whole number');
  }
  if (raw.version > VAULT_VERSION) throw vaultNewerVersionError(path, raw.version, VAULT_VERSION);
  const ciphers = raw.ciphers ?? {};
  if (!isPlainObject(ciphers)) throw invalidVaultError(path, '"ciphers" is not an object');
  for (const [id, params] of Object.entries(ciphers)) {
    if (!isPlainObject(params)) throw invalidVaultError(path, `"ciphers.${id}" is not an object`);
    data.ciphers.set(id, { ...params });
  }
  const entries = raw.entries ?? {};
  if (!isPlainObject(entries)) throw invalidVaultError(path, '"entries" is not an object');
  for (const [service, accounts] of Object.entries(entries)) {
    if (!isPlainObject(accounts))
      throw invalidVaultError(path, `the entries of service "${service}" are not an object`);
    const map = new Map<string, string>();
    for (const [account, envelope] of Object.entries(accounts)) {
      if (typeof envelope !== 'string')
        throw invalidVaultError(path, `the entry "${service}/${account}" is not text`);
      map.set(account, envelope);
    }
    data.entries.set(service, map);
  }
  return data;
}

export function serializeVault(data: VaultData): VaultDocument {
  return {
    format: VAULT_FORMAT,
    version: VAULT_VERSION,
    ciphers: Object.fromEntries(data.ciphers),
    entries: Object.fromEntries(
      [...data.entries].map(([service, accounts]) => [service, Object.fromEntries(accounts)]),
    ),
  };
}

/** The cipher id an envelope names, without checking the rest (undefined: not an envelope). */
export function envelopeCipherId(stored: string): string | undefined {
  try {
    return parseEnvelope(stored).cipherId;
  } catch {
    return undefined;
  }
}

/** Every entry of the document, in file order. */
export function* allEntries(
  data: VaultData,
): Generator<{ service: string; account: string; stored: string }> {
  for (const [service, accounts] of data.entries) {
    for (const [account, stored] of accounts) yield { service, account, stored };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
