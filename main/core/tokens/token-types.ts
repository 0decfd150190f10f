// The token manager's public vocabulary (results, notices, options) and the context its parts
// share. Kept apart from token-manager.ts so the parts (refresh, grant, api_domain trust) can
// import it without importing the manager.

import type { Clock, LockPort } from '../ports.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import type { Connection } from '../store/connection.js';
import type { ConnectionSecrets } from '../vault/connection-secrets.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';

/** Zoho advises reusing a token until about 5 minutes before it expires (docs/zoho.md §9, Limits). */
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

export interface RefreshOptions {
  /** Called just before the token endpoint is contacted (not when another process's fresh token is used). */
  beforeZohoCall?: (accountsHost: string) => void;
}

export type GrantExtra = Partial<Pick<Connection, 'accountsUrl' | 'location' | 'user'>>;

/** What the parts of the token manager share, built once per manager. */
export interface TokenContext {
  store: ConnectionStore;
  secrets: (connectionId: string) => ConnectionSecrets;
  oauth: ZohoOAuthClient;
  lock: LockPort;
  clock: Clock;
  /** Tells the shell; never throws. */
  notify: (notice: TokenNotice | undefined) => void;
}

/** The cross-process lock that serializes refreshes (and grant saves) of one connection. */
export function refreshLockKey(connectionId: string): string {
  return `refresh-${connectionId}`;
}

export function toResult(
  connection: Connection,
  accessToken: string,
  expiresAt: number,
  refreshed: boolean,
): AccessTokenResult {
  return { accessToken, expiresAt, apiDomain: connection.apiDomain, connection, refreshed };
}
