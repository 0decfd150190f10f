// The rpc methods on connections: list, add, import, authorize (Self Client code, client
// credentials; the sign-ins that wait, with their progress events and cancel, are in
// connection-sign-in.ts), revoke, remove, export. Each changed row is announced with its own view
// (connections.changed { connection } / { removed }).

import { inputError } from '../core/errors.js';
import { createSignInHandlers } from './connection-sign-in.js';
import type { ConnectionEvents } from './connection-view.js';
import type { HandlerGroup, RpcHandlerDeps } from './handlers.js';

type ConnectionDeps = Pick<
  RpcHandlerDeps,
  'store' | 'connections' | 'emit' | 'openAuthorizationPage' | 'copyText'
>;

export function createConnectionHandlers(
  deps: ConnectionDeps,
  events: ConnectionEvents,
): HandlerGroup<'connections'> {
  return {
    'connections.list': async () => Promise.all(deps.store.list().map(events.view)),
    'connections.add': async ({ clientSecret, replaces, ...input }) => {
      if (replaces === undefined)
        return events.changed(await deps.connections.add(input, clientSecret));
      const old = deps.store.require(replaces);
      const connection = await deps.connections.replace(old.id, input, clientSecret);
      if (connection.id !== old.id && !deps.store.find(old.id)) events.removed(old.id);
      return events.changed(connection);
    },
    'connections.importSelfClient': async ({ name, fileText, ...where }) =>
      events.changed(await deps.connections.importSelfClient(name, fileText, where)),
    'connections.authorizeSelfClient': async ({ name, code, scopes }) =>
      events.changed(await deps.connections.authorizeSelfClient(name, code, { scopes })),
    ...createSignInHandlers(deps, events),
    'connections.authorizeClientCredentials': async ({ name }) =>
      events.changed(await deps.connections.authorizeClientCredentials(name)),
    'connections.refreshTokenWarning': async ({ name }) => ({
      warning: deps.connections.refreshTokenLimitWarning(name),
    }),
    'connections.refreshTokenWarningForClient': async (client) => ({
      warning: deps.connections.refreshTokenLimitWarningForClient(client),
    }),
    'connections.setDcSecret': async ({ name, dc, clientSecret }) =>
      events.changed(await deps.connections.setDcSecret(name, dc, clientSecret)),
    'connections.revoke': async ({ name }) => events.changed(await deps.connections.revoke(name)),
    'connections.remove': async ({ name }) => {
      // The use case forgets the connection's secrets and its request history too.
      const removed = await deps.connections.remove(name);
      events.removed(removed.id);
      return { removed: removed.name };
    },
    'connections.export': async ({ name, format, includeSecrets, copy }) => {
      deps.store.require(name);
      if (copy && !deps.copyText) {
        throw inputError(
          'no_clipboard',
          'This window copies exports itself.',
          'Use the Copy button under the exported text.',
        );
      }
      const { text, fileName } = await deps.connections.exportFile(name, format, {
        includeSecrets,
      });
      if (!copy || !deps.copyText) return { text, fileName };
      // Copied as exported here, so the text on the clipboard is the text the window shows.
      return { text, fileName, copied: await deps.copyText(text, includeSecrets) };
    },
  };
}
