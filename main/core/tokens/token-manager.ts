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

import { TokenDeskError, inputError, isTokenDeskError } from '../errors.js';
import type { Clock, LockPort } from '../ports.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import {
  VAULT_SERVICE,
  secretAccount,
  type Connection,
  type SecretKind,
} from '../store/connection.js';
import type { SecretVault } from '../vault/secret-vault.js';
import { isTrustedApiDomain } from '../zoho/data-centres.js';
import { hostOf } from '../../vocabulary/index.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import type { TokenSet } from '../zoho/token-set.js';
import {
  REFRESH_WINDOW_MS,
  recordRefreshAttempt,
  refreshRateLimitedError,
  refreshRefusal,
} from './rate-guard.js';
import { SingleFlight } from './single-flight.js';

/** Zoho advises reusing a token until about 5 minutes before it expires (reference §5). */
export const DEFAULT_MIN_VALID_SECONDS = 300;

export interface AccessTokenResult {
  accessToken: string;
  /** ms since epoch */
  expiresAt: number;
  /** Where API calls for this connection go. */
  apiDomain: string;
  /** The connection record as of this result (after the refresh, if one happened). */
  connection: Connection;
  /** True when this result came from a refresh made for this call (or a call it joined). */
  refreshed: boolean;
}

/** Something the user should know about an operation that still succeeded. Never a secret. */
export interface TokenNotice {
  code: 'untrusted_api_domain';
  /** The connection's name. */
  connection: string;
  /** One plain-language line. */
  message: string;
  details: Record<string, unknown>;
}

export interface TokenManagerDeps {
  store: ConnectionStore;
  vault: SecretVault;
  oauth: ZohoOAuthClient;
  lock: LockPort;
  clock: Clock;
  /** Told about notices (e.g. an api_domain that was not stored); the CLI prints a warning line. */
  onNotice?: (notice: TokenNotice) => void;
}

export interface RefreshOptions {
  /** Called just before the token endpoint is contacted (not when another process's fresh token is used). */
  beforeZohoCall?: (accountsHost: string) => void;
}

export type GrantExtra = Partial<Pick<Connection, 'accountsUrl' | 'location' | 'user'>>;

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

/** The cross-process lock that serializes refreshes (and grant saves) of one connection. */
export function refreshLockKey(connectionId: string): string {
  return `refresh-${connectionId}`;
}

/** What the caller needs from a refresh; decides, inside the lock, whether Zoho must be called. */
type Need =
  /** A token valid at least this long (getAccessToken). */
  | { kind: 'valid-for'; minValidMs: number }
  /** A token other than the one the caller saw (refresh): someone else's fresh token will do. */
  | { kind: 'other-than'; accessToken: string | null };

/** The API domain to keep after a token answer, and the notice when the answer's was refused. */
function chooseApiDomain(
  connection: Connection,
  answered: string | undefined,
): { apiDomain: string; notice?: TokenNotice } {
  if (answered === undefined || answered === connection.apiDomain) {
    return { apiDomain: connection.apiDomain };
  }
  if (isTrustedApiDomain(answered, connection.custom?.apiDomain)) return { apiDomain: answered };
  const shown = answered.length > 120 ? `${answered.slice(0, 120)}…` : answered;
  return {
    apiDomain: connection.apiDomain,
    notice: {
      code: 'untrusted_api_domain',
      connection: connection.name,
      message:
        `The token answer for "${connection.name}" named ${shown} as its API domain, which is not a Zoho API host ` +
        `or this connection's own server. Token Desk ignored it and keeps sending requests to ${connection.apiDomain}.`,
      details: { answered: shown, kept: connection.apiDomain },
    },
  };
}

