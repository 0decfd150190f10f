// The Zoho OAuth client: authorization URL, code exchange, refresh, revoke, user info.
// Token calls send parameters in an application/x-www-form-urlencoded body, never the query.
// A response is a success only if it carries access_token: Zoho returns errors with HTTP 200.

import type { TokenSet, ZohoUserInfo } from './token-set.js';

export interface AuthorizationUrlRequest {
  accountsUrl: string;
  clientId: string;
  scopes: string[];
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

export interface CodeExchangeRequest {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  /** Server clients only; a Self Client exchange sends none. */
  redirectUri?: string;
  codeVerifier?: string;
}

export interface RefreshRequest {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface RevokeRequest {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  token: string;
}

export interface ZohoOAuthClient {
  buildAuthorizationUrl(request: AuthorizationUrlRequest): string;
  exchangeCode(request: CodeExchangeRequest): Promise<TokenSet>;
  refresh(request: RefreshRequest): Promise<TokenSet>;
  revoke(request: RevokeRequest): Promise<void>;
  userInfo(request: { accountsUrl: string; accessToken: string }): Promise<ZohoUserInfo>;
}
