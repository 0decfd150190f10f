// The encrypted vault: the keytar-style SecretVault over one JSON document, every value sealed by
// one of the vault's ciphers inside a versioned envelope bound to its service/account, plus the
// per-connection view of it (connection(id)). The document also keeps each cipher's non-secret
// parameters (key id, salt, key check). Writes re-read the document under lock('vault') because
// other processes write it too.
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
//
// The file format is vault-document.ts's, the sealing rules vault-sealing.ts's, the errors
// vault-errors.ts's.

import type { DocumentStore, LockPort } from '../ports.js';
import type { Cipher } from './cipher.js';
import {
  ciphersByConnection,
  connectionIdOfEntry,
  connectionSecrets,
  type ConnectionSecrets,
  type VaultEntryInfo,
} from './connection-secrets.js';
import { envelopeAad, formatEnvelope, parseEnvelope } from './envelope.js';
import type { Credential, SecretVault } from './secret-vault.js';
import {
  allEntries,
  envelopeCipherId,
  parseVaultDocument,
  serializeVault,
  type VaultData,
} from './vault-document.js';
import { assertVaultName, assertVaultValue, cipherNotAvailableError } from './vault-errors.js';
import {
  CipherSet,
  openEntry,
  readSessions,
  sealInto,
  sealingCipherFor,
  type GroupOf,
} from './vault-sealing.js';

export {
  VAULT_FORMAT,
  VAULT_VERSION,
  parseVaultDocument,
  type VaultDocument,
} from './vault-document.js';
export type { GroupOf } from './vault-sealing.js';
export type { VaultEntryInfo } from './connection-secrets.js';

export const VAULT_LOCK_KEY = 'vault';

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
  /** One connection's secrets, by kind. */
  connection(connectionId: string): ConnectionSecrets;
  /** Per connection id, the sorted ids of the ciphers that sealed its secrets. Reads no key. */
  connectionCiphers(): Map<string, string[]>;
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
  /**
   * reseal() for connections: every connection's secrets, or only those of `connectionId`.
   * Returns the ids of the connections whose secrets were re-sealed.
   */
  resealConnections(cipherId: string, connectionId?: string): Promise<string[]>;
}

/** What the vault's operations share: the file, its lock and the cipher set. */
interface VaultContext {
  document: DocumentStore;
  lock: LockPort;
  ciphers: CipherSet;
  groupOf: GroupOf;
}

const load = (ctx: VaultContext): VaultData =>
  parseVaultDocument(ctx.document.read(), ctx.document.path);
const save = (ctx: VaultContext, data: VaultData): Promise<void> =>
  ctx.document.write(serializeVault(data));

/** Seals a value with the cipher its connection's values keep (or the first, for a new one). */
const sealWithItsCipher = (
  ctx: VaultContext,
  data: VaultData,
  service: string,
  account: string,
  plain: string,
): Promise<void> =>
  sealInto(
    data,
    sealingCipherFor(ctx.ciphers, ctx.groupOf, data, service, account),
    service,
    account,
    plain,
  );

