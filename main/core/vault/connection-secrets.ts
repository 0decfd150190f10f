// One connection's secrets (client secret, refresh token, access token) as the rest of core sees
// them: get/set/delete by kind, instead of vault account strings. The naming of the entries in
// the vault file (service "token-desk", account "<connection id>/<kind>") lives here and only
// here; it is the on-disk format and must not change.

import { SECRET_KINDS, VAULT_SERVICE, type SecretKind } from '../store/connection.js';
import type { SecretVault } from './secret-vault.js';
import { DC_CODES } from '../../vocabulary/index.js';

export { SECRET_KINDS, VAULT_SERVICE, type SecretKind };

/** Every kind a connection may hold, per-DC client secrets included (what a removal deletes). */
export const ALL_SECRET_KINDS: readonly SecretKind[] = [
  ...SECRET_KINDS,
  ...DC_CODES.map((dc) => `client_secret.${dc}` as const),
];

/** One entry as the UI may see it: where it is and which cipher sealed it, never the value. */
export interface VaultEntryInfo {
  service: string;
  account: string;
  /** The envelope's cipher id, or undefined when the entry is not a readable envelope. */
  cipherId: string | undefined;
}

export interface ConnectionSecrets {
  readonly connectionId: string;
  /** The value, or null when the connection has none of this kind. */
  get(kind: SecretKind): Promise<string | null>;
  set(kind: SecretKind, value: string): Promise<void>;
  /** False when there was nothing to delete. */
  delete(kind: SecretKind): Promise<boolean>;
  /** Deletes every secret of the connection (it is being removed). */
  deleteAll(): Promise<void>;
  /**
   * The ids of the ciphers that sealed this connection's secrets, sorted; reads no key. Empty for
   * a vault that cannot list its entries (test doubles).
   */
  ciphers(): string[];
}

/** The vault account of one secret of one connection: `<connection id>/<kind>`. */
export function entryAccount(connectionId: string, kind: SecretKind): string {
  return `${connectionId}/${kind}`;
}

/** The connection a vault entry belongs to, or undefined for an entry that is not a connection's. */
export function connectionIdOfEntry(service: string, account: string): string | undefined {
  if (service !== VAULT_SERVICE) return undefined;
  const slash = account.lastIndexOf('/');
  return slash > 0 ? account.slice(0, slash) : undefined;
}

/** Per connection id, the sorted ids of the ciphers that sealed its secrets. */
export function ciphersByConnection(entries: readonly VaultEntryInfo[]): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const entry of entries) {
    const id = connectionIdOfEntry(entry.service, entry.account);
    if (id === undefined || entry.cipherId === undefined) continue;
    found.set(id, (found.get(id) ?? new Set<string>()).add(entry.cipherId));
  }
  return new Map([...found].map(([id, ciphers]) => [id, [...ciphers].sort()]));
}

/**
 * One connection's secrets over any keytar-style vault. `listEntries` (the encrypted vault's)
 * answers ciphers(); without it ciphers() is empty.
 */
export function connectionSecrets(
  vault: SecretVault,
  connectionId: string,
  listEntries?: () => VaultEntryInfo[],
): ConnectionSecrets {
  const account = (kind: SecretKind) => entryAccount(connectionId, kind);
  return {
    connectionId,
    get: (kind) => vault.getPassword(VAULT_SERVICE, account(kind)),
    set: (kind, value) => vault.setPassword(VAULT_SERVICE, account(kind), value),
    delete: (kind) => vault.deletePassword(VAULT_SERVICE, account(kind)),
    async deleteAll() {
      for (const kind of ALL_SECRET_KINDS) await vault.deletePassword(VAULT_SERVICE, account(kind));
    },
    ciphers: () =>
      listEntries ? (ciphersByConnection(listEntries()).get(connectionId) ?? []) : [],
  };
}
