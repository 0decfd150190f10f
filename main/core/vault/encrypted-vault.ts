// The encrypted vault: the keytar-style SecretVault over one JSON document, every value sealed by
// one of the vault's ciphers inside a versioned envelope bound to its service/account. The
// document also keeps each cipher's non-secret parameters (key id, salt, key check). Writes
// re-read the document under lock('vault') because other processes write it too.
//
// Several ciphers, one of them primary. The desktop app and the command line share one vault but
// not one cipher (Electron safeStorage there, the OS keyring here), so a vault holds an ordered
// set: the first (primary) seals entries of a connection that has none yet; every one can open
// and extend what it sealed. A value is opened with the cipher its envelope names. A new value
// for a group that already has entries (one connection's secrets: see groupOf) is sealed with
// the cipher of those entries, so a connection keeps the cipher it was made with, whoever
// refreshes it. A value sealed by a cipher this program does not have is reported by entry, with
// which program sealed it and what to do; nothing is ever written in plaintext, and nothing is
// written at all when the cipher cannot be used.

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

/** Which entries belong together and share one cipher. */
export type GroupOf = (service: string, account: string) => string;

/**
 * The default grouping: an account named `<folder>/<name>` belongs with the other accounts of the
 * same service and folder (Token Desk names a connection's secrets `<connection id>/<kind>`); an
 * account without a folder is a group of its own.
 */
export const groupByAccountFolder: GroupOf = (service, account) => {
  const slash = account.lastIndexOf('/');
  return `${service}\u0000${slash < 0 ? account : account.slice(0, slash)}`;
};

export interface EncryptedVaultOptions {
  document: DocumentStore;
  lock: LockPort;
  /** The ciphers, primary first. */
  ciphers?: readonly Cipher[];
  /** Shorthand for a vault with one cipher. */
  cipher?: Cipher;
  groupOf?: GroupOf;
}

/** One entry as the UI may see it: where it is and which cipher sealed it, never the value. */
export interface VaultEntryInfo {
  service: string;
  account: string;
  /** The envelope's cipher id, or undefined when the entry is not a readable envelope. */
  cipherId: string | undefined;
}

export interface EncryptedVault extends SecretVault {
  /** The primary cipher's id ('keyring', 'passphrase', 'safestorage'). */
  readonly cipherId: string;
  /** Where the primary cipher's key lives, for the UI. */
  describe(): string;
  /** The ids of the ciphers this vault can use, primary first. */
  cipherIds(): string[];
  /**
   * Replaces the cipher set (the user chose another primary, or entered the passphrase). Entries
   * already stored are not touched.
   */
  setCiphers(ciphers: readonly Cipher[]): void;
  /** Every entry with the cipher that sealed it. Reads no key and decrypts nothing. */
  listEntries(): VaultEntryInfo[];
  /** Whether the vault file holds parameters (salt, key id…) of this cipher. */
  hasCipherParams(cipherId: string): boolean;
  /**
   * Binds `cipher` to the parameters stored for its id and saves them if it created any (a new
   * passphrase's salt and key check), under the lock. Throws what the cipher throws, e.g.
   * wrong_passphrase when the stored key check does not match; then nothing is written.
   */
  prepareCipher(cipher: Cipher): Promise<void>;
  /** Like prepareCipher, but never creates or writes anything (checks a passphrase). */
  checkCipher(cipher: Cipher): Promise<void>;
  /**
   * Seals every selected entry again with the cipher `cipherId` (one of this vault's), at once:
   * under the lock it re-reads the file, opens every selected value, seals them all, and writes
   * the file once. If any value cannot be opened or sealed, it throws and nothing changes.
   * Entries already sealed with that cipher are left as they are. Returns the entries re-sealed.
   */
  reseal(
    cipherId: string,
    select: (service: string, account: string) => boolean,
  ): Promise<Array<{ service: string; account: string }>>;
}

// Maps, not plain objects: service and account names come from data, and "__proto__" must stay a name.
interface VaultData {
  ciphers: Map<string, CipherParams>;
  entries: Map<string, Map<string, string>>;
}

