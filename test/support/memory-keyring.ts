// An in-memory KeyringPort, with switches to model a keyring that is unreachable (no D-Bus
// session, locked) or that accepts writes but keeps nothing.

import type { KeyringPort } from '../../main/core/vault/keyring-cipher.js';

export interface MemoryKeyring extends KeyringPort {
  entries: Map<string, string>;
  /** When set, every call throws this, as a native keyring error would. */
  failWith: Error | undefined;
  /** When true, set() succeeds but stores nothing. */
  forgetful: boolean;
  calls: { get: number; set: number; delete: number };
}

export function createMemoryKeyring(): MemoryKeyring {
  const keyOf = (service: string, account: string) => `${service}\u0000${account}`;
  const keyring: MemoryKeyring = {
    label: 'in-memory keyring',
    entries: new Map(),
    failWith: undefined,
    forgetful: false,
    calls: { get: 0, set: 0, delete: 0 },
    async get(service, account) {
      keyring.calls.get += 1;
      if (keyring.failWith) throw keyring.failWith;
      return keyring.entries.get(keyOf(service, account)) ?? null;
    },
    async set(service, account, value) {
      keyring.calls.set += 1;
      if (keyring.failWith) throw keyring.failWith;
      if (!keyring.forgetful) keyring.entries.set(keyOf(service, account), value);
    },
    async delete(service, account) {
      keyring.calls.delete += 1;
      if (keyring.failWith) throw keyring.failWith;
      return keyring.entries.delete(keyOf(service, account));
    },
  };
  return keyring;
}