export function createEncryptedVault(options: EncryptedVaultOptions): EncryptedVault {
  const ctx: VaultContext = {
    document: options.document,
    lock: options.lock,
    ciphers: new CipherSet(options.ciphers ?? (options.cipher ? [options.cipher] : [])),
    groupOf: options.groupOf ?? groupByAccountFolder,
  };
  const listEntries = (): VaultEntryInfo[] =>
    [...allEntries(load(ctx))].map(({ service, account, stored }) => ({
      service,
      account,
      cipherId: envelopeCipherId(stored),
    }));

  const vault: EncryptedVault = {
    get cipherId() {
      return ctx.ciphers.primary.id;
    },
    describe: () => ctx.ciphers.primary.describe(),
    cipherIds: () => ctx.ciphers.ids(),
    setCiphers: (ciphers) => ctx.ciphers.use(ciphers),
    connection: (connectionId) => connectionSecrets(vault, connectionId, listEntries),
    connectionCiphers: () => ciphersByConnection(listEntries()),
    listEntries,
    hasCipherParams(cipherId) {
      const params = load(ctx).ciphers.get(cipherId);
      return params !== undefined && Object.keys(params).length > 0;
    },
    prepareCipher: (cipher) => prepare(ctx, cipher, 'write'),
    checkCipher: (cipher) => prepare(ctx, cipher, 'read'),
    reseal: (cipherId, select) => reseal(ctx, cipherId, select),
    async resealConnections(cipherId, connectionId) {
      const resealed = await reseal(ctx, cipherId, (service, account) => {
        const id = connectionIdOfEntry(service, account);
        return id !== undefined && (connectionId === undefined || id === connectionId);
      });
      const ids = resealed.map((e) => connectionIdOfEntry(e.service, e.account)!);
      return [...new Set(ids)];
    },
    getPassword: (service, account) => getPassword(ctx, service, account),
    async setPassword(service, account, password) {
      assertVaultName('service', service);
      assertVaultName('account', account);
      assertVaultValue(password);
      await ctx.lock.withLock(VAULT_LOCK_KEY, async () => {
        const data = load(ctx);
        await sealWithItsCipher(ctx, data, service, account, password);
        await save(ctx, data);
      });
    },
    deletePassword: (service, account) => deletePassword(ctx, service, account),
    findCredentials: (service) => findCredentials(ctx, service),
  };
  return vault;
}

async function getPassword(
  ctx: VaultContext,
  service: string,
  account: string,
): Promise<string | null> {
  assertVaultName('service', service);
  assertVaultName('account', account);
  const data = load(ctx);
  const stored = data.entries.get(service)?.get(account);
  if (stored === undefined) return null;
  const entry = { service, account, stored };
  const { plain, reEncrypt } = await openEntry(
    ctx.ciphers,
    readSessions(data),
    ctx.document.path,
    entry,
  );
  if (reEncrypt) await resealStale(ctx, entry, plain);
  await renewStaleCiphers(ctx, [ctx.ciphers.byId(envelopeCipherId(stored) ?? '')], data);
  return plain;
}

async function deletePassword(
  ctx: VaultContext,
  service: string,
  account: string,
): Promise<boolean> {
  assertVaultName('service', service);
  assertVaultName('account', account);
  return ctx.lock.withLock(VAULT_LOCK_KEY, async () => {
    const data = load(ctx);
    const accounts = data.entries.get(service);
    if (!accounts?.delete(account)) return false;
    if (accounts.size === 0) data.entries.delete(service);
    await save(ctx, data);
    return true;
  });
}

async function findCredentials(ctx: VaultContext, service: string): Promise<Credential[]> {
  assertVaultName('service', service);
  const data = load(ctx);
  const accounts = data.entries.get(service);
  if (!accounts || accounts.size === 0) return [];
  const session = readSessions(data);
  const found: Credential[] = [];
  const stale: Array<{
    entry: { service: string; account: string; stored: string };
    plain: string;
  }> = [];
  for (const [account, stored] of accounts) {
    const entry = { service, account, stored };
    const { plain, reEncrypt } = await openEntry(ctx.ciphers, session, ctx.document.path, entry);
    found.push({ account, password: plain });
    if (reEncrypt) stale.push({ entry, plain });
  }
  for (const item of stale) await resealStale(ctx, item.entry, item.plain);
  const used = new Set([...accounts.values()].map((stored) => envelopeCipherId(stored) ?? ''));
  await renewStaleCiphers(
    ctx,
    [...used].map((id) => ctx.ciphers.byId(id)),
    data,
  );
  return found;
}

/**
 * Seals a value again under the cipher's current key when the cipher says it is stale (rotated
 * OS key, older key id). Best effort: the value was read fine, so a failure here changes nothing.
 */
async function resealStale(
  ctx: VaultContext,
  entry: { service: string; account: string; stored: string },
  plain: string,
): Promise<void> {
  const { service, account } = entry;
  try {
    await ctx.lock.withLock(VAULT_LOCK_KEY, async () => {
      const data = load(ctx);
      if (data.entries.get(service)?.get(account) !== entry.stored) return;
      await sealWithItsCipher(ctx, data, service, account, plain);
      await save(ctx, data);
    });
  } catch {
    // Deliberately ignored: see above.
  }
}

