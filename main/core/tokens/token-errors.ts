// The token manager's errors, and what a failed refresh means: the error the caller sees and the
// change to the connection record (needs-reauth on a refused refresh token, a block until Zoho's
// throttle window ends). Messages never contain a secret.

import { TokenDeskError, isTokenDeskError } from '../errors.js';
import type { Connection } from '../store/connection.js';
import { REFRESH_WINDOW_MS, refreshRateLimitedError } from './rate-guard.js';

const AUTHORIZE_AGAIN = 'Authorize the connection again and sign in to Zoho.';

function authorizeHint(connection: Connection): string {
  return connection.clientType === 'self' && !connection.clientCredentials
    ? `token-desk authorize ${connection.name} --code <grant code>`
    : `token-desk authorize ${connection.name}`;
}

export interface RefreshFailure {
  error: unknown;
  lastError: { code: string; message: string; at: number };
  change: (connection: Connection) => Connection;
}

/** What a failed refresh means for the caller (the error) and for the record (the change). */
export function describeRefreshFailure(
  connection: Connection,
  error: unknown,
  now: number,
): RefreshFailure {
  let thrown: unknown = error;
  let change = (c: Connection): Connection => c;
  if (isTokenDeskError(error) && error.code === 'invalid_code') {
    thrown = refreshTokenRejectedError(connection, error);
    change = (c) => ({ ...c, status: 'needs-reauth' });
  } else if (
    isTokenDeskError(error) &&
    (error.code === 'throttled' || error.code === 'access_denied')
  ) {
    // Zoho's "Access Denied" on a refresh is its throttle (docs/zoho.md §8, Errors from the
    // accounts server, and §9, Limits): wait out the window, never retry in a loop.
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

export function needsReauthorizationError(connection: Connection): TokenDeskError {
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

export function notAuthorizedError(connection: Connection): TokenDeskError {
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

export function missingClientSecretError(connection: Connection): TokenDeskError {
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

export function noRefreshTokenError(connection: Connection): TokenDeskError {
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
