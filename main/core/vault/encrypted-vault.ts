// The encrypted vault: the keytar-style SecretVault over one JSON document, every value sealed by
// the active Cipher inside a versioned envelope bound to its service/account. The document also
// keeps each cipher's non-secret parameters (key id, salt, key check). Writes re-read the document
// under lock('vault') because other processes write it too. A value that cannot be opened is
// reported by entry, with the cipher that wrote it; nothing is ever written in plaintext, and
// nothing is written at all when the cipher cannot be used.

import { TokenDeskError, isTokenDeskError } from '../errors.js';
import type { DocumentStore, LockPort } from '../ports.js';
import {
  KNOWN_CIPHERS,
  cipherLabel,
  type Cipher,
  type CipherParams,
  type CipherSession,
  type DecryptFailureReason,
} from './cipher.js';
import { envelopeAad, formatEnvelope, parseEnvelope } from './envelope.js';
import type { Credential, SecretVault } from './secret-vault.js';

export const VAULT_FORMAT = 'token-desk-vault';
export const VAULT_VERSION = 1;
export const VAULT_LOCK_KEY = 'vault';

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

export interface EncryptedVaultOptions {
  document: DocumentStore;
  cipher: Cipher;
  lock: LockPort;
}

export interface EncryptedVault extends SecretVault {
  /** The active cipher's id ('keyring', 'passphrase', 'safestorage'). */
  readonly cipherId: string;
  /** Where the key lives, for the UI. */
  describe(): string;
}

// Maps, not plain objects: service and account names come from data, and "__proto__" must stay a name.
interface VaultData {
  ciphers: Map<string, CipherParams>;
  entries: Map<string, Map<string, string>>;
}

export function createEncryptedVault(options: EncryptedVaultOptions): EncryptedVault {
  const { document, cipher, lock } = options;

  const load = (): VaultData => parseVaultDocument(document.read(), document.path);
  const save = (data: VaultData): void => document.write(serializeVault(data));

  const openForRead = async (data: VaultData): Promise<CipherSession> =>
    cipher.open(data.ciphers.get(cipher.id), 'read');

  /** Decrypts one entry, turning every "cannot open" into secret_unreadable naming the entry. */
  const decryptEntry = async (
    session: () => Promise<CipherSession>,
    service: string,
    account: string,
    stored: string,
  ): Promise<{ plain: string; reEncrypt: boolean }> => {
    let cipherId: string;
    let payload: string;
    try {
      ({ cipherId, payload } = parseEnvelope(stored));
    } catch (error) {
      throw unreadable(service, account, document.path, error);
    }
    if (cipherId !== cipher.id) throw otherCipher(service, account, cipherId, cipher.id);
    try {
      return await (await session()).decrypt(payload, envelopeAad(cipherId, service, account));
    } catch (error) {
      // The key could not be reached at all (keyring locked, wrong passphrase): that is the cause
      // to report, not this one value.
      if (isTokenDeskError(error) && error.code !== 'decrypt_failed') throw error;
      throw unreadable(service, account, document.path, error);
    }
  };

  /**
   * Seals a value again under the cipher's current key when the cipher says it is stale (rotated
   * OS key, older key id). Best effort: the value was read fine, so a failure here changes nothing.
   */
  const refresh = async (
    service: string,
    account: string,
    previous: string,
    plain: string,
  ): Promise<void> => {
    try {
      await lock.withLock(VAULT_LOCK_KEY, async () => {
        const data = load();
        if (data.entries.get(service)?.get(account) !== previous) return;
        await writeEntry(data, service, account, plain);
      });
    } catch {
      // Deliberately ignored: see above.
    }
  };

  const writeEntry = async (
    data: VaultData,
    service: string,
    account: string,
    plain: string,
  ): Promise<void> => {
    const session = await cipher.open(data.ciphers.get(cipher.id), 'write');
    const payload = await session.encrypt(plain, envelopeAad(cipher.id, service, account));
    data.ciphers.set(cipher.id, session.params);
    let accounts = data.entries.get(service);
    if (!accounts) data.entries.set(service, (accounts = new Map()));
    accounts.set(account, formatEnvelope(cipher.id, payload));
    save(data);
  };

  return {
    cipherId: cipher.id,
    describe: () => cipher.describe(),

    async getPassword(service, account) {
      assertName('service', service);
      assertName('account', account);
      const data = load();
      const stored = data.entries.get(service)?.get(account);
      if (stored === undefined) return null;
      const { plain, reEncrypt } = await decryptEntry(
        () => openForRead(data),
        service,
        account,
        stored,
      );
      if (reEncrypt) await refresh(service, account, stored, plain);
      return plain;
    },

    async setPassword(service, account, password) {
      assertName('service', service);
      assertName('account', account);
      if (typeof password !== 'string') {
        throw new TokenDeskError('vault_invalid_value', 'Only text can be stored in the vault.', {
          category: 'input',
          remedy: 'This is a bug in Token Desk; please report it.',
        });
      }
      await lock.withLock(VAULT_LOCK_KEY, async () =>
        writeEntry(load(), service, account, password),
      );
    },

    async deletePassword(service, account) {
      assertName('service', service);
      assertName('account', account);
      return lock.withLock(VAULT_LOCK_KEY, async () => {
        const data = load();
        const accounts = data.entries.get(service);
        if (!accounts?.delete(account)) return false;
        if (accounts.size === 0) data.entries.delete(service);
        save(data);
        return true;
      });
    },

    async findCredentials(service) {
      assertName('service', service);
      const data = load();
      const accounts = data.entries.get(service);
      if (!accounts || accounts.size === 0) return [];
      let session: Promise<CipherSession> | undefined;
      const shared = () => (session ??= openForRead(data));
      const found: Credential[] = [];
      const stale: Array<{ account: string; stored: string; plain: string }> = [];
      for (const [account, stored] of accounts) {
        const { plain, reEncrypt } = await decryptEntry(shared, service, account, stored);
        found.push({ account, password: plain });
        if (reEncrypt) stale.push({ account, stored, plain });
      }
      for (const item of stale) await refresh(service, item.account, item.stored, item.plain);
      return found;
    },
  };
}

