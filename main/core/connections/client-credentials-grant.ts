// The client-credentials grant path: a Self Client whose token comes from its secret alone, with
// no code and no refresh token (the token manager mints it, as it refreshes any other).

import type { Connection } from '../store/connection.js';
import type { GrantContext } from './grant-context.js';
import { assertUsesClientCredentials } from './grant-guards.js';

export function createClientCredentialsGrant(context: GrantContext) {
  return {
    /**
     * A client-credentials Self Client: mints an access token now (no code, no refresh token),
     * which proves the client ID, secret, scopes and organization. Same lock and single flight as
     * a refresh.
     */
    async authorizeClientCredentials(
      nameOrId: string,
      options: { beforeZohoCall?: (accountsHost: string) => void } = {},
    ): Promise<Connection> {
      const connection = context.store.require(nameOrId);
      assertUsesClientCredentials(connection);
      const result = await context.tokens.refresh(connection.id, options);
      return context.labelWithUser(result.connection, result.accessToken);
    },
  };
}
