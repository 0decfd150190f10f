// The Zoho OAuth client: authorization URL, code exchange, refresh, revoke, user info.
// Token calls send parameters in an application/x-www-form-urlencoded body, never the query.
// A response is a success only if it carries access_token: Zoho returns errors with HTTP 200.

import type { TokenDeskError } from '../errors.js';
import {
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  backoffDelay,
  createHttpClient,
  type HttpResponse,
} from '../http/http-client.js';
import { hostOf } from '../../vocabulary/index.js';
import { systemClock, type Clock, type FetchPort, type Sleep } from '../ports.js';
import type { TokenSet, ZohoUserInfo } from './token-set.js';
import { parseTokenResponse } from './token-response.js';
import { parseJson, zohoErrorFromResponse, type ZohoErrorContext } from './zoho-errors.js';

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

export interface ZohoOAuthClientOptions {
  fetch?: FetchPort;
  clock?: Clock;
  /** Backoff between retries; tests pass one that resolves at once. */
  sleep?: Sleep;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
  /** Extra attempts on network errors, timeouts and 5xx. Default 3. */
  retries?: number;
  /** Jitter source for the backoff, [0, 1). */
  random?: () => number;
}

/** Backoff of the token calls: 0.5 s before the first retry, doubled, at most 8 s. */
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

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

const FORM_HEADERS = {
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
} as const;

/** `${base}${path}`, tolerating a trailing slash on the base (custom servers may have a path). */
function endpoint(accountsUrl: string, path: string): string {
  return `${accountsUrl.replace(/\/+$/, '')}${path}`;
}

export function createZohoOAuthClient(options: ZohoOAuthClientOptions = {}): ZohoOAuthClient {
  const clock = options.clock ?? systemClock;
  const http = createHttpClient({
    fetch: options.fetch,
    sleep: options.sleep,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    baseDelayMs: BASE_DELAY_MS,
    maxDelayMs: MAX_DELAY_MS,
    random: options.random,
  });

  async function postForm(
    url: string,
    form: Record<string, string | undefined>,
  ): Promise<HttpResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      if (value !== undefined) body.set(key, value);
    }
    // Secrets travel in the body only: URLs end up in proxy logs and error reports.
    return http.request({ method: 'POST', url, headers: FORM_HEADERS, body: body.toString() });
  }

  function failure(
    context: ZohoErrorContext,
    url: string,
    response: HttpResponse,
    secrets: string[],
    redirectUri?: string,
  ): TokenDeskError {
    return zohoErrorFromResponse({
      context,
      status: response.status,
      text: response.text,
      host: hostOf(url),
      now: clock.now(),
      redirectUri,
      secrets,
      attempts: response.attempts,
    });
  }

  async function tokenCall(
    context: 'exchange' | 'refresh' | 'client_credentials' | 'scope_enhancement',
    accountsUrl: string,
    form: Record<string, string | undefined>,
    secrets: string[],
    redirectUri?: string,
    path = '/oauth/v2/token',
  ): Promise<TokenSet> {
    const url = endpoint(accountsUrl, path);
    const response = await postForm(url, form);
    if (response.status >= 200 && response.status < 300) {
      const tokens = parseTokenResponse(parseJson(response.text), clock.now());
      if (tokens) return tokens;
    }
    throw failure(context, url, response, secrets, redirectUri);
  }

  return {
    buildAuthorizationUrl(request) {
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
    },

    exchangeCode(request) {
      return tokenCall(
        'exchange',
        request.accountsUrl,
        {
          client_id: request.clientId,
          client_secret: request.clientSecret,
          grant_type: 'authorization_code',
          code: request.code,
          redirect_uri: request.redirectUri,
          code_verifier: request.codeVerifier,
        },
        [request.clientSecret, request.code, request.codeVerifier ?? ''],
        request.redirectUri,
      );
    },

    refresh(request) {
      return tokenCall(
        'refresh',
        request.accountsUrl,
        {
          client_id: request.clientId,
          client_secret: request.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: request.refreshToken,
        },
        [request.clientSecret, request.refreshToken],
      );
    },

    async clientCredentials(request) {
      const tokens = await tokenCall(
        'client_credentials',
        request.accountsUrl,
        {
          client_id: request.clientId,
          client_secret: request.clientSecret,
          grant_type: 'client_credentials',
          scope: request.scopes.join(','),
          soid: request.soid,
        },
        [request.clientSecret],
      );
      // This grant has no refresh token; one in the answer would be a server we do not understand.
      const { refreshToken: _ignored, ...accessOnly } = tokens;
      return accessOnly;
    },

    scopeEnhancementToken(request) {
      return tokenCall(
        'scope_enhancement',
        request.accountsUrl,
        {
          client_id: request.clientId,
          client_secret: request.clientSecret,
          grant_type: 'update_scopes_token',
          refresh_token: request.refreshToken,
        },
        [request.clientSecret, request.refreshToken],
        undefined,
        '/oauth/v2/token/scopeenhance',
      );
    },

    buildAddExtraScopeUrl(request) {
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
    },

    async revoke(request) {
      const url = endpoint(request.accountsUrl, '/oauth/v2/token/revoke');
      // RFC 7009 with client_secret_post authentication; Zoho documents only `token`, and
      // ignores what it does not need.
      const response = await postForm(url, {
        token: request.token,
        client_id: request.clientId,
        client_secret: request.clientSecret,
      });
      if (response.status >= 200 && response.status < 300) {
        if (response.text.trim() === '') return;
        const json = parseJson(response.text);
        if (
          typeof json === 'object' &&
          json !== null &&
          (json as { status?: unknown }).status === 'success'
        )
          return;
      }
      throw failure('revoke', url, response, [request.clientSecret, request.token]);
    },

    async userInfo(request) {
      const url = endpoint(request.accountsUrl, '/oauth/user/info');
      const response = await http.request({
        method: 'GET',
        url,
        headers: {
          authorization: `Zoho-oauthtoken ${request.accessToken}`,
          accept: 'application/json',
        },
      });
      if (response.status >= 200 && response.status < 300) {
        const info = readUserInfo(parseJson(response.text));
        if (info) return info;
      }
      throw failure('userinfo', url, response, [request.accessToken]);
    },
  };
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
