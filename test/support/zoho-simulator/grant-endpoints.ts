// The grants a consultant uses besides the code and refresh grants: a Self Client's
// client_credentials with soid (docs/zoho.md §4.8), answered the way Zoho answers (errors are HTTP
// 200 with {"error": ...}).
import type { SimulatedClient, SimulatorState } from './state.js';
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
