// The vault as the window sees it per connection: which ciphers each connection's secrets are
// sealed with (so the window can say "only this app can open it"), and "Share with the command
// line" for one connection or all (re-sealing their secrets with the OS-keyring cipher).

import type { ConnectionStore } from '../store/connection-store-types.js';
import { VAULT_SERVICE } from '../store/connection.js';
import type { VaultControl, VaultStatus } from '../vault/vault-control.js';

/** The connection id in a vault account name (`<connection id>/<kind>`, see secretAccount). */
export function connectionIdOf(account: string): string | undefined {
  const slash = account.lastIndexOf('/');
  return slash > 0 ? account.slice(0, slash) : undefined;
}

export interface ConnectionCiphers {
  id: string;
  /** The ciphers its secrets are sealed with, sorted. */
  ciphers: string[];
}

export interface VaultStatusWithConnections extends VaultStatus {
  connections: ConnectionCiphers[];
}

export function createConnectionVault(deps: { store: ConnectionStore; control: VaultControl }) {
  const { store, control } = deps;

  /** The vault's status plus, per connection, the ciphers its secrets are sealed with. */
  async function status(): Promise<VaultStatusWithConnections> {
    const vaultStatus = await control.status();
    const byConnection = new Map<string, Set<string>>();
    for (const entry of control.vault.listEntries()) {
      if (entry.service !== VAULT_SERVICE || entry.cipherId === undefined) continue;
      const id = connectionIdOf(entry.account);
      if (id === undefined) continue;
      const set = byConnection.get(id) ?? new Set<string>();
      byConnection.set(id, set.add(entry.cipherId));
    }
    const connections = store
      .list()
      .map((c) => ({ id: c.id, ciphers: [...(byConnection.get(c.id) ?? [])].sort() }));
    return { ...vaultStatus, connections };
  }

  return {
    status,
    /**
     * Re-seals the secrets of one connection (by name or id), or of all, for the command line.
     * Returns the ids of the connections that had something re-sealed.
     */
    async shareWithCommandLine(nameOrId?: string): Promise<string[]> {
      const only = nameOrId === undefined ? undefined : store.require(nameOrId).id;
      const resealed = await control.shareWithCommandLine(
        (service, account) =>
          service === VAULT_SERVICE && (only === undefined || connectionIdOf(account) === only),
      );
      const shared = new Set(
        resealed.map((entry) => connectionIdOf(entry.account)).filter((id) => id !== undefined),
      );
      return [...shared];
    },
  };
}
export type ConnectionVault = ReturnType<typeof createConnectionVault>;
