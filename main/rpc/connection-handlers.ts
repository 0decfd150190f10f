// The rpc methods on connections: list, add, import, authorize (Self Client code, server sign-in
// and device flow with their progress events, and cancel), revoke, remove, export. Each changed row is announced
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
          } else if (progress.step === 'scope-enhancement') {
            deps.emit('authorization.progress', { name, step: 'scope-enhancement' });
          } else if (progress.step === 'full-sign-in') {
            deps.emit('authorization.progress', {
              name,
              step: 'full-sign-in',
              reason: progress.reason,
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

  const authorizeDevice: HandlerGroup<'connections'>['connections.authorizeDevice'] = async ({
    name,
    timeoutSeconds,
    addScopes,
  }) => {
    // One wait at a time, whichever kind: "New code" and a new sign-in end the one before.
    pendingAuthorization?.abort();
    const controller = new AbortController();
    pendingAuthorization = controller;
    try {
      const connection = await deps.connections.authorizeDeviceClient(name, {
        // The code goes to the admin; a page opened here would invite accepting with our account.
        openBrowser: false,
        addScopes,
        timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
        signal: controller.signal,
        onProgress: (progress) => {
          switch (progress.step) {
            case 'requesting-code':
            case 'approved':
              return deps.emit('authorization.device', { name, step: progress.step });
            case 'code':
              return deps.emit('authorization.device', {
                name,
                step: 'code',
                userCode: progress.invitation.userCode,
                verificationUrl: progress.invitation.verificationUrl,
                message: progress.invitation.message,
                expiresAt: progress.invitation.expiresAt,
                browserOpened: progress.browserOpened,
              });
            case 'slowed-down':
              return deps.emit('authorization.device', {
                name,
                step: 'slowed-down',
                intervalMs: progress.intervalMs,
              });
            case 'other-dc':
              return deps.emit('authorization.device', {
                name,
                step: 'other-dc',
                location: progress.location,
              });
            case 'polling':
              return;
          }
        },
      });
      deps.emit('authorization.device', { name, step: 'done' });
      return events.changed(connection);
    } catch (error) {
      deps.emit('authorization.device', {
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
    'connections.authorizeServer': authorizeServer,
    'connections.authorizeDevice': authorizeDevice,
    'connections.authorizeClientCredentials': async ({ name }) =>
      events.changed(await deps.connections.authorizeClientCredentials(name)),
    'connections.refreshTokenWarning': async ({ name }) => ({
      warning: deps.connections.refreshTokenLimitWarning(name),
    }),
    'connections.setDcSecret': async ({ name, dc, clientSecret }) =>
      events.changed(await deps.connections.setDcSecret(name, dc, clientSecret)),
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
