// A connection as the window sees it (ConnectionView: no refresh log, the access token masked),
// and the connections.changed events that carry one row: computed for that one connection only.

import type { Connection } from '../core/store/connection.js';
import { VAULT_SERVICE, secretAccount } from '../core/store/connection.js';
import type { SecretVault } from '../core/vault/secret-vault.js';
import type { ConnectionView, EventName, EventPayload } from './contract.js';

/** Shows enough of a token to tell two apart, never enough to use it. */
export function maskToken(token: string): string {
  return token.length <= 12
    ? '•'.repeat(token.length)
    : `${token.slice(0, 4)}${'•'.repeat(8)}${token.slice(-4)}`;
}

export async function connectionView(
  connection: Connection,
  vault: SecretVault,
): Promise<ConnectionView> {
  const { refreshLog: _log, refreshBlockedUntil: _blocked, ...rest } = connection;
  let maskedAccessToken: string | undefined;
  if (connection.accessTokenExpiresAt !== undefined) {
    const token = await vault
      .getPassword(VAULT_SERVICE, secretAccount(connection.id, 'access_token'))
      .catch(() => null);
    if (token) maskedAccessToken = maskToken(token);
  }
  return { ...rest, maskedAccessToken };
}

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface ConnectionEvents {
  /** The view of one connection, as results and events carry it. */
  view(connection: Connection): Promise<ConnectionView>;
  /** This connection was added or changed: emits its view, and returns it. */
  changed(connection: Connection): Promise<ConnectionView>;
  /** The connection with this id is gone. */
  removed(id: string): void;
  /** Anything may have changed: the window re-lists everything. */
  all(): void;
}

export function createConnectionEvents(
  vault: () => SecretVault,
  emit: EmitEvent,
): ConnectionEvents {
  const view = (connection: Connection) => connectionView(connection, vault());
  return {
    view,
    async changed(connection) {
      const shown = await view(connection);
      emit('connections.changed', { connection: shown });
      return shown;
    },
    removed: (id) => emit('connections.changed', { removed: id }),
    all: () => emit('connections.changed', {}),
  };
}
