// The rpc methods of the request builder: send (kept in the history by the use case unless the
// user turned it off), history and "Clear history", cURL export. A send that had to refresh the token announces the connection's new view.

import type { ConnectionEvents } from './connection-view.js';
import type { HandlerGroup, RpcHandlerDeps } from './handlers.js';

type RequestDeps = Pick<RpcHandlerDeps, 'requests' | 'store'>;

export function createRequestHandlers(
  deps: RequestDeps,
  events: ConnectionEvents,
): HandlerGroup<'requests'> {
  return {
    'requests.send': async ({ name, request }) => {
      const response = await deps.requests.send(name, request);
      if (response.retriedAfterRefresh) {
        const connection = deps.store.find(name);
        if (connection) await events.changed(connection);
      }
      return response;
    },
    'requests.history': async ({ name }) => deps.requests.history(name),
    'requests.clearHistory': async () => ({ removed: await deps.requests.clearHistory() }),
    'requests.curl': async ({ name, request, includeToken }) => ({
      text: await deps.requests.curl(name, request, includeToken),
    }),
  };
}
