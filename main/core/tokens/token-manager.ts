// The token manager owns "give me a working access token": the cache (vault + expiry in the store),
// refreshing when needed, single flight (one refresh however many callers, in this process and in
// others), the 10-per-10-minutes rate guard, and storing the outcome of a fresh grant.
//
// Invariants:
// - A failed refresh never overwrites or deletes the stored refresh token; only a success writes
//   secrets, and a rotated refresh token is written before anything else so it cannot be lost.
// - Every refresh runs under lock 'refresh-<id>' and decides on state re-read inside the lock, so
//   a process that waited for another one's refresh uses that token instead of calling Zoho.
// - Time comes only from the injected clock; nothing here sleeps, retries or sets timers.
// - An api_domain from a token answer is stored only if it is a Zoho API host or the connection's
//   own custom server: every later request sends the access token there. Otherwise the previous
//   value stays, the refresh still succeeds, and the shell is told (onNotice).
//
// The parts: locked-refresh.ts (the refresh under the lock), save-grant.ts, api-domain-trust.ts,
// rate-guard.ts, token-errors.ts (errors and what a failure changes on the record).

import { inputError } from '../errors.js';
import type { Clock, LockPort } from '../ports.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import type { Connection } from '../store/connection.js';
import { connectionSecrets } from '../vault/connection-secrets.js';
import type { SecretVault } from '../vault/secret-vault.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import type { TokenSet } from '../zoho/token-set.js';
import { safeNotifier } from './api-domain-trust.js';
import { refreshUnderLock, type Need } from './locked-refresh.js';
import { saveGrant } from './save-grant.js';
import { SingleFlight } from './single-flight.js';
import {
  DEFAULT_MIN_VALID_SECONDS,
  toResult,
  type AccessTokenResult,
  type GrantExtra,
  type RefreshOptions,
  type TokenContext,
  type TokenNotice,
} from './token-types.js';

export {
  DEFAULT_MIN_VALID_SECONDS,
  refreshLockKey,
  type AccessTokenResult,
  type GrantExtra,
  type RefreshOptions,
  type TokenNotice,
} from './token-types.js';

export interface TokenManagerDeps {
  store: ConnectionStore;
  /** Any keytar-style vault; the manager reads and writes one connection's secrets at a time. */
  vault: SecretVault;
  oauth: ZohoOAuthClient;
  lock: LockPort;
  clock: Clock;
  /** Told about notices (e.g. an api_domain that was not stored); the CLI prints a warning line. */
  onNotice?: (notice: TokenNotice) => void;
}

export interface TokenManager {
  /** Cached token when it stays valid at least minValidSeconds (default 300), else one refresh. */
  getAccessToken(
    nameOrId: string,
    options?: { minValidSeconds?: number },
  ): Promise<AccessTokenResult>;
  /** Refresh now (still subject to the rate guard and single flight). */
  refresh(nameOrId: string, options?: RefreshOptions): Promise<AccessTokenResult>;
  /**
   * Store the outcome of a fresh grant (code exchange): secrets to the vault, metadata to the store
   * (status ready, expiry, apiDomain if given, grantedScopes, clears lastError/refreshBlockedUntil).
   */
  saveGrant(connectionId: string, tokens: TokenSet, extra?: GrantExtra): Promise<Connection>;
}

export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const { store, vault, clock } = deps;
  const ctx: TokenContext = {
    store,
    secrets: (id) => connectionSecrets(vault, id),
    oauth: deps.oauth,
    lock: deps.lock,
    clock,
    notify: safeNotifier(deps.onNotice),
  };
  // Per instance on purpose: the flights of another instance (another process) are not visible
  // here, and the lock + re-read inside it is what deduplicates across them.
  const flights = new SingleFlight<AccessTokenResult>();
  const flight = (id: string, need: Need, options?: RefreshOptions) =>
    flights.run(id, () => refreshUnderLock(ctx, id, need, options));

  async function getAccessToken(
    nameOrId: string,
    options: { minValidSeconds?: number } = {},
  ): Promise<AccessTokenResult> {
    const minValidMs = minValidMillis(options.minValidSeconds);
    const connection = store.require(nameOrId);
    // A connection marked needs-reauth skips the cache: its refresh token was refused, and the
    // access tokens minted from it are not worth handing out. The lock path reports it (after
    // re-reading, in case another process is saving a new grant right now).
    if (connection.status !== 'needs-reauth') {
      const cached = await cachedToken(connection, minValidMs);
      if (cached) return cached;
    }
    const need: Need = { kind: 'valid-for', minValidMs };
    const outcome = await flight(connection.id, need);
    // We may have joined a flight started for a laxer need that was met by a token another process
    // had just minted; that token can be too short-lived for us. One more flight, for our own need.
    if (!outcome.refreshed && outcome.expiresAt - clock.now() < minValidMs) {
      return flight(connection.id, need);
    }
    return outcome;
  }

  async function cachedToken(
    connection: Connection,
    minValidMs: number,
  ): Promise<AccessTokenResult | undefined> {
    const expiresAt = connection.accessTokenExpiresAt;
    if (expiresAt === undefined || expiresAt - clock.now() < minValidMs) return undefined;
    const accessToken = await ctx.secrets(connection.id).get('access_token');
    return accessToken ? toResult(connection, accessToken, expiresAt, false) : undefined;
  }

  return {
    getAccessToken,
    async refresh(nameOrId, options = {}) {
      const connection = store.require(nameOrId);
      const seen = await ctx.secrets(connection.id).get('access_token');
      return flight(connection.id, { kind: 'other-than', accessToken: seen }, options);
    },
    saveGrant: (connectionId, tokens, extra) => saveGrant(ctx, connectionId, tokens, extra),
  };
}

function minValidMillis(minValidSeconds: number | undefined): number {
  const seconds = minValidSeconds ?? DEFAULT_MIN_VALID_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw inputError(
      'invalid_min_valid_seconds',
      `The minimum validity must be a number of seconds, 0 or more (got ${String(minValidSeconds)}).`,
      `Leave it out to use the default of ${DEFAULT_MIN_VALID_SECONDS} seconds.`,
    );
  }
  return seconds * 1000;
}
