// How the encrypted vault seals and opens entries with its ordered set of ciphers: which cipher
// seals a new value (the one of the value it replaces, else of its group, else the primary), one
// read session per cipher and operation, and every "cannot open" turned into an error that names
// the entry. Works on a loaded document (vault-document.ts); reading and writing the file, and the
// lock, are the vault's (encrypted-vault.ts).

import { isTokenDeskError } from '../errors.js';
import type { Cipher, CipherSession, DecryptResult } from './cipher.js';
import { envelopeAad, formatEnvelope, parseEnvelope } from './envelope.js';
import { allEntries, envelopeCipherId, type VaultData } from './vault-document.js';
import { assertCipherSet, otherCipherError, secretUnreadableError } from './vault-errors.js';

/** Which entries belong together and share one cipher. */
export type GroupOf = (service: string, account: string) => string;

/** The vault's ciphers, primary first; replaceable while the program runs (setCiphers). */
export class CipherSet {
  private ciphers: readonly Cipher[] = [];

  constructor(ciphers: readonly Cipher[]) {
    this.use(ciphers);
  }

  use(next: readonly Cipher[]): void {
    assertCipherSet(next.map((c) => c.id));
    this.ciphers = [...next];
  }

  get primary(): Cipher {
    return this.ciphers[0]!;
  }

  ids(): string[] {
    return this.ciphers.map((c) => c.id);
  }

  byId(id: string): Cipher | undefined {
    return this.ciphers.find((c) => c.id === id);
  }
}

export type SessionFor = (cipher: Cipher) => Promise<CipherSession>;

/** One read session per cipher for one operation, opened on first use. */
export function readSessions(data: VaultData): SessionFor {
  const sessions = new Map<string, Promise<CipherSession>>();
  return (cipher) => {
    let session = sessions.get(cipher.id);
    if (!session) {
      session = cipher.open(data.ciphers.get(cipher.id), 'read');
      sessions.set(cipher.id, session);
    }
    return session;
  };
}

/** Opens one stored entry, turning every "cannot open" into secret_unreadable naming the entry. */
export async function openEntry(
  ciphers: CipherSet,
  session: SessionFor,
  path: string,
  entry: { service: string; account: string; stored: string },
): Promise<DecryptResult> {
  const { service, account } = entry;
  let cipherId: string;
  let payload: string;
  try {
    ({ cipherId, payload } = parseEnvelope(entry.stored));
  } catch (error) {
    throw secretUnreadableError(service, account, path, error);
  }
  const cipher = ciphers.byId(cipherId);
  if (!cipher) throw otherCipherError(service, account, cipherId, ciphers.primary.id);
  try {
    return await (await session(cipher)).decrypt(payload, envelopeAad(cipherId, service, account));
  } catch (error) {
    // The key could not be reached at all (keyring locked, wrong passphrase): that is the cause
    // to report, not this one value.
    if (isTokenDeskError(error) && error.code !== 'decrypt_failed') throw error;
    throw secretUnreadableError(service, account, path, error);
  }
}

/**
 * The cipher for a new value of (service, account): the one that sealed the value it replaces,
 * else the one of its group's other entries, else the primary. A group sealed by a cipher this
 * program does not have gets the primary (the value must go somewhere; nothing is overwritten).
 */
export function sealingCipherFor(
  ciphers: CipherSet,
  groupOf: GroupOf,
  data: VaultData,
  service: string,
  account: string,
): Cipher {
  const own = data.entries.get(service)?.get(account);
  const ownCipher = own === undefined ? undefined : ciphers.byId(envelopeCipherId(own) ?? '');
  if (ownCipher) return ownCipher;
  const group = groupOf(service, account);
  for (const other of allEntries(data)) {
    if (groupOf(other.service, other.account) !== group) continue;
    const cipher = ciphers.byId(envelopeCipherId(other.stored) ?? '');
    if (cipher) return cipher;
  }
  return ciphers.primary;
}

/** Seals `plain` into the document (not yet saved) with `cipher`, keeping its parameters. */
export async function sealInto(
  data: VaultData,
  cipher: Cipher,
  service: string,
  account: string,
  plain: string,
): Promise<void> {
  const session = await cipher.open(data.ciphers.get(cipher.id), 'write');
  const payload = await session.encrypt(plain, envelopeAad(cipher.id, service, account));
  data.ciphers.set(cipher.id, session.params);
  let accounts = data.entries.get(service);
  if (!accounts) data.entries.set(service, (accounts = new Map()));
  accounts.set(account, formatEnvelope(cipher.id, payload));
}
