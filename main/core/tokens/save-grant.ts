// Storing the outcome of a fresh grant (a code exchange): the tokens to the vault, the grant's
// facts (status ready, expiry, api_domain if trusted, granted scopes, accounts server, user) to
// the store. Runs under the connection's refresh lock, so that a refresh still running elsewhere
// with the old grant cannot finish after us and overwrite the new tokens.

import type { Connection } from '../store/connection.js';
import type { TokenSet } from '../zoho/token-set.js';
import { chooseApiDomain } from './api-domain-trust.js';
import { noRefreshTokenError } from './token-errors.js';
import {
  refreshLockKey,
  type GrantExtra,
  type TokenContext,
  type TokenNotice,
} from './token-types.js';

export async function saveGrant(
  ctx: TokenContext,
  connectionId: string,
  tokens: TokenSet,
  extra: GrantExtra = {},
): Promise<Connection> {
  const connection = ctx.store.require(connectionId);
  const id = connection.id;
  const secrets = ctx.secrets(id);
  return ctx.lock.withLock(refreshLockKey(id), async () => {
    if (tokens.refreshToken) {
      await secrets.set('refresh_token', tokens.refreshToken);
    } else if (!(await secrets.get('refresh_token'))) {
      // Nothing written yet: a connection marked ready without a refresh token would die in an hour.
      throw noRefreshTokenError(connection);
    }
    await secrets.set('access_token', tokens.accessToken);
    const now = ctx.clock.now();
    let notice: TokenNotice | undefined;
    const saved = await ctx.store.update(id, (c) => {
      const chosen = chooseApiDomain(c, tokens.apiDomain);
      notice = chosen.notice;
      // A fresh grant replaces what we knew of the old one's scopes; unknown is better than wrong.
      const {
        lastError: _error,
        refreshBlockedUntil: _blocked,
        grantedScopes: _scopes,
        ...rest
      } = c;
      return {
        ...rest,
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
    ctx.notify(notice);
    return saved;
  });
}

/** Drops undefined values, so that an absent extra never erases a stored one. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