async function prepare(
  ctx: VaultContext,
  cipher: Cipher,
  purpose: 'read' | 'write',
): Promise<void> {
  await ctx.lock.withLock(VAULT_LOCK_KEY, async () => {
    const data = load(ctx);
    const stored = data.ciphers.get(cipher.id);
    const session = await cipher.open(stored, purpose);
    if (purpose === 'write' && JSON.stringify(session.params) !== JSON.stringify(stored ?? {})) {
      data.ciphers.set(cipher.id, session.params);
      await save(ctx, data);
    }
  });
  // The key check passed: this is the window's unlock, the moment to raise a stale cost.
  await renewStaleCiphers(ctx, [cipher]);
}

/**
 * Raises the parameters of ciphers whose stored ones are stale (Cipher.needsRenewal: a passphrase
 * vault made with an older, cheaper scrypt cost), after a read proved the key. Under the lock it
 * re-reads the file, opens every value of that cipher with the stored parameters, seals them all
 * under fresh ones, and writes the file once: the document store writes a temporary file and
 * renames it over the old one, so a failure or a crash midway leaves the old file, whose values
 * still open with the old parameters. Best effort, like resealStale: the value asked for was read
 * fine, so a failure here changes nothing and the next unlock tries again.
 */
async function renewStaleCiphers(
  ctx: VaultContext,
  ciphers: ReadonlyArray<Cipher | undefined>,
  /** The document as the caller just read it, to look at without reading the file again. */
  seen: VaultData = load(ctx),
): Promise<void> {
  for (const cipher of ciphers) {
    if (!cipher?.needsRenewal?.(seen.ciphers.get(cipher.id))) continue;
    try {
      await ctx.lock.withLock(VAULT_LOCK_KEY, () => renewCipher(ctx, cipher));
    } catch {
      // Deliberately ignored: see above.
    }
  }
}

async function renewCipher(ctx: VaultContext, cipher: Cipher): Promise<void> {
  const data = load(ctx);
  const stored = data.ciphers.get(cipher.id);
  // Another process may have renewed it since this one looked.
  if (!cipher.needsRenewal?.(stored)) return;
  const old = await cipher.open(stored, 'read');
  const opened: Array<{ service: string; account: string; plain: string }> = [];
  for (const { service, account, stored: value } of allEntries(data)) {
    if (envelopeCipherId(value) !== cipher.id) continue;
    const aad = envelopeAad(cipher.id, service, account);
    const { plain } = await old.decrypt(parseEnvelope(value).payload, aad);
    opened.push({ service, account, plain });
  }
  const fresh = await cipher.open(undefined, 'renew');
  for (const item of opened) {
    const payload = await fresh.encrypt(
      item.plain,
      envelopeAad(cipher.id, item.service, item.account),
    );
    data.entries.get(item.service)!.set(item.account, formatEnvelope(cipher.id, payload));
  }
  data.ciphers.set(cipher.id, fresh.params);
  await save(ctx, data);
}

async function reseal(
  ctx: VaultContext,
  cipherId: string,
  select: (service: string, account: string) => boolean,
): Promise<Array<{ service: string; account: string }>> {
  return ctx.lock.withLock(VAULT_LOCK_KEY, async () => {
    const target = ctx.ciphers.byId(cipherId);
    if (!target) throw cipherNotAvailableError(cipherId);
    const data = load(ctx);
    const session = readSessions(data);
    const opened: Array<{ service: string; account: string; plain: string }> = [];
    for (const entry of allEntries(data)) {
      const { service, account, stored } = entry;
      if (!select(service, account) || envelopeCipherId(stored) === cipherId) continue;
      const { plain } = await openEntry(ctx.ciphers, session, ctx.document.path, entry);
      opened.push({ service, account, plain });
    }
    if (opened.length === 0) return [];
    // Sealed all at once with one session, and written once: all or nothing.
    const sealer = await target.open(data.ciphers.get(cipherId), 'write');
    for (const item of opened) {
      const payload = await sealer.encrypt(
        item.plain,
        envelopeAad(cipherId, item.service, item.account),
      );
      data.entries.get(item.service)!.set(item.account, formatEnvelope(cipherId, payload));
    }
    data.ciphers.set(cipherId, sealer.params);
    await save(ctx, data);
    return opened.map(({ service, account }) => ({ service, account }));
  });
}
