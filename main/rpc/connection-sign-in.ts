// The rpc methods that wait for a sign-in: server sign-in (loopback callback) and the device flow,
// each with its progress events, and cancel. Owns the one pending authorization: a new wait, of
// either kind, ends the one before, and cancel ends whichever is running.

import type { DeviceAuthorizationProgress } from '../core/auth/device-authorization.js';
import type { ServerAuthorizationProgress } from '../core/auth/server-authorization.js';
import type { Connection } from '../core/store/connection.js';
import type { ConnectionEvents } from './connection-view.js';
import type { EventPayload } from './contract.js';
import type { HandlerGroup, RpcHandlerDeps } from './handlers.js';

type SignInDeps = Pick<RpcHandlerDeps, 'connections' | 'emit' | 'openAuthorizationPage'>;

type SignInHandlers = Pick<
  HandlerGroup<'connections'>,
  'connections.authorizeServer' | 'connections.authorizeDevice' | 'connections.cancelAuthorization'
>;

/** The event a kind of sign-in reports on; both end with done, failed or cancelled. */
type SignInEvent = 'authorization.progress' | 'authorization.device';

export function createSignInHandlers(deps: SignInDeps, events: ConnectionEvents): SignInHandlers {
  let pendingAuthorization: AbortController | undefined;

  /** Runs one wait as the pending authorization and reports how it ended on `event`. */
  async function waitForSignIn(
    event: SignInEvent,
    name: string,
    run: (signal: AbortSignal) => Promise<Connection>,
  ) {
    // One wait at a time, whichever kind: "New code" and a new sign-in end the one before.
    pendingAuthorization?.abort();
    const controller = new AbortController();
    pendingAuthorization = controller;
    try {
      const connection = await run(controller.signal);
      deps.emit(event, { name, step: 'done' });
      return events.changed(connection);
    } catch (error) {
      deps.emit(event, { name, step: controller.signal.aborted ? 'cancelled' : 'failed' });
      throw error;
    } finally {
      if (pendingAuthorization === controller) pendingAuthorization = undefined;
    }
  }

  return {
    'connections.authorizeServer': async ({ name, timeoutSeconds, addScopes, openBrowser }) => {
      const timeoutMs = (timeoutSeconds ?? 300) * 1000;
      // The receiver's timeout starts when it listens; the waiting screen counts down to it.
      let deadline: number | undefined;
      return waitForSignIn('authorization.progress', name, (signal) =>
        deps.connections.authorizeServerClient(name, {
          openBrowser: openBrowser !== false && (deps.openAuthorizationPage ?? true),
          addScopes,
          timeoutMs,
          signal,
          onProgress: (progress) => {
            if (progress.step === 'listening') deadline = Date.now() + timeoutMs;
            deps.emit('authorization.progress', serverProgressEvent(name, progress, deadline));
          },
        }),
      );
    },
    'connections.authorizeDevice': async ({ name, timeoutSeconds, addScopes }) =>
      waitForSignIn('authorization.device', name, (signal) =>
        deps.connections.authorizeDeviceClient(name, {
          // The code goes to the admin; a page opened here would invite accepting with our account.
          openBrowser: false,
          addScopes,
          timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
          signal,
          onProgress: (progress) => {
            const payload = deviceProgressEvent(name, progress);
            if (payload) deps.emit('authorization.device', payload);
          },
        }),
      ),
    'connections.cancelAuthorization': async () => {
      const had = pendingAuthorization !== undefined;
      pendingAuthorization?.abort();
      return { cancelled: had };
    },
  };
}

/** A server sign-in step as the waiting screen gets it; `deadline` is set once the receiver listens. */
function serverProgressEvent(
  name: string,
  progress: ServerAuthorizationProgress,
  deadline: number | undefined,
): EventPayload<'authorization.progress'> {
  switch (progress.step) {
    case 'listening':
      return { name, step: 'listening', deadline };
    case 'sign-in':
      return {
        name,
        step: 'sign-in',
        url: progress.url,
        browserOpened: progress.browserOpened,
        deadline,
      };
    case 'scope-enhancement':
      return { name, step: 'scope-enhancement' };
    case 'full-sign-in':
      return { name, step: 'full-sign-in', reason: progress.reason };
    default:
      return { name, step: 'exchanging', deadline };
  }
}

/** A device-flow step as the invitation screen gets it; none for a poll (nothing happened yet). */
function deviceProgressEvent(
  name: string,
  progress: DeviceAuthorizationProgress,
): EventPayload<'authorization.device'> | undefined {
  switch (progress.step) {
    case 'requesting-code':
    case 'approved':
      return { name, step: progress.step };
    case 'code':
      return {
        name,
        step: 'code',
        userCode: progress.invitation.userCode,
        verificationUrl: progress.invitation.verificationUrl,
        message: progress.invitation.message,
        expiresAt: progress.invitation.expiresAt,
        browserOpened: progress.browserOpened,
      };
    case 'slowed-down':
      return { name, step: 'slowed-down', intervalMs: progress.intervalMs };
    case 'other-dc':
      return { name, step: 'other-dc', location: progress.location };
    case 'polling':
      return undefined;
  }
}
