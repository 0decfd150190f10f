// The Self Client grant path: a grant code the user generated in the API Console is exchanged for
// tokens, either pasted (with the scopes it was generated with) or read from a self_client.json
// file, which also adds the connection.

import { inputError } from '../errors.js';
import type { Connection } from '../store/connection.js';
import { assertSelfClientCodeFresh, parseSelfClientFile } from '../auth/self-client-file.js';
import type { ConnectionRecords } from './connection-records.js';
import { checkedScopes, sameScopeList, type GrantContext } from './grant-context.js';
import { assertTakesGrantCode } from './grant-guards.js';

export interface SelfClientAuthorizationOptions {
  /**
   * The scopes the user generated the code with (the UI showed them to paste into Generate
   * Code). Zoho's token answer names none, so after a successful exchange they become the
   * connection's scopes; left out, the connection's scopes stay as they are.
   */
  scopes?: string[];
}

async function exchangeGrantCode(
  context: GrantContext,
  connection: Connection,
  code: string,
  options: SelfClientAuthorizationOptions,
): Promise<Connection> {
  assertTakesGrantCode(connection);
  if (!code.trim()) {
    throw inputError(
      'missing_code',
      'The grant code is empty.',
      'Generate a code in the API Console (Self Client > Generate Code) and authorize with it.',
      undefined,
      `token-desk authorize ${connection.name} --code <grant code>`,
    );
  }
  // Checked before Zoho is called: a code is single-use, so a bad scope list must not burn it.
  const generatedWith = options.scopes === undefined ? undefined : checkedScopes(options.scopes);
  const granted = await context.oauth.exchangeCode({
    accountsUrl: connection.accountsUrl,
    clientId: connection.clientId,
    clientSecret: await context.requireClientSecret(connection),
    code: code.trim(),
  });
  // Only after the exchange worked: a refused code leaves the connection as it was.
  const withScopes =
    generatedWith === undefined || sameScopeList(generatedWith, connection.scopes)
      ? connection
      : await context.store.update(connection.id, (current) => ({
          ...current,
          scopes: generatedWith,
        }));
  return context.finishGrant(withScopes, granted, {});
}

export function createSelfClientGrant(context: GrantContext, records: ConnectionRecords) {
  const authorizeSelfClient = (
    nameOrId: string,
    code: string,
    options: SelfClientAuthorizationOptions = {},
  ): Promise<Connection> =>
    exchangeGrantCode(context, context.store.require(nameOrId), code, options);

  return {
    authorizeSelfClient,

    async importSelfClient(
      name: string,
      fileText: string,
      where: { dc?: string; accountsUrl?: string; apiDomain?: string },
    ): Promise<Connection> {
      const file = parseSelfClientFile(fileText);
      assertSelfClientCodeFresh(file, context.clock.now());
      const added = await records.add(
        {
          name,
          dc: where.dc,
          accountsUrl: where.accountsUrl,
          apiDomain: where.apiDomain,
          clientId: file.clientId,
          clientType: 'self',
          scopes: file.scopes,
        },
        file.clientSecret,
      );
      try {
        return await authorizeSelfClient(added.id, file.code);
      } catch (error) {
        // The file is still on the user's disk: undo the half-made connection so a retry with a
        // fresh code can reuse the same name.
        await records.remove(added.id);
        throw error;
      }
    },
  };
}
