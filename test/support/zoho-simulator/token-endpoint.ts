// POST /oauth/v2/token: the authorization_code and refresh_token grants, answered the way Zoho
// answers (docs/zoho.md §4.2–§4.4 and §8): errors are HTTP 200 with {"error": ...}, except the
// refresh throttle, which is HTTP 400 with status "failure".
import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  AccessTokenRecord,
  GrantCode,
  RefreshTokenRecord,
  SimulatedClient,
  SimulatorState,
} from './state.js';
import { answerClientCredentials } from './grant-endpoints.js';

export interface TokenEndpointConfig {
  apiDomain: string;
  accessTokenTtlSeconds: number;
  legacyExpiry: boolean;
}

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

export const THROTTLE_BODY = {
  error_description:
    'You have made too many requests continuously. Please try again after some time.',
  error: 'Access Denied',
  status: 'failure',
} as const;

const zohoError = (error: string): JsonAnswer => ({ status: 200, body: { error } });

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function answerTokenRequest(
  params: Record<string, string>,
  state: SimulatorState,
  config: TokenEndpointConfig,
): JsonAnswer {
  const client = params.client_id ? state.client(params.client_id) : undefined;
  if (!client) return zohoError('invalid_client');
  if (!secretMatches(client, params.client_secret)) return zohoError('invalid_client_secret');
  switch (params.grant_type) {
    case 'authorization_code':
      return exchangeCode(params, client, state, config);
    case 'refresh_token':
      return refresh(params, client, state, config);
    case 'client_credentials':
      return answerClientCredentials(params, client, state, config);
    default:
      return zohoError('unsupported_grant_type');
  }
}

function exchangeCode(
  params: Record<string, string>,
  client: SimulatedClient,
  state: SimulatorState,
  config: TokenEndpointConfig,
): JsonAnswer {
  const code = params.code ? state.code(params.code) : undefined;
  if (!code || code.clientId !== client.clientId || code.used || code.expiresAt <= state.now()) {
    return zohoError('invalid_code');
  }
  // From here the caller is the authenticated owner of the code, so a failed binding check burns
  // it: a code that leaked with the wrong redirect URI or verifier must not be retried.
  if (code.kind === 'server' && params.redirect_uri !== code.redirectUri) {
    code.used = true;
    return zohoError('invalid_redirect_uri');
  }
  if (!verifierMatches(code, params.code_verifier)) {
    code.used = true;
    return zohoError('invalid_code');
  }
  code.used = true;
  const { access, refresh } = state.mintForCode(code);
  return { status: 200, body: tokenBody(access, refresh, config) };
}

function refresh(
  params: Record<string, string>,
  client: SimulatedClient,
  state: SimulatorState,
  config: TokenEndpointConfig,
): JsonAnswer {
  const record = params.refresh_token ? state.refreshToken(params.refresh_token) : undefined;
  // Zoho answers invalid_code for a wrong or revoked refresh token too (docs/zoho.md §8).
  if (!record || record.revoked || record.clientId !== client.clientId)
    return zohoError('invalid_code');
  if (!state.takeRefreshSlot(record)) return { status: 400, body: { ...THROTTLE_BODY } };
  return { status: 200, body: tokenBody(state.mintAccessTokenFor(record), undefined, config) };
}

export function tokenBody(
  access: AccessTokenRecord,
  refresh: RefreshTokenRecord | undefined,
  config: TokenEndpointConfig,
): Record<string, unknown> {
  const ttl = config.accessTokenTtlSeconds;
  return {
    access_token: access.token,
    ...(refresh ? { refresh_token: refresh.token } : {}),
    // Legacy form (Zoho SDK getTokenExpiryTime): expires_in_sec in seconds, expires_in in ms.
    ...(config.legacyExpiry ? { expires_in_sec: ttl } : {}),
    api_domain: config.apiDomain,
    token_type: 'Bearer',
    expires_in: config.legacyExpiry ? ttl * 1000 : ttl,
  };
}

export function secretMatches(client: SimulatedClient, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(client.clientSecret), digest(presented));
}

function verifierMatches(code: GrantCode, verifier: string | undefined): boolean {
  if (code.codeChallenge === undefined) return true;
  if (verifier === undefined || !CODE_VERIFIER.test(verifier)) return false;
  const derived =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  return derived === code.codeChallenge;
}
