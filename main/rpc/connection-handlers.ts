// The rpc methods on connections: list, add, import, authorize (Self Client code, server sign-in
// with its progress events and cancel), revoke, remove, export. Each changed row is announced
// with its own view (connections.changed { connection } / { removed }).

import { inputError } from '../core/errors.js';
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
  let pendingAuthorization: AbortController | undefined;

  const authorizeServer: HandlerGroup<'connections'>['connections.authorizeServer'] = async ({
    name,
    timeoutSeconds,
    addScopes,
    openBrowser,
  }) => {
    pendingAuthorization?.abort();
    const controller = new AbortController();
    pendingAuthorization = controller;
    const timeoutMs = (timeoutSeconds ?? 300) * 1000;
    // The receiver's timeout starts when it listens; the waiting screen counts down to it.
    let deadline: number | undefined;
    try {
      const connection = await deps.connections.authorizeServerClient(name, {
        openBrowser: openBrowser !== false && (deps.openAuthorizationPage ?? true),
        addScopes,
        timeoutMs,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.step === 'listening') {
            deadline = Date.now() + timeoutMs;
            deps.emit('authorization.progress', { name, step: 'listening', deadline });
          } else if (progress.step === 'sign-in') {
            deps.emit('authorization.progress', {
              name,
              step: 'sign-in',
              url: progress.url,
              browserOpened: progress.browserOpened,
              deadline,
            });
          } else {
            deps.emit('authorization.progress', { name, step: 'exchanging', deadline });
          }
        },
      });
      deps.emit('authorization.progress', { name, step: 'done' });
      return events.changed(connection);
    } catch (error) {
      deps.emit('authorization.progress', {
        name,
        step: controller.signal.aborted ? 'cancelled' : 'failed',
      });
      throw error;
    } finally {
      if (pendingAuthorization === controller) pendingAuthorization = undefined;
    }
  };

  return {
    'connections.list': async () => Promise.all(deps.store.list().map(events.view)),
    'connections.add': async ({ clientSecret, ...input }) =>
      events.changed(await deps.connections.add(input, clientSecret)),
    'connections.importSelfClient': async ({ name, fileText, ...where }) =>
      events.changed(await deps.connections.importSelfClient(name, fileText, where)),
    'connections.authorizeSelfClient': async ({ name, code, scopes }) =>
      events.changed(await deps.connections.authorizeSelfClient(name, code, { scopes })),
    'connections.authorizeServer': authorizeServer,
    'connections.cancelAuthorization': async () => {
      const had = pendingAuthorization !== undefined;
      pendingAuthorization?.abort();
      return { cancelled: had };
    },
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
