// The rpc methods on access tokens: refresh now, copy in main (desktop), reveal to the page for
// its own copy (browser mode). A refresh is announced with the connection's new view.

import { inputError } from '../core/errors.js';
import type { ConnectionEvents } from './connection-view.js';
import type { HandlerGroup, RpcHandlerDeps } from './handlers.js';

type TokenDeps = Pick<RpcHandlerDeps, 'tokens' | 'store' | 'copyToken'>;

export function createTokenHandlers(
  deps: TokenDeps,
  events: ConnectionEvents,
): HandlerGroup<'tokens'> {
  return {
    'tokens.refresh': async ({ name }) => {
      const result = await deps.tokens.refresh(name);
      return events.changed(result.connection);
    },
    'tokens.copy': async ({ name, as }) => {
      if (!deps.copyToken) {
        throw inputError(
          'no_clipboard',
          'This window copies tokens itself.',
          'Use the Copy button; it reveals the token to this page only for the copy.',
        );
      }
      const result = await deps.copyToken(name, as);
      const connection = deps.store.find(name);
      if (connection) await events.changed(connection);
      return result;
    },
    'tokens.reveal': async ({ name }) => {
      const result = await deps.tokens.getAccessToken(name, { minValidSeconds: 300 });
      if (result.refreshed) await events.changed(result.connection);
      return { accessToken: result.accessToken, expiresAt: result.expiresAt };
    },
  };
}
