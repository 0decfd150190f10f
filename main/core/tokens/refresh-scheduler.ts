// Background refresh for the desktop and browser UI ("Refresh access tokens automatically"):
// once a minute, every authorized connection whose access token would expire before the next
// check plus the copy margin is refreshed, one at a time, through the token manager, so the rate
// guard, single flight and cross-process lock all apply. Failures are recorded on the connection
// by the token manager (lastError, needs-reauth) and never stop the other connections.

import type { Clock } from '../ports.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import type { Connection } from '../store/connection.js';
import { DEFAULT_MIN_VALID_SECONDS, type TokenManager } from './token-manager.js';

export const REFRESH_CHECK_INTERVAL_MS = 60_000;

export interface RefreshSchedulerDeps {
  store: ConnectionStore;
  tokens: TokenManager;
  clock: Clock;
  /** The user's setting, read at every check. */
  isEnabled: () => boolean;
  /** Called after a check that refreshed at least one connection, with those (the UI updates their rows). */
  onRefreshed?: (refreshed: Connection[]) => void;
  intervalMs?: number;
  /** Injected so tests drive the checks themselves; defaults to setInterval/clearInterval. */
  setTimer?: (tick: () => void, intervalMs: number) => () => void;
}

export function createRefreshScheduler(deps: RefreshSchedulerDeps) {
  const intervalMs = deps.intervalMs ?? REFRESH_CHECK_INTERVAL_MS;
  // Valid long enough to be copied right away at any moment until the next check.
  const minValidSeconds = DEFAULT_MIN_VALID_SECONDS + Math.ceil(intervalMs / 1000);
  const setTimer =
    deps.setTimer ??
    ((tick, ms) => {
      const handle = setInterval(tick, ms);
      handle.unref?.();
      return () => clearInterval(handle);
    });
  let running: Promise<number> | undefined;
  let stopTimer: (() => void) | undefined;

  async function check(): Promise<number> {
    if (!deps.isEnabled()) return 0;
    const now = deps.clock.now();
    const due = deps.store
      .list()
      .filter((c) => c.status === 'ready' && c.accessTokenExpiresAt !== undefined)
      .filter((c) => c.accessTokenExpiresAt! - now < minValidSeconds * 1000)
      .filter((c) => !(c.refreshBlockedUntil !== undefined && c.refreshBlockedUntil > now));
    const refreshed: Connection[] = [];
    for (const connection of due) {
      try {
        const result = await deps.tokens.getAccessToken(connection.id, { minValidSeconds });
        if (result.refreshed) refreshed.push(result.connection);
      } catch {
        // Recorded on the connection by the token manager; the next connection still gets its turn.
      }
    }
    if (refreshed.length > 0) deps.onRefreshed?.(refreshed);
    return refreshed.length;
  }

  return {
    /** One check now; overlapping calls share the running one. Resolves to how many were refreshed. */
    tick(): Promise<number> {
      running ??= check().finally(() => (running = undefined));
      return running;
    },
    start(): void {
      stopTimer ??= setTimer(() => void this.tick(), intervalMs);
    },
    stop(): void {
      stopTimer?.();
      stopTimer = undefined;
    },
  };
}
export type RefreshScheduler = ReturnType<typeof createRefreshScheduler>;
