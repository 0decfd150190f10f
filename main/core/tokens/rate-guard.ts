// The refresh rate guard: Zoho mints at most 10 access tokens per refresh token in any 10 minutes
// and locks the token out for the rest of the window past that (docs/zoho.md §9, Limits). We count
// our own attempts (connection.refreshLog, shared by every process through the store) and honour
// Zoho's own throttle answer (connection.refreshBlockedUntil), so that we refuse locally instead of
// spending a call that can only make things worse. Pure functions: time comes in as `now`.

import { TokenDeskError } from '../errors.js';
import type { Connection } from '../store/connection.js';

export const REFRESH_LIMIT = 10;
export const REFRESH_WINDOW_MS = 10 * 60_000;

/**
 * The attempts that still count at `now`: those less than one window old. An entry from the future
 * (the system clock went back) is kept but pulled to `now`, so that it blocks for one window at most
 * instead of until the clock catches up.
 */
export function pruneRefreshLog(log: readonly number[], now: number): number[] {
  return log
    .map((at) => Math.min(at, now))
    .filter((at) => now - at < REFRESH_WINDOW_MS)
    .sort((a, b) => a - b);
}

/** The log after recording one more attempt at `now`. */
export function recordRefreshAttempt(log: readonly number[], now: number): number[] {
  return [...pruneRefreshLog(log, now), now];
}

export type RefreshRefusal = { retryAt: number; reason: 'local_limit' | 'zoho_throttled' };

/**
 * Why a refresh may not be attempted at `now`, or undefined when it may. When both apply, the later
 * time wins, because that is when a refresh can actually succeed.
 */
export function refreshRefusal(
  connection: Pick<Connection, 'refreshLog' | 'refreshBlockedUntil'>,
  now: number,
): RefreshRefusal | undefined {
  const log = pruneRefreshLog(connection.refreshLog, now);
  // With n >= 10 attempts in the window, the count drops to 9 when the (n-10)th oldest ages out.
  const limitRetryAt =
    log.length >= REFRESH_LIMIT ? log[log.length - REFRESH_LIMIT]! + REFRESH_WINDOW_MS : undefined;
  const blockedUntil =
    connection.refreshBlockedUntil !== undefined && connection.refreshBlockedUntil > now
      ? connection.refreshBlockedUntil
      : undefined;
  if (blockedUntil !== undefined && (limitRetryAt === undefined || blockedUntil >= limitRetryAt)) {
    return { retryAt: blockedUntil, reason: 'zoho_throttled' };
  }
  if (limitRetryAt !== undefined) return { retryAt: limitRetryAt, reason: 'local_limit' };
  return undefined;
}

/** The error for a refused refresh; the same code whether we or Zoho drew the line. */
export function refreshRateLimitedError(
  connectionName: string,
  refusal: RefreshRefusal,
  now: number,
  cause?: unknown,
): TokenDeskError {
  const message =
    refusal.reason === 'zoho_throttled'
      ? `Zoho is refusing new tokens for connection "${connectionName}" for now: it hit Zoho's limit of ${REFRESH_LIMIT} token refreshes per 10 minutes.`
      : `Connection "${connectionName}" hit Zoho's limit of ${REFRESH_LIMIT} token refreshes per 10 minutes, so Token Desk did not ask for another one.`;
  const remedy =
    `The next refresh is allowed at ${isoSeconds(refusal.retryAt)} (${describeWait(refusal.retryAt - now)}). ` +
    'Trying earlier does not help: Zoho blocks the token for the rest of the window.';
  return new TokenDeskError('refresh_rate_limited', message, {
    category: 'refused',
    remedy,
    details: { connection: connectionName, retryAt: refusal.retryAt, reason: refusal.reason },
    cause,
  });
}

/** ISO 8601 in UTC without milliseconds, e.g. 2025-03-01T10:20:00Z. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "in 7 minutes", "in 1 minute", "in 40 seconds": rounded up, so the user never comes back early. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