export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const { store, vault, oauth, lock, clock } = deps;
  const notify = (notice: TokenNotice | undefined) => {
    if (!notice || !deps.onNotice) return;
    try {
      deps.onNotice(notice);
    } catch {
      // A failing listener must not turn a successful refresh into a failure.
    }
  };
  // Per instance on purpose: the flights of another instance (another process) are not visible
  // here, and the lock + re-read inside it is what deduplicates across them.
  const flights = new SingleFlight<AccessTokenResult>();

  const readSecret = (id: string, kind: SecretKind) =>
    vault.getPassword(VAULT_SERVICE, secretAccount(id, kind));
  const writeSecret = (id: string, kind: SecretKind, value: string) =>
    vault.setPassword(VAULT_SERVICE, secretAccount(id, kind), value);

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
    const outcome = await flights.run(connection.id, () => refreshUnderLock(connection.id, need));
    // We may have joined a flight started for a laxer need that was met by a token another process
    // had just minted; that token can be too short-lived for us. One more flight, for our own need.
    if (!outcome.refreshed && outcome.expiresAt - clock.now() < minValidMs) {
      return flights.run(connection.id, () => refreshUnderLock(connection.id, need));
    }
    return outcome;
  }

  async function refresh(
    nameOrId: string,
    options: RefreshOptions = {},
  ): Promise<AccessTokenResult> {
    const connection = store.require(nameOrId);
    const seen = await readSecret(connection.id, 'access_token');
    return flights.run(connection.id, () =>
      refreshUnderLock(connection.id, { kind: 'other-than', accessToken: seen }, options),
    );
  }

  async function cachedToken(
    connection: Connection,
    minValidMs: number,
  ): Promise<AccessTokenResult | undefined> {
    const expiresAt = connection.accessTokenExpiresAt;
    if (expiresAt === undefined || expiresAt - clock.now() < minValidMs) return undefined;
    const accessToken = await readSecret(connection.id, 'access_token');
    return accessToken ? toResult(connection, accessToken, expiresAt, false) : undefined;
  }

  function refreshUnderLock(
    connectionId: string,
    need: Need,
    options: RefreshOptions = {},
  ): Promise<AccessTokenResult> {
    return lock.withLock(refreshLockKey(connectionId), async () => {
      // Re-read everything: while we waited for the lock, another process may have refreshed,
      // been throttled, been marked needs-reauth, or saved a new grant.
      const connection = store.require(connectionId);
      if (connection.status === 'needs-reauth') throw needsReauthorizationError(connection);

      const now = clock.now();
      const current = await readSecret(connectionId, 'access_token');
      if (
        current &&
        connection.accessTokenExpiresAt !== undefined &&
        isNeedMet(need, current, connection.accessTokenExpiresAt - now)
      ) {
        return toResult(connection, current, connection.accessTokenExpiresAt, false);
      }

      // The guard is checked here, after the re-read, and not before taking the lock: a refresh
      // in flight elsewhere already counts in the log, and its token may be exactly what we need.
      const refusal = refreshRefusal(connection, now);
      if (refusal) throw refreshRateLimitedError(connection.name, refusal, now);

      try {
        return await refreshWithZoho(connection, options);
      } catch (error) {
        const failure = describeFailure(connection, error, clock.now());
        await recordFailure(connectionId, failure);
        throw failure.error;
      }
    });
  }

  async function refreshWithZoho(
    connection: Connection,
    options: RefreshOptions,
  ): Promise<AccessTokenResult> {
    const id = connection.id;
    const refreshToken = await readSecret(id, 'refresh_token');
    if (!refreshToken) throw notAuthorizedError(connection);
    const clientSecret = await readSecret(id, 'client_secret');
    if (!clientSecret) throw missingClientSecretError(connection);

    // Count the attempt before making it: if this process dies mid-call, or the http layer retries
    // against the endpoint, the budget errs on the side of fewer calls, never more.
    const attemptAt = clock.now();
    await store.update(id, (c) => ({
      ...c,
      refreshLog: recordRefreshAttempt(c.refreshLog, attemptAt),
      updatedAt: attemptAt,
    }));

    options.beforeZohoCall?.(hostOf(connection.accountsUrl));
    const tokens = await oauth.refresh({
      accountsUrl: connection.accountsUrl,
      clientId: connection.clientId,
      clientSecret,
      refreshToken,
    });

    // Rotation: the old refresh token may already be dead, so the new one is saved first.
    if (tokens.refreshToken && tokens.refreshToken !== refreshToken) {
      await writeSecret(id, 'refresh_token', tokens.refreshToken);
    }
    // The token before its expiry: a crash in between leaves a fresh token with a stale expiry
    // (one extra refresh later), never a stale token with a fresh expiry.
    await writeSecret(id, 'access_token', tokens.accessToken);
    const updatedAt = clock.now();
    let notice: TokenNotice | undefined;
    const updated = await store.update(id, (c) => {
      const chosen = chooseApiDomain(c, tokens.apiDomain);
      notice = chosen.notice;
      return {
        ...withoutKeys(c, ['lastError', 'refreshBlockedUntil']),
        status: 'ready',
        accessTokenExpiresAt: tokens.expiresAt,
        apiDomain: chosen.apiDomain,
        grantedScopes: tokens.scopes ?? c.grantedScopes,
        updatedAt,
      };
    });
    notify(notice);
    return toResult(updated, tokens.accessToken, tokens.expiresAt, true);
  }

  /** Best effort: the refresh failure is what the caller must see, not a failure to record it. */
  async function recordFailure(connectionId: string, failure: Failure): Promise<void> {
    try {
      await store.update(connectionId, (c) => ({
        ...failure.change(c),
        lastError: failure.lastError,
        updatedAt: failure.lastError.at,
      }));
    } catch {
      // The store is failing too; the original error still reaches the caller.
    }
  }

  async function saveGrant(
    connectionId: string,
    tokens: TokenSet,
    extra: GrantExtra = {},
  ): Promise<Connection> {
    const connection = store.require(connectionId);
    const id = connection.id;
    // Under the refresh lock, so that a refresh running elsewhere with the old grant cannot
    // finish after us and overwrite the new tokens or mark the new grant needs-reauth.
    return lock.withLock(refreshLockKey(id), async () => {
      if (tokens.refreshToken) {
        await writeSecret(id, 'refresh_token', tokens.refreshToken);
      } else if (!(await readSecret(id, 'refresh_token'))) {
        // Nothing written yet: a connection marked ready without a refresh token would die in an hour.
        throw noRefreshTokenError(connection);
      }
      await writeSecret(id, 'access_token', tokens.accessToken);
      const now = clock.now();
      let notice: TokenNotice | undefined;
      const saved = await store.update(id, (c) => {
        const chosen = chooseApiDomain(c, tokens.apiDomain);
        notice = chosen.notice;
        return {
          // A fresh grant replaces what we knew of the old one's scopes; unknown is better than wrong.
          ...withoutKeys(c, ['lastError', 'refreshBlockedUntil', 'grantedScopes']),
          ...definedOnly({
            accountsUrl: extra.accountsUrl,
            location: extra.location,
            user: extra.user,
          }),
          ...(tokens.scopes ? { grantedScopes: tokens.scopes } : {}),
          status: 'ready',
          accessTokenExpiresAt: tokens.expiresAt,
          apiDomain: chosen.apiDomain,
          updatedAt: now,
        };
      });
      notify(notice);
      return saved;
    });
  }

  return { getAccessToken, refresh, saveGrant };
}

