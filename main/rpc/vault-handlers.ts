// The rpc methods behind the window's vault settings: status (with the ciphers of each
// connection), set up or type the passphrase, choose the cipher for new connections, share
// connections with the command line.

import { createConnectionVault } from '../core/connections/connection-vault.js';
import type { ConnectionEvents } from './connection-view.js';
import type { HandlerGroup, RpcHandlerDeps } from './handlers.js';

type VaultDeps = Pick<RpcHandlerDeps, 'vaultControl' | 'store'>;

export function createVaultHandlers(
  deps: VaultDeps,
  events: ConnectionEvents,
): HandlerGroup<'vault'> {
  const vault = createConnectionVault({ store: deps.store, control: deps.vaultControl });
  return {
    'vault.status': async () => vault.status(),
    'vault.createPassphrase': async ({ passphrase }) => {
      await deps.vaultControl.createPassphrase(passphrase);
      events.all();
      return vault.status();
    },
    'vault.unlock': async ({ passphrase }) => {
      await deps.vaultControl.unlock(passphrase);
      // Masked tokens and the tray can be read now.
      events.all();
      return vault.status();
    },
    'vault.choose': async ({ cipher }) => {
      await deps.vaultControl.choose(cipher);
      return vault.status();
    },
    'vault.shareWithCli': async ({ name }) => {
      const shared = await vault.shareWithCommandLine(name);
      for (const id of shared) {
        const connection = deps.store.find(id);
        if (connection) await events.changed(connection);
      }
      return { shared: shared.length, status: await vault.status() };
    },
  };
}
