import { describe, expect, it } from 'vitest';
import { createTokenManager } from '../../../../main/core/tokens/token-manager.js';
import { createRefreshScheduler } from '../../../../main/core/tokens/refresh-scheduler.js';
import type { Connection } from '../../../../main/core/store/connection.js';
import {
  FakeClock,
  InMemoryConnectionStore,
  InMemoryLock,
  InMemoryVault,
  ScriptedOAuthClient,
  T0,
  makeConnection,
} from '../../../support/fakes.js';

const MINUTE = 60_000;

function setup(connections: Array<Partial<Connection>>, enabled = { value: true }) {
  const clock = new FakeClock();
  const store = new InMemoryConnectionStore(
    connections.map((c, i) => makeConnection({ id: `c${i}`, name: `conn-${i}`, ...c })),
  );
  const vault = new InMemoryVault();
  connections.forEach((_c, i) => {
    vault.setSecret(`c${i}`, 'refresh_token', `1000.refresh.${i}`);
    vault.setSecret(`c${i}`, 'client_secret', 'secret');
    vault.setSecret(`c${i}`, 'access_token', `1000.access.cached.${i}`);
  });
  const oauth = new ScriptedOAuthClient(clock);
  const tokens = createTokenManager({ store, vault, oauth, lock: new InMemoryLock(), clock });
  let changed = 0;
  const refreshedNames: string[][] = [];
  let timerTick: (() => void) | undefined;
  let timerStopped = false;
  const scheduler = createRefreshScheduler({
    store,
    tokens,
    clock,
    isEnabled: () => enabled.value,
    onRefreshed: (refreshed) => {
      changed += 1;
      refreshedNames.push(refreshed.map((c) => c.name));
    },
    setTimer: (tick) => {
      timerTick = tick;
      return () => (timerStopped = true);
    },
  });
  return {
    clock,
    store,
    oauth,
    scheduler,
    changed: () => changed,
    refreshedNames,
    timer: () => ({ tick: timerTick, stopped: timerStopped }),
  };
}

describe('refresh scheduler', () => {
  it('refreshes only ready connections that would expire before the next check plus the copy margin', async () => {
    const { oauth, scheduler, store, changed, refreshedNames } = setup([
      { status: 'ready', accessTokenExpiresAt: T0 + 4 * MINUTE }, // due
      { status: 'ready', accessTokenExpiresAt: T0 + 50 * MINUTE }, // fresh
      { status: 'needs-reauth', accessTokenExpiresAt: T0 + MINUTE }, // dead grant: left alone
      { status: 'new' }, // never authorized
      { status: 'ready', accessTokenExpiresAt: T0 + MINUTE, refreshBlockedUntil: T0 + 5 * MINUTE }, // throttled
    ]);
    expect(await scheduler.tick()).toBe(1);
    expect(oauth.refreshCount).toBe(1);
    expect(oauth.refreshCalls[0]!.refreshToken).toBe('1000.refresh.0');
    expect(store.find('conn-0')!.accessTokenExpiresAt).toBe(T0 + 60 * MINUTE);
    expect(changed()).toBe(1);
    // The window updates that one row (connections.changed { connection }).
    expect(refreshedNames).toEqual([['conn-0']]);
  });

  it('does nothing when the setting is off, and resumes when it is on again', async () => {
    const enabled = { value: false };
    const { oauth, scheduler } = setup(
      [{ status: 'ready', accessTokenExpiresAt: T0 + MINUTE }],
      enabled,
    );
    expect(await scheduler.tick()).toBe(0);
    expect(oauth.refreshCount).toBe(0);
    enabled.value = true;
    expect(await scheduler.tick()).toBe(1);
  });

  it('a failing connection does not stop the others, and is recorded on the connection', async () => {
    const { oauth, scheduler, store } = setup([
      { status: 'ready', accessTokenExpiresAt: T0 + MINUTE },
      { status: 'ready', accessTokenExpiresAt: T0 + MINUTE },
    ]);
    oauth.willFail('invalid_code', 'auth');
    expect(await scheduler.tick()).toBe(1);
    expect(oauth.refreshCount).toBe(2);
    expect(store.find('conn-0')!.status).toBe('needs-reauth');
    expect(store.find('conn-1')!.status).toBe('ready');
  });

  it('overlapping checks share one run; the timer drives checks until stopped', async () => {
    const { oauth, scheduler, timer } = setup([
      { status: 'ready', accessTokenExpiresAt: T0 + MINUTE },
    ]);
    const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect([a, b]).toEqual([1, 1]);
    expect(oauth.refreshCount).toBe(1);
    scheduler.start();
    expect(timer().tick).toBeTypeOf('function');
    scheduler.stop();
    expect(timer().stopped).toBe(true);
  });
});