function isNeedMet(need: Need, current: string, remainingMs: number): boolean {
  if (need.kind === 'valid-for') return remainingMs >= need.minValidMs;
  // Someone else refreshed since the caller looked: a just-minted token serves "refresh now" as well
  // as another one would, and saves one of the ten refreshes per ten minutes.
  return current !== need.accessToken && remainingMs >= DEFAULT_MIN_VALID_SECONDS * 1000;
}

function toResult(
  connection: Connection,
  accessToken: string,
  expiresAt: number,
  refreshed: boolean,
): AccessTokenResult {
  return { accessToken, expiresAt, apiDomain: connection.apiDomain, connection, refreshed };
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

interface Failure {
  error: unknown;
  lastError: { code: string; message: string; at: number };
  change: (connection: Connection) => Connection;
}

/** What a failed refresh means for the caller (the error) and for the record (the change). */
function describeFailure(connection: Connection, error: unknown, now: number): Failure {
  let thrown: unknown = error;
  let change = (c: Connection): Connection => c;
  if (isTokenDeskError(error) && error.code === 'invalid_code') {
    thrown = refreshTokenRejectedError(connection, error);
    change = (c) => ({ ...c, status: 'needs-reauth' });
  } else if (
    isTokenDeskError(error) &&
    (error.code === 'throttled' || error.code === 'access_denied')
  ) {
    // Zoho's "Access Denied" on a refresh is its throttle (reference §4.2, §8.5): wait out the
    // window, never retry in a loop.
    const retryAt =
      typeof error.details.retryAt === 'number' && error.details.retryAt > now
        ? error.details.retryAt
        : now + REFRESH_WINDOW_MS;
    thrown = refreshRateLimitedError(
      connection.name,
      { retryAt, reason: 'zoho_throttled' },
      now,
      error,
    );
    change = (c) => ({ ...c, refreshBlockedUntil: retryAt });
  }
  // TokenDeskError messages are secret-free by contract; anything else might quote a request.
  const lastError = isTokenDeskError(thrown)
    ? { code: thrown.code, message: thrown.message, at: now }
    : {
        code: 'unexpected_error',
        message: 'Refreshing the access token failed unexpectedly.',
        at: now,
      };
  return { error: thrown, lastError, change };
}

const AUTHORIZE_AGAIN = 'Authorize the connection again and sign in to Zoho.';

function authorizeHint(connection: Connection): string {
  return connection.clientType === 'self'
    ? `token-desk authorize ${connection.name} --code <grant code>`
    : `token-desk authorize ${connection.name}`;
}

function needsReauthorizationError(connection: Connection): TokenDeskError {
  return new TokenDeskError(
    'needs_reauthorization',
    `Connection "${connection.name}" needs to be authorized again: Zoho refused its refresh token the last time it was used.`,
    {
      category: 'auth',
      remedy: AUTHORIZE_AGAIN,
      cliHint: authorizeHint(connection),
      details: { connection: connection.name },
    },
  );
}

function refreshTokenRejectedError(connection: Connection, cause: TokenDeskError): TokenDeskError {
  return new TokenDeskError(
    'needs_reauthorization',
    `Zoho refused the refresh token of connection "${connection.name}": it was revoked, or pushed out because ` +
      'the same user and client created more than 20 refresh tokens.',
    {
      category: 'auth',
      remedy: AUTHORIZE_AGAIN,
      cliHint: authorizeHint(connection),
      details: { connection: connection.name, zohoError: cause.code },
      cause,
    },
  );
}

function notAuthorizedError(connection: Connection): TokenDeskError {
  return new TokenDeskError(
    'not_authorized',
    `Connection "${connection.name}" has no refresh token: it has not been authorized yet, or its saved token was lost.`,
    {
      category: 'auth',
      remedy: 'Authorize the connection to sign in to Zoho and grant access.',
      cliHint: authorizeHint(connection),
      details: { connection: connection.name },
    },
  );
}

function missingClientSecretError(connection: Connection): TokenDeskError {
  return new TokenDeskError(
    'missing_client_secret',
    `The client secret of connection "${connection.name}" is missing from the secret store, so its token cannot be refreshed.`,
    {
      category: 'auth',
      remedy:
        'Remove the connection and add it again with its client secret (from the Zoho API Console), then authorize it.',
      cliHint: `token-desk remove ${connection.name}, then token-desk add ${connection.name} … and token-desk authorize ${connection.name}`,
      details: { connection: connection.name },
    },
  );
}

function noRefreshTokenError(connection: Connection): TokenDeskError {
  return new TokenDeskError(
    'no_refresh_token',
    `Zoho granted access to connection "${connection.name}" but sent no refresh token, so the access could not be kept past one hour. Nothing was saved.`,
    {
      category: 'auth',
      remedy:
        'Authorize again. Token Desk asks for offline access with prompt=consent, which makes Zoho send one; ' +
        'for a Self Client, generate the code with access type "offline".',
      details: { connection: connection.name },
    },
  );
}

function withoutKeys<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Drops undefined values, so that an absent extra never erases a stored one. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
