// What a user supplies to add a connection, validated into a Connection record. Every rule here
// exists because Zoho will otherwise refuse later, with a less helpful message.

import { randomUUID } from 'node:crypto';
import { inputError } from '../errors.js';
import { CONNECTION_NAME_PATTERN, type ClientType, type Connection } from '../store/connection.js';
import { getDataCentre, isLoopbackHost, normalizeServerUrl } from '../zoho/data-centres.js';
import { normalizeScopes } from '../catalog/index.js';
import { DEFAULT_REDIRECT_URI } from '../../vocabulary/index.js';
import { validateSoid } from '../auth/client-credentials.js';

export { DEFAULT_REDIRECT_URI };

export interface NewConnectionInput {
  name: string;
  /** A Zoho DC code; optional only when a custom accounts URL and API domain are both given. */
  dc?: string;
  clientId: string;
  clientType: ClientType;
  scopes?: string[];
  redirectUri?: string;
  accountsUrl?: string;
  apiDomain?: string;
  org?: string;
  environment?: Connection['environment'];
  /** Self Clients: use the client-credentials grant (no code), for this organization (soid). */
  clientCredentials?: { soid?: string };
}

export function validateConnectionName(name: string): string {
  const trimmed = name.trim();
  if (!CONNECTION_NAME_PATTERN.test(trimmed)) {
    throw inputError(
      'bad_name',
      `"${name}" is not a usable connection name.`,
      'Use 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit (e.g. acme-crm-eu).',
    );
  }
  return trimmed;
}

/** Checks a loopback redirect URI that our receiver can listen on: http, loopback host, a port. */
export function validateRedirectUri(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw inputError(
      'bad_redirect_uri',
      `The redirect URI "${value}" is not a valid URL.`,
      `Use the form ${DEFAULT_REDIRECT_URI}.`,
    );
  }
  if (
    url.protocol !== 'http:' ||
    !isLoopbackHost(url.hostname) ||
    url.port === '' ||
    url.search ||
    url.hash
  ) {
    throw inputError(
      'bad_redirect_uri',
      `The redirect URI "${value}" must be http://localhost:<port>/<path> so Token Desk can receive the answer on this computer.`,
      `Use ${DEFAULT_REDIRECT_URI} (or another port) and register exactly that URI in the Zoho API Console.`,
    );
  }
  return url.href;
}

/**
 * Warnings about a redirect URI that is valid but that Zoho may still refuse: Zoho compares it with
 * the registered one letter for letter and was seen to reject 127.0.0.1 where localhost works
 * (docs/zoho.md §5, Clients and redirect URIs). Accepted anyway (another authorization server may
 * want it); the shell shows the warning.
 */
export function redirectUriWarnings(redirectUri: string | undefined): string[] {
  if (redirectUri === undefined || !URL.canParse(redirectUri)) return [];
  const url = new URL(redirectUri);
  if (url.hostname.toLowerCase() === 'localhost') return [];
  url.hostname = 'localhost';
  return [
    `Zoho is known to refuse redirect URIs on ${new URL(redirectUri).hostname}: use ${url.href} instead, and register exactly that in the Zoho API Console.`,
  ];
}

