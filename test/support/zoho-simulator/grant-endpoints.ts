// The grants a consultant uses besides the code and refresh grants: a Self Client's
// client_credentials with soid (docs/zoho.md §4.8), and the scope-enhancement pair
// (docs/zoho.md §4.9), answered the way Zoho answers (errors are HTTP 200 with {"error": ...}).
// The answer on the redirect after addextrascope is not documented in detail: the simulator sends
// status=success, status=failure, or error=access_denied when the user presses Reject.
import type { PendingAuthorization, SimulatedClient, SimulatorState } from './state.js';
import { parseScopeList } from './scopes.js';
import { tokenBody, type JsonAnswer, type TokenEndpointConfig } from './token-endpoint.js';

const zohoError = (error: string): JsonAnswer => ({ status: 200, body: { error } });

/**
 * The answer Zoho gives for an organization it does not know is not documented; the simulator
 * says `invalid_org`, and Token Desk reads any org/soid error of this grant the same way.
 */
export const UNKNOWN_ORG_ERROR = 'invalid_org';

export function answerClientCredentials(
  params: Record<string, string>,
  client: SimulatedClient,
  state: SimulatorState,
  config: TokenEndpointConfig,
): JsonAnswer {
  // Only a Self Client has this grant (docs/zoho.md §4.8).
  if (client.type !== 'self') return zohoError('unauthorized_client');
  const scopes = parseScopeList(params.scope);
  if (!scopes.ok) return zohoError('invalid_scope');
  // A client registered with organizations serves a product with several: soid is needed.
  if (client.organizations.length > 0) {
    const soid = params.soid;
    if (soid === undefined || soid === '') return zohoError('missing_org_info');
    if (!client.organizations.includes(soid)) return zohoError(UNKNOWN_ORG_ERROR);
  }
  const access = state.mintClientCredentialsToken(client.clientId, scopes.scopes);
  return {
    status: 200,
    body: { ...tokenBody(access, undefined, config), scope: scopes.scopes.join(' ') },
  };
}

/**
 * POST /oauth/v2/token/scopeenhance (docs/zoho.md §4.9): an enhancement token for a live refresh
 * token of a server client. Errors as Zoho documents them: invalid_client, invalid_client_secret,
 * invalid_code. A client registered with `scopeEnhancement: false` is refused (unauthorized_client:
 * the simulator's choice, since Zoho's word for it is not documented).
 */
export function answerScopeEnhanceToken(
  params: Record<string, string>,
  client: SimulatedClient,
  state: SimulatorState,
): JsonAnswer {
  if (params.grant_type !== 'update_scopes_token') return zohoError('unsupported_grant_type');
  if (client.type !== 'server' || !client.scopeEnhancement) return zohoError('unauthorized_client');
  const refresh = params.refresh_token ? state.refreshToken(params.refresh_token) : undefined;
  if (!refresh || refresh.revoked || refresh.clientId !== client.clientId)
    return zohoError('invalid_code');
  const enhance = state.issueEnhanceToken(refresh);
  return {
    status: 200,
    body: {
      access_token: enhance.token,
      expires_in: Math.round((enhance.expiresAt - state.now()) / 1000),
      token_type: 'Bearer',
    },
  };
}

export type ExtraScopeStart =
  { ok: true; pending: PendingAuthorization } | { ok: false; title: string; detail: string };

/**
 * GET /oauth/v2/token/addextrascope: checks the request like the authorization page does, then
 * a consent page for only the new scopes (answered through the same form as /oauth/v2/auth).
 */
export function startExtraScopeConsent(
  query: URLSearchParams,
  state: SimulatorState,
): ExtraScopeStart {
  const client = state.client(query.get('client_id') ?? '');
  if (!client)
    return {
      ok: false,
      title: 'Invalid Client',
      detail: 'The transmitted client ID does not exist.',
    };
  const redirectUri = query.get('redirect_uri');
  if (redirectUri === null || !client.redirectUris.includes(redirectUri))
    return {
      ok: false,
      title: 'Invalid Redirect Uri',
      detail: 'Redirect URI passed does not match with the one configured.',
    };
  if (query.get('response_type') !== 'update_scopes')
    return {
      ok: false,
      title: 'Invalid Response Type',
      detail: 'The response_type must be "update_scopes".',
    };
  const scopes = parseScopeList(query.get('scope'));
  if (!scopes.ok) return { ok: false, title: 'Invalid OAuthScope', detail: 'Invalid scope.' };
  const enhance = state.enhanceToken(query.get('enhance_token') ?? '', client.clientId);
  if (!enhance)
    return { ok: false, title: 'Invalid Enhance Token', detail: 'The enhance_token is not valid.' };
  const pending = state.createPendingAuthorization({
    clientId: client.clientId,
    redirectUri,
    scopes: scopes.scopes,
    // Zoho does not document echoing state here; the simulator does not, so clients cope without.
    state: undefined,
    accessType: 'online',
    prompt: undefined,
    codeChallenge: undefined,
    codeChallengeMethod: undefined,
    enhances: enhance.refreshToken,
  });
  return { ok: true, pending };
}

/** The redirect parameters after the consent for extra scopes; the scopes join the refresh token on accept. */
export function finishExtraScopeConsent(
  pending: PendingAuthorization,
  decision: 'accept' | 'reject',
  state: SimulatorState,
): [string, string][] {
  if (decision === 'reject' || !pending.enhances) return [['error', 'access_denied']];
  if (pending.enhances.revoked) return [['status', 'failure']];
  state.addScopes(pending.enhances, pending.scopes);
  return [['status', 'success']];
}
