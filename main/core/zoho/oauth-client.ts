// The Zoho OAuth client: authorization URL, code exchange, refresh, revoke, user info.
// Each call is one function over the shared token endpoint (token-endpoint.ts), which sends the
// parameters in a form body, never the query, and reads Zoho's answer and its error shapes.

import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, backoffDelay } from '../http/http-client.js';
import {
  BASE_DELAY_MS,
  MAX_DELAY_MS,
  createTokenEndpoint,
  endpoint,
  isSuccess,
  jsonRecord,
  type TokenEndpoint,
  type TokenEndpointOptions,
} from './token-endpoint.js';
import type { TokenSet, ZohoUserInfo } from './token-set.js';
import { parseJson } from './zoho-errors.js';

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

export interface ClientCredentialsRequest {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** <Service>.<organization ID>; needed by products with several organizations. */
  soid?: string;
}

export interface ScopeEnhancementTokenRequest {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token whose grant gets the extra scopes. */
  refreshToken: string;
}

export interface AddExtraScopeUrlRequest {
  accountsUrl: string;
  clientId: string;
  redirectUri: string;
  /** Only the scopes to add. */
  scopes: string[];
  enhanceToken: string;
  state: string;
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
  /** A Self Client's access token without any code (docs/zoho.md §4.8); never a refresh token. */
  clientCredentials(request: ClientCredentialsRequest): Promise<TokenSet>;
  /** Step 1 of incremental authorization (docs/zoho.md §4.9): a short-lived enhancement token. */
  scopeEnhancementToken(request: ScopeEnhancementTokenRequest): Promise<TokenSet>;
  /** Step 2: the consent page that adds `scopes` to the refresh token's grant. */
  buildAddExtraScopeUrl(request: AddExtraScopeUrlRequest): string;
  revoke(request: RevokeRequest): Promise<void>;
  userInfo(request: { accountsUrl: string; accessToken: string }): Promise<ZohoUserInfo>;
}

/** The retry policy and the ports of the token calls (token-endpoint.ts). */
export type ZohoOAuthClientOptions = TokenEndpointOptions;

/**
 * The longest one token call (exchange, refresh, revoke) can take with the default policy: every
 * attempt running into its timeout, plus the longest backoff before each retry (about 63.5 s).
 * Whoever waits for a refresh running elsewhere (the cross-process lock) must wait longer.
 */
export function worstCaseTokenCallMs(
  timeoutMs = DEFAULT_TIMEOUT_MS,
  retries = DEFAULT_RETRIES,
): number {
  let total = timeoutMs * (retries + 1);
  for (let retry = 1; retry <= retries; retry++)
    total += backoffDelay(retry, () => 1, BASE_DELAY_MS, MAX_DELAY_MS);
  return total;
}

const TOKEN_PATH = '/oauth/v2/token';

export function createZohoOAuthClient(options: ZohoOAuthClientOptions = {}): ZohoOAuthClient {
  const calls = createTokenEndpoint(options);
  return {
    buildAuthorizationUrl,
    exchangeCode: (request) => exchangeCode(calls, request),
    refresh: (request) => refresh(calls, request),
    clientCredentials: (request) => clientCredentials(calls, request),
    scopeEnhancementToken: (request) => scopeEnhancementToken(calls, request),
    buildAddExtraScopeUrl,
    revoke: (request) => revoke(calls, request),
    userInfo: (request) => userInfo(calls, request),
  };
}