export function buildConnection(input: NewConnectionInput, now: number): Connection {
  const name = validateConnectionName(input.name);
  const clientId = input.clientId.trim();
  if (!clientId) {
    throw inputError(
      'missing_client_id',
      'The client ID is empty.',
      'Copy the Client ID from the Client Secret tab of your client in the Zoho API Console.',
    );
  }
  const hasCustom = input.accountsUrl !== undefined || input.apiDomain !== undefined;
  if (hasCustom && (input.accountsUrl === undefined || input.apiDomain === undefined)) {
    throw inputError(
      'incomplete_custom_server',
      'A custom server needs both an accounts URL and an API domain.',
      'Give both the accounts URL and the API domain, or neither.',
      undefined,
      '--accounts-url URL --api-domain URL',
    );
  }
  const custom = hasCustom
    ? {
        accountsUrl: normalizeServerUrl(input.accountsUrl!, 'accounts URL'),
        apiDomain: normalizeServerUrl(input.apiDomain!, 'API domain'),
      }
    : undefined;
  if (input.dc === undefined && !custom) {
    throw inputError(
      'missing_dc',
      'No data centre was given.',
      'Choose the data centre of the Zoho account: the ending of the address you sign in at (zoho.eu -> eu).',
      undefined,
      '--dc eu',
    );
  }
  const dc = input.dc === undefined ? undefined : getDataCentre(input.dc);

  const { scopes, errors } = normalizeScopes(input.scopes ?? []);
  if (errors.length > 0) {
    const first = errors[0]!;
    throw inputError(
      'bad_scope',
      `The scope "${first.input}" is not valid: ${first.reason}.`,
      'Scopes look like ZohoCRM.modules.ALL or ZohoBooks.invoices.READ, separated by commas.',
    );
  }
  let redirectUri: string | undefined;
  if (input.clientType === 'server') {
    if (scopes.length === 0) {
      throw inputError(
        'missing_scopes',
        'A server-based client must say which scopes it asks for.',
        'Give its scopes, for example ZohoCRM.modules.ALL and AaaServer.profile.READ.',
        undefined,
        '--scopes ZohoCRM.modules.ALL,AaaServer.profile.READ',
      );
    }
    redirectUri = validateRedirectUri(input.redirectUri ?? DEFAULT_REDIRECT_URI);
  } else if (input.redirectUri !== undefined) {
    const what = input.clientType === 'device' ? 'A Non-browser application' : 'A Self Client';
    throw inputError(
      'unexpected_redirect_uri',
      `${what} has no redirect URI.`,
      `Leave out the redirect URI for ${what.replace(/^A /, 'a ')}: only server-based clients have one.`,
    );
  } else if (input.clientType === 'device' && scopes.length === 0) {
    // Zoho's device code request names the scopes the admin is asked to accept (docs/zoho.md §4.7).
    throw inputError(
      'missing_scopes',
      'A Non-browser application must say which scopes it asks for.',
      'Give its scopes, for example ZohoCRM.modules.ALL and AaaServer.profile.READ.',
      undefined,
      '--scopes ZohoCRM.modules.ALL,AaaServer.profile.READ',
    );
  }
  const clientCredentials = checkClientCredentials(input, scopes);

  return {
    id: randomUUID(),
    name,
    dc: dc?.code ?? 'custom',
    custom,
    clientType: input.clientType,
    clientId,
    scopes,
    redirectUri,
    accountsUrl: custom?.accountsUrl ?? dc!.accountsUrl,
    apiDomain: custom?.apiDomain ?? dc!.apiDomain,
    ...(clientCredentials ? { clientCredentials } : {}),
    org: input.org?.trim() || undefined,
    environment: input.environment ?? 'production',
    status: 'new',
    refreshLog: [],
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The client-credentials settings: only a Self Client has the grant, it needs scopes (there is no
 * code to take them from), and the soid must be <Service>.<organization ID>.
 */
function checkClientCredentials(
  input: NewConnectionInput,
  scopes: string[],
): Connection['clientCredentials'] {
  if (input.clientCredentials === undefined) return undefined;
  if (input.clientType !== 'self') {
    throw inputError(
      'wrong_client_type',
      'Only a Self Client can use the client-credentials grant.',
      'Create a Self Client in the API Console for this, or leave out client credentials for a server-based client.',
      undefined,
      '--type self --client-credentials',
    );
  }
  if (scopes.length === 0) {
    throw inputError(
      'missing_scopes',
      'A client-credentials connection must say which scopes its tokens are for.',
      'Give its scopes, for example ZohoCRM.modules.ALL.',
      undefined,
      '--scopes ZohoCRM.modules.ALL',
    );
  }
  const soid = input.clientCredentials.soid;
  return soid === undefined || soid.trim() === '' ? {} : { soid: validateSoid(soid) };
}
