// One refresh of one connection under its cross-process lock: re-read the state inside the lock
// (another process may have refreshed, been throttled, or saved a new grant meanwhile), decide
// whether Zoho must be called at all, check the rate guard, call the token endpoint, and store the
// outcome. A failure is recorded on the connection and never touches the stored refresh token.

import { hostOf } from '../../vocabulary/index.js';
import { mintClientCredentialsToken, usesClientCredentials } from '../auth/client-credentials.js';
import { clientSecretFor } from '../connections/dc-secrets.js';
import type { Connection } from '../store/connection.js';
import { recordRefreshAttempt, refreshRateLimitedError, refreshRefusal } from './rate-guard.js';
import { chooseApiDomain } from './api-domain-trust.js';
import {
  describeRefreshFailure,
  missingClientSecretError,
  needsReauthorizationError,
  notAuthorizedError,
  type RefreshFailure,
} from './token-errors.js';
import {
  DEFAULT_MIN_VALID_SECONDS,
  refreshLockKey,
  toResult,
  type AccessTokenResult,
  type RefreshOptions,
  type TokenContext,
  type TokenNotice,
} from './token-types.js';

/** What the caller needs from a refresh; decides, inside the lock, whether Zoho must be called. */
export type Need =
  /** A token valid at least this long (getAccessToken). */
  | { kind: 'valid-for'; minValidMs: number }
  /** A token other than the one the caller saw (refresh): someone else's fresh token will do. */
  | { kind: 'other-than'; accessToken: string | null };

export function refreshUnderLock(
  ctx: TokenContext,
  connectionId: string,
  need: Need,
  options: RefreshOptions = {},
): Promise<AccessTokenResult> {
  const { store, clock } = ctx;
  return ctx.lock.withLock(refreshLockKey(connectionId), async () => {
    // Re-read everything: while we waited for the lock, another process may have refreshed,
    // been throttled, been marked needs-reauth, or saved a new grant.
    const connection = store.require(connectionId);
    if (connection.status === 'needs-reauth') throw needsReauthorizationError(connection);

    const now = clock.now();
    const current = await ctx.secrets(connectionId).get('access_token');
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
      return await refreshWithZoho(ctx, connection, options);
    } catch (error) {
      const failure = describeRefreshFailure(connection, error, clock.now());
      await recordFailure(ctx, connectionId, failure);
      throw failure.error;
    }
  });
}

function isNeedMet(need: Need, current: string, remainingMs: number): boolean {
  if (need.kind === 'valid-for') return remainingMs >= need.minValidMs;
  // Someone else refreshed since the caller looked: a just-minted token serves "refresh now" as well
  // as another one would, and saves one of the ten refreshes per ten minutes.
  return current !== need.accessToken && remainingMs >= DEFAULT_MIN_VALID_SECONDS * 1000;
}

async function refreshWithZoho(
  ctx: TokenContext,
  connection: Connection,
  options: RefreshOptions,
): Promise<AccessTokenResult> {
  const { store, clock } = ctx;
  const id = connection.id;
  const secrets = ctx.secrets(id);
  // A client-credentials Self Client has no refresh token: each new access token is minted anew.
  const clientCredentials = usesClientCredentials(connection);
  const refreshToken = clientCredentials
    ? undefined
    : ((await secrets.get('refresh_token')) ?? undefined);
  if (!clientCredentials && !refreshToken) throw notAuthorizedError(connection);
  const clientSecret = await clientSecretFor(
    secrets,
    connection,
    connection.accountsUrl,
    connection.location,
  );
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
  const tokens =
    refreshToken === undefined
      ? await mintClientCredentialsToken(ctx.oauth, connection, clientSecret)
      : await ctx.oauth.refresh({
          accountsUrl: connection.accountsUrl,
          clientId: connection.clientId,
          clientSecret,
          refreshToken,
        });

  // Rotation: the old refresh token may already be dead, so the new one is saved first.
  if (refreshToken !== undefined && tokens.refreshToken && tokens.refreshToken !== refreshToken) {
    await secrets.set('refresh_token', tokens.refreshToken);
  }
  // The token before its expiry: a crash in between leaves a fresh token with a stale expiry
  // (one extra refresh later), never a stale token with a fresh expiry.
  await secrets.set('access_token', tokens.accessToken);
  const updatedAt = clock.now();
  let notice: TokenNotice | undefined;
  const updated = await store.update(id, (c) => {
    const chosen = chooseApiDomain(c, tokens.apiDomain);
    notice = chosen.notice;
    const { lastError: _error, refreshBlockedUntil: _blocked, ...rest } = c;
    return {
      ...rest,
      status: 'ready',
      accessTokenExpiresAt: tokens.expiresAt,
      apiDomain: chosen.apiDomain,
      grantedScopes: tokens.scopes ?? c.grantedScopes,
      updatedAt,
    };
  });
  ctx.notify(notice);
  return toResult(updated, tokens.accessToken, tokens.expiresAt, true);
}

/** Best effort: the refresh failure is what the caller must see, not a failure to record it. */
async function recordFailure(
  ctx: TokenContext,
  connectionId: string,
  failure: RefreshFailure,
): Promise<void> {
  try {
    await ctx.store.update(connectionId, (c) => ({
      ...failure.change(c),
      lastError: failure.lastError,
      updatedAt: failure.lastError.at,
    }));
  } catch {
    // The store is failing too; the original error still reaches the caller.
  }
}