function buildAuthorizationUrl(request: AuthorizationUrlRequest): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    // Zoho's grammar: scopes joined by commas (docs/zoho.md §10, Scopes).
    scope: request.scopes.join(','),
    redirect_uri: request.redirectUri,
    // offline + consent: the only sure way to get a refresh token (docs/zoho.md §4.1).
    access_type: 'offline',
    prompt: 'consent',
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint(request.accountsUrl, '/oauth/v2/auth')}?${params.toString()}`;
}

function exchangeCode(calls: TokenEndpoint, request: CodeExchangeRequest): Promise<TokenSet> {
  return calls.grant(
    endpoint(request.accountsUrl, TOKEN_PATH),
    {
      client_id: request.clientId,
      client_secret: request.clientSecret,
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      code_verifier: request.codeVerifier,
    },
    {
      context: 'exchange',
      secrets: [request.clientSecret, request.code, request.codeVerifier ?? ''],
      redirectUri: request.redirectUri,
    },
  );
}

function refresh(calls: TokenEndpoint, request: RefreshRequest): Promise<TokenSet> {
  return refreshTokenGrant(calls, request, TOKEN_PATH, 'refresh_token', 'refresh');
}

async function clientCredentials(
  calls: TokenEndpoint,
  request: ClientCredentialsRequest,
): Promise<TokenSet> {
  const tokens = await calls.grant(
    endpoint(request.accountsUrl, TOKEN_PATH),
    {
      client_id: request.clientId,
      client_secret: request.clientSecret,
      grant_type: 'client_credentials',
      scope: request.scopes.join(','),
      soid: request.soid,
    },
    { context: 'client_credentials', secrets: [request.clientSecret] },
  );
  // This grant has no refresh token; one in the answer would be a server we do not understand.
  const { refreshToken: _ignored, ...accessOnly } = tokens;
  return accessOnly;
}

function scopeEnhancementToken(
  calls: TokenEndpoint,
  request: ScopeEnhancementTokenRequest,
): Promise<TokenSet> {
  return refreshTokenGrant(
    calls,
    request,
    '/oauth/v2/token/scopeenhance',
    'update_scopes_token',
    'scope_enhancement',
  );
}

/** A grant that a client proves with its refresh token: a refresh, or a scope enhancement. */
function refreshTokenGrant(
  calls: TokenEndpoint,
  request: RefreshRequest,
  path: string,
  grantType: 'refresh_token' | 'update_scopes_token',
  context: 'refresh' | 'scope_enhancement',
): Promise<TokenSet> {
  return calls.grant(
    endpoint(request.accountsUrl, path),
    {
      client_id: request.clientId,
      client_secret: request.clientSecret,
      grant_type: grantType,
      refresh_token: request.refreshToken,
    },
    { context, secrets: [request.clientSecret, request.refreshToken] },
  );
}

function buildAddExtraScopeUrl(request: AddExtraScopeUrlRequest): string {
  // Zoho's design puts the enhancement token in this URL; it is short-lived and good only for
  // this consent (docs/zoho.md §4.9). state is not documented here; sent in case it is echoed.
  const params = new URLSearchParams({
    response_type: 'update_scopes',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(','),
    enhance_token: request.enhanceToken,
    state: request.state,
  });
  return `${endpoint(request.accountsUrl, '/oauth/v2/token/addextrascope')}?${params.toString()}`;
}

async function revoke(calls: TokenEndpoint, request: RevokeRequest): Promise<void> {
  const url = endpoint(request.accountsUrl, '/oauth/v2/token/revoke');
  // RFC 7009 with client_secret_post authentication; Zoho documents only `token`, and
  // ignores what it does not need.
  const response = await calls.postForm(url, {
    token: request.token,
    client_id: request.clientId,
    client_secret: request.clientSecret,
  });
  if (isSuccess(response)) {
    if (response.text.trim() === '') return;
    if (jsonRecord(parseJson(response.text)).status === 'success') return;
  }
  throw calls.failure(url, response, {
    context: 'revoke',
    secrets: [request.clientSecret, request.token],
  });
}

async function userInfo(
  calls: TokenEndpoint,
  request: { accountsUrl: string; accessToken: string },
): Promise<ZohoUserInfo> {
  const url = endpoint(request.accountsUrl, '/oauth/user/info');
  const response = await calls.http.request({
    method: 'GET',
    url,
    headers: {
      authorization: `Zoho-oauthtoken ${request.accessToken}`,
      accept: 'application/json',
    },
  });
  if (isSuccess(response)) {
    const info = readUserInfo(parseJson(response.text));
    if (info) return info;
  }
  throw calls.failure(url, response, { context: 'userinfo', secrets: [request.accessToken] });
}

/** Zoho's /oauth/user/info fields, or OIDC userinfo claims; undefined if neither is there. */
function readUserInfo(json: unknown): ZohoUserInfo | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || 'error' in json)
    return undefined;
  const record = json as Record<string, unknown>;
  const str = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const id = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? String(value) : str(value);
  const fullName =
    [str(record.First_Name), str(record.Last_Name)].filter(Boolean).join(' ') || undefined;
  const info: ZohoUserInfo = {
    email: str(record.Email) ?? str(record.email),
    name: str(record.Display_Name) ?? fullName ?? str(record.name),
    zuid: id(record.ZUID) ?? id(record.sub),
  };
  if (info.email === undefined && info.name === undefined && info.zuid === undefined)
    return undefined;
  return Object.fromEntries(
    Object.entries(info).filter(([, value]) => value !== undefined),
  ) as ZohoUserInfo;
}
