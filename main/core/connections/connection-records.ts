// The connection records themselves: list, look up, add (secret first), remove (with every secret
// and the request history), and the wizard's replace. Zoho is never contacted here.

import { inputError } from '../errors.js';
import {
  VAULT_SERVICE,
  duplicateConnectionError,
  secretAccount,
  type Connection,
} from '../store/connection.js';
import { ALL_SECRET_KINDS } from '../vault/connection-secrets.js';
import type { GrantContext } from './grant-context.js';
import { buildConnection, type NewConnectionInput } from './new-connection.js';
import { getDataCentre, normalizeServerUrl } from '../zoho/data-centres.js';

export type ConnectionRecords = ReturnType<typeof createConnectionRecords>;

export function createConnectionRecords(context: GrantContext) {
  const { deps, store, vault, clock } = context;

  async function add(input: NewConnectionInput, clientSecret: string): Promise<Connection> {
    const connection = buildConnection(input, clock.now());
    if (!clientSecret.trim()) {
      throw inputError(
        'missing_client_secret',
        'The client secret is empty.',
        'Copy the Client Secret from your client in the Zoho API Console and give it on standard input or at the prompt.',
      );
    }
    const existing = store.find(connection.name);
    if (existing) throw duplicateConnectionError(existing.name);
    // Secret first: a connection record without its secret would be unusable.
    await vault.setPassword(
      VAULT_SERVICE,
      secretAccount(connection.id, 'client_secret'),
      clientSecret.trim(),
    );
    try {
      return await store.add(connection);
    } catch (error) {
      await vault.deletePassword(VAULT_SERVICE, secretAccount(connection.id, 'client_secret'));
      throw error;
    }
  }

  /**
   * Forgets the connection, all its secrets and its request history on this computer. Zoho is
   * not contacted.
   */
  async function remove(nameOrId: string): Promise<Connection> {
    const connection = store.require(nameOrId);
    await store.remove(connection.id);
    for (const kind of ALL_SECRET_KINDS) {
      await vault.deletePassword(VAULT_SERVICE, secretAccount(connection.id, kind));
    }
    await deps.history?.forget(connection.name);
    return connection;
  }

  return {
    list(): Connection[] {
      return store.list();
    },

    get(nameOrId: string): Connection {
      return store.require(nameOrId);
    },

    /**
     * What to tell the user before a sign-in (or a Self Client code) of this connection mints a
     * refresh token that would make Zoho delete the oldest one of its user and client; undefined
     * when it would not (or when no token is minted: client credentials).
     */
    refreshTokenLimitWarning(nameOrId: string): string | undefined {
      const connection = store.require(nameOrId);
      if (connection.clientCredentials) return undefined;
      return deps.ledger?.warningBeforeSignIn(connection, store.list());
    },

    /**
     * The same warning for a connection not added yet (the wizard, before its first sign-in): its
     * client ID and data centre, or a custom accounts URL. Undefined when these are not usable.
     */
    refreshTokenLimitWarningForClient(client: {
      clientId: string;
      dc?: string;
      accountsUrl?: string;
    }): string | undefined {
      const clientId = client.clientId.trim();
      if (!clientId || !deps.ledger) return undefined;
      let accountsUrl: string;
      try {
        accountsUrl =
          client.accountsUrl !== undefined
            ? normalizeServerUrl(client.accountsUrl, 'accounts URL')
            : getDataCentre(client.dc ?? '').accountsUrl;
      } catch {
        return undefined;
      }
      return deps.ledger.warningBeforeSignIn({ clientId, accountsUrl }, store.list());
    },

    add,
    remove,

    /**
     * The wizard's "the form changed since the connection was added": removes the connection it
     * added (named `replaces`), then adds the new one. Nothing is removed if the new one is invalid
     * or its name belongs to another connection.
     */
    async replace(
      replaces: string,
      input: NewConnectionInput,
      clientSecret: string,
    ): Promise<Connection> {
      const old = store.require(replaces);
      const draft = buildConnection(input, clock.now());
      const clash = store.find(draft.name);
      // add() says what is wrong (an empty secret, a name taken) while the old one is still there.
      if (!clientSecret.trim() || (clash && clash.id !== old.id)) return add(input, clientSecret);
      await remove(old.id);
      return add(input, clientSecret);
    },
  };
}
