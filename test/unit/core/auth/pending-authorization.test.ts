import { createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthorizationCoordinator } from '../../../../main/core/auth/pending-authorization.js';
import { nodeLoopbackListener } from '../../../../main/platform/node/loopback-listener.js';
import { rejection } from '../../../support/typed-errors.js';

let coordinator: AuthorizationCoordinator;

afterEach(async () => {
  const current = coordinator?.current;
  coordinator?.cancelCurrent();
  await current?.result.catch(() => undefined);
});

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('AuthorizationCoordinator', () => {
  it('cancels the previous authorization when a new one starts, and reuses its port', async () => {
    coordinator = new AuthorizationCoordinator({ loopback: nodeLoopbackListener });
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/callback`;

    const first = await coordinator.start({ redirectUri, expectedState: 'state-one' });
    expect(coordinator.current).toBe(first);
    const second = await coordinator.start({ redirectUri, expectedState: 'state-two' });

    expect((await rejection(first.result)).code).toBe('authorization_cancelled');
    expect(first.settled).toBe(true);
    expect(coordinator.current).toBe(second);
    expect(second.id).toBeGreaterThan(first.id);
    expect(second.redirectUri).toBe(redirectUri);

    // The new one owns the port; the old state no longer completes anything.
    const stale = await fetch(`${redirectUri}?state=state-one&code=old`);
    expect(stale.status).toBe(404);
    const fresh = await fetch(`${redirectUri}?state=state-two&code=new`);
    expect(fresh.status).toBe(200);
    expect(await second.result).toMatchObject({ code: 'new' });
    expect(second.settled).toBe(true);
    expect(coordinator.current).toBeUndefined();
  });

  it('settles each authorization once: a late cancel does not change a result', async () => {
    coordinator = new AuthorizationCoordinator({ loopback: nodeLoopbackListener });
    const pending = await coordinator.start({
      redirectUri: 'http://127.0.0.1:0/cb',
      expectedState: 's',
    });
    await fetch(`${pending.redirectUri}?state=s&code=c`);
    expect(await pending.result).toMatchObject({ code: 'c' });
    pending.cancel();
    coordinator.cancelCurrent();
    expect(await pending.result).toMatchObject({ code: 'c' });
  });

  it('rejects a start that is superseded while it waits for the previous one to close', async () => {
    coordinator = new AuthorizationCoordinator({ loopback: nodeLoopbackListener });
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/callback`;
    const first = await coordinator.start({ redirectUri, expectedState: 'a' });
    const [second, third] = await Promise.allSettled([
      coordinator.start({ redirectUri, expectedState: 'b' }),
      coordinator.start({ redirectUri, expectedState: 'c' }),
    ]);
    expect((await rejection(first.result)).code).toBe('authorization_cancelled');
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toMatchObject({
      code: 'authorization_cancelled',
    });
    expect(third.status).toBe('fulfilled');
    expect(coordinator.current?.expectedState).toBe('c');
  });

  it('cancels through the caller’s abort signal', async () => {
    coordinator = new AuthorizationCoordinator({ loopback: nodeLoopbackListener });
    const controller = new AbortController();
    const pending = await coordinator.start({
      redirectUri: 'http://127.0.0.1:0/cb',
      expectedState: 's',
      signal: controller.signal,
    });
    controller.abort();
    expect((await rejection(pending.result)).code).toBe('authorization_cancelled');
    expect(coordinator.current).toBeUndefined();
  });

  it('passes a failure to start (port in use) to the caller and keeps no current authorization', async () => {
    coordinator = new AuthorizationCoordinator({ loopback: nodeLoopbackListener });
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      expect(
        (
          await rejection(
            coordinator.start({ redirectUri: `http://localhost:${port}/cb`, expectedState: 's' }),
          )
        ).code,
      ).toBe('port_in_use');
      expect(coordinator.current).toBeUndefined();
      // And the next start is not blocked by the failed one.
      const next = await coordinator.start({
        redirectUri: 'http://127.0.0.1:0/cb',
        expectedState: 't',
      });
      expect(coordinator.current).toBe(next);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