/** Parses the vault document (undefined: no vault yet). A newer or damaged file is an error, never replaced. */
export function parseVaultDocument(raw: unknown, path: string): VaultData {
  const data: VaultData = { ciphers: new Map(), entries: new Map() };
  if (raw === undefined) return data;
  if (!isPlainObject(raw) || raw.format !== VAULT_FORMAT) {
    throw invalidVault(path, 'it is not a Token Desk vault document');
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    throw invalidVault(path, 'its "version" is missing or not a positive whole number');
  }
  if (raw.version > VAULT_VERSION) {
    throw new TokenDeskError(
      'vault_newer_version',
      `The vault file ${path} was written by a newer version of Token Desk (vault format ${raw.version}; this version reads up to ${VAULT_VERSION}).`,
      {
        category: 'local',
        remedy: 'Update Token Desk. The file was not changed.',
        details: { path, version: raw.version },
      },
    );
  }
  const ciphers = raw.ciphers ?? {};
  if (!isPlainObject(ciphers)) throw invalidVault(path, '"ciphers" is not an object');
  for (const [id, params] of Object.entries(ciphers)) {
    if (!isPlainObject(params)) throw invalidVault(path, `"ciphers.${id}" is not an object`);
    data.ciphers.set(id, { ...params });
  }
  const entries = raw.entries ?? {};
  if (!isPlainObject(entries)) throw invalidVault(path, '"entries" is not an object');
  for (const [service, accounts] of Object.entries(entries)) {
    if (!isPlainObject(accounts))
      throw invalidVault(path, `the entries of service "${service}" are not an object`);
    const map = new Map<string, string>();
    for (const [account, envelope] of Object.entries(accounts)) {
      if (typeof envelope !== 'string')
        throw invalidVault(path, `the entry "${service}/${account}" is not text`);
      map.set(account, envelope);
    }
    data.entries.set(service, map);
  }
  return data;
}

function serializeVault(data: VaultData): VaultDocument {
  return {
    format: VAULT_FORMAT,
    version: VAULT_VERSION,
    ciphers: Object.fromEntries(data.ciphers),
    entries: Object.fromEntries(
      [...data.entries].map(([service, accounts]) => [service, Object.fromEntries(accounts)]),
    ),
  };
}

const UNREADABLE_REMEDIES: Record<DecryptFailureReason, string> = {
  key_missing:
    'Restore the OS keyring entry that held the vault key (e.g. from a backup of your keyring), or authorize the connection again to store a fresh value.',
  auth_failed:
    'Authorize the connection again to store a fresh value. If you restored files from a backup, restore the vault file and its keyring together.',
  bad_payload: 'Authorize the connection again to store a fresh value.',
};

function unreadable(
  service: string,
  account: string,
  path: string,
  cause: unknown,
): TokenDeskError {
  const reason =
    isTokenDeskError(cause) && typeof cause.details.reason === 'string'
      ? (cause.details.reason as DecryptFailureReason)
      : undefined;
  const why = isTokenDeskError(cause) ? cause.message : 'it could not be decrypted.';
  const remedy =
    (reason && UNREADABLE_REMEDIES[reason]) ??
    (isTokenDeskError(cause) ? cause.remedy : UNREADABLE_REMEDIES.auth_failed);
  return new TokenDeskError(
    'secret_unreadable',
    `The stored secret "${account}" (service "${service}") in ${path} cannot be read: ${why}`,
    {
      category: 'local',
      remedy,
      details: {
        service,
        account,
        path,
        ...(reason ? { reason } : {}),
        ...(isTokenDeskError(cause) ? { causeCode: cause.code } : {}),
      },
      cause,
    },
  );
}

function otherCipher(
  service: string,
  account: string,
  storedWith: string,
  active: string,
): TokenDeskError {
  const info = KNOWN_CIPHERS[storedWith];
  return new TokenDeskError(
    'secret_unreadable',
    `The stored secret "${account}" (service "${service}") was encrypted with ${cipherLabel(storedWith)}, but Token Desk is now using ${cipherLabel(active)}.`,
    {
      category: 'local',
      remedy: `${info ? `To read it, ${info.howToSelect}. ` : ''}Or authorize the connection again to store it with the current cipher.`,
      details: { service, account, reason: 'other_cipher', storedWith, activeCipher: active },
    },
  );
}

function invalidVault(path: string, what: string): TokenDeskError {
  return new TokenDeskError('vault_invalid', `The vault file ${path} cannot be used: ${what}.`, {
    category: 'local',
    remedy:
      'Restore the file from a backup, or move it aside and authorize your connections again. Token Desk has not changed it.',
    details: { path },
  });
}

function assertName(what: 'service' | 'account', value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    throw new TokenDeskError('vault_invalid_name', `A vault ${what} name must be non-empty text.`, {
      category: 'input',
      remedy: 'This is a bug in Token Desk; please report it.',
    });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