export function createEncryptedVault(options: EncryptedVaultOptions): EncryptedVault {
  const { document, lock } = options;
  const groupOf = options.groupOf ?? groupByAccountFolder;
  let ciphers: readonly Cipher[] = [];

  const useCiphers = (next: readonly Cipher[]): void => {
    if (next.length === 0) {
      throw new TokenDeskError('vault_no_cipher', 'The vault was given no cipher.', {
        category: 'local',
        remedy: 'This is a bug in Token Desk; please report it.',
      });
    }
    const ids = new Set(next.map((c) => c.id));
    if (ids.size !== next.length) {
      throw new TokenDeskError('vault_duplicate_cipher', 'The vault was given one cipher twice.', {
        category: 'local',
        remedy: 'This is a bug in Token Desk; please report it.',
      });
    }
    ciphers = [...next];
  };
  useCiphers(options.ciphers ?? (options.cipher ? [options.cipher] : []));

  const primary = (): Cipher => ciphers[0]!;
  const byId = (id: string): Cipher | undefined => ciphers.find((c) => c.id === id);

  const load = (): VaultData => parseVaultDocument(document.read(), document.path);
  const save = (data: VaultData): Promise<void> => document.write(serializeVault(data));

  /** One read session per cipher for one operation, opened on first use. */
  const readSessions = (data: VaultData) => {
    const sessions = new Map<string, Promise<CipherSession>>();
    return (cipher: Cipher): Promise<CipherSession> => {
      let session = sessions.get(cipher.id);
      if (!session) {
        session = cipher.open(data.ciphers.get(cipher.id), 'read');
        sessions.set(cipher.id, session);
      }
      return session;
    };
  };

  /** Decrypts one entry, turning every "cannot open" into secret_unreadable naming the entry. */
  const decryptEntry = async (
    session: (cipher: Cipher) => Promise<CipherSession>,
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
    const cipher = byId(cipherId);
    if (!cipher) throw otherCipher(service, account, cipherId, primary());
    try {
      return await (
        await session(cipher)
      ).decrypt(payload, envelopeAad(cipherId, service, account));
    } catch (error) {
      // The key could not be reached at all (keyring locked, wrong passphrase): that is the cause
      // to report, not this one value.
      if (isTokenDeskError(error) && error.code !== 'decrypt_failed') throw error;
      throw unreadable(service, account, document.path, error);
    }
  };

  /**
   * The cipher for a new value of (service, account): the one that sealed the value it replaces,
   * else the one of its group's other entries, else the primary. A group sealed by a cipher this
   * program does not have gets the primary (the value must go somewhere; nothing is overwritten).
   */
  const writeCipherFor = (data: VaultData, service: string, account: string): Cipher => {
    const own = data.entries.get(service)?.get(account);
    const ownCipher = own === undefined ? undefined : byId(envelopeCipherId(own) ?? '');
    if (ownCipher) return ownCipher;
    const group = groupOf(service, account);
    for (const [otherService, accounts] of data.entries) {
      for (const [otherAccount, stored] of accounts) {
        if (groupOf(otherService, otherAccount) !== group) continue;
        const cipher = byId(envelopeCipherId(stored) ?? '');
        if (cipher) return cipher;
      }
    }
    return primary();
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
    const cipher = writeCipherFor(data, service, account);
    const session = await cipher.open(data.ciphers.get(cipher.id), 'write');
    const payload = await session.encrypt(plain, envelopeAad(cipher.id, service, account));
    data.ciphers.set(cipher.id, session.params);
    let accounts = data.entries.get(service);
    if (!accounts) data.entries.set(service, (accounts = new Map()));
    accounts.set(account, formatEnvelope(cipher.id, payload));
    await save(data);
  };

  const prepare = async (cipher: Cipher, purpose: 'read' | 'write'): Promise<void> => {
    await lock.withLock(VAULT_LOCK_KEY, async () => {
      const data = load();
      const stored = data.ciphers.get(cipher.id);
      const session = await cipher.open(stored, purpose);
      if (purpose === 'write' && JSON.stringify(session.params) !== JSON.stringify(stored ?? {})) {
        data.ciphers.set(cipher.id, session.params);
        await save(data);
      }
    });
  };

  return {
    get cipherId() {
      return primary().id;
    },
    describe: () => primary().describe(),
    cipherIds: () => ciphers.map((c) => c.id),
    setCiphers: useCiphers,

    listEntries() {
      const data = load();
      const found: VaultEntryInfo[] = [];
      for (const [service, accounts] of data.entries) {
        for (const [account, stored] of accounts) {
          found.push({ service, account, cipherId: envelopeCipherId(stored) });
        }
      }
      return found;
    },

    hasCipherParams(cipherId) {
      const params = load().ciphers.get(cipherId);
      return params !== undefined && Object.keys(params).length > 0;
    },

    prepareCipher: (cipher) => prepare(cipher, 'write'),
    checkCipher: (cipher) => prepare(cipher, 'read'),

    async reseal(cipherId, select) {
      return lock.withLock(VAULT_LOCK_KEY, async () => {
        const target = byId(cipherId);
        if (!target) {
          throw new TokenDeskError(
            'cipher_not_available',
            `Token Desk cannot seal secrets with ${cipherLabel(cipherId)} here.`,
            {
              category: 'local',
              remedy: 'This is a bug in Token Desk; please report it.',
              details: { cipherId },
            },
          );
        }
        const data = load();
        const session = readSessions(data);
        const opened: Array<{ service: string; account: string; plain: string }> = [];
        for (const [service, accounts] of data.entries) {
          for (const [account, stored] of accounts) {
            if (!select(service, account) || envelopeCipherId(stored) === cipherId) continue;
            const { plain } = await decryptEntry(session, service, account, stored);
            opened.push({ service, account, plain });
          }
        }
        if (opened.length === 0) return [];
        const sealer = await target.open(data.ciphers.get(cipherId), 'write');
        for (const item of opened) {
          const payload = await sealer.encrypt(
            item.plain,
            envelopeAad(cipherId, item.service, item.account),
          );
          data.entries.get(item.service)!.set(item.account, formatEnvelope(cipherId, payload));
        }
        data.ciphers.set(cipherId, sealer.params);
        await save(data);
        return opened.map(({ service, account }) => ({ service, account }));
      });
    },

    async getPassword(service, account) {
      assertName('service', service);
      assertName('account', account);
      const data = load();
      const stored = data.entries.get(service)?.get(account);
      if (stored === undefined) return null;
      const { plain, reEncrypt } = await decryptEntry(readSessions(data), service, account, stored);
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
        await save(data);
        return true;
      });
    },

    async findCredentials(service) {
      assertName('service', service);
      const data = load();
      const accounts = data.entries.get(service);
      if (!accounts || accounts.size === 0) return [];
      const session = readSessions(data);
      const found: Credential[] = [];
      const stale: Array<{ account: string; stored: string; plain: string }> = [];
      for (const [account, stored] of accounts) {
        const { plain, reEncrypt } = await decryptEntry(session, service, account, stored);
        found.push({ account, password: plain });
        if (reEncrypt) stale.push({ account, stored, plain });
      }
      for (const item of stale) await refresh(service, item.account, item.stored, item.plain);
      return found;
    },
  };
}

/** The cipher id an envelope names, without checking the rest (undefined: not an envelope). */
function envelopeCipherId(stored: string): string | undefined {
  try {
    return parseEnvelope(stored).cipherId;
  } catch {
    return undefined;
  }
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
  active: Cipher,
): TokenDeskError {
  const info = KNOWN_CIPHERS[storedWith];
  const sealed = info
    ? `was sealed ${info.sealedBy}`
    : `was sealed with ${cipherLabel(storedWith)}`;
  return new TokenDeskError(
    'secret_unreadable',
    `The stored secret "${account}" (service "${service}") ${sealed}; Token Desk here uses ${cipherLabel(active.id)}.`,
    {
      category: 'local',
      remedy:
        info?.remedy ?? 'Update Token Desk, or authorize the connection again to store it anew.',
      cliHint: info?.cliHint,
      details: { service, account, reason: 'other_cipher', storedWith, activeCipher: active.id },
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
