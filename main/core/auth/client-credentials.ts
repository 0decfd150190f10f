// The client-credentials grant of a Self Client (docs/zoho.md §4.8, Client credentials): the soid
// rule checked when the connection is added, and the one call that mints an access token without
// a code or a refresh token. The token manager runs the call under the same lock, single flight
// and rate guard as a refresh, so `token`, `request` and the tray share one token.

import { TokenDeskError, inputError, isTokenDeskError } from '../errors.js';
import type { Connection } from '../store/connection.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import type { TokenSet } from '../zoho/token-set.js';

/**
 * `<Service>.<organization ID>`: a Zoho service name (ZohoCRM, ZohoBooks, ZohoProjects…) and the
 * organization's numeric ID, as in Zoho's example ZohoCRM.600000000.
 */
export const SOID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{1,63}\.\d{1,30}$/;

export const SOID_EXAMPLE = 'ZohoCRM.600000000';

/** The soid as given (trimmed), or an input error saying what it should look like. */
export function validateSoid(value: string): string {
  const soid = value.trim();
  if (!SOID_PATTERN.test(soid)) {
    const shown = soid.length > 80 ? `${soid.slice(0, 80)}…` : soid;
    throw inputError(
      'bad_soid',
      `"${shown}" is not an organization for the client-credentials grant: it must be <Service>.<organization ID>.`,
      `Write the Zoho service, a dot and the organization's ID, for example ${SOID_EXAMPLE} (in Zoho CRM the ID is under Setup > Company Details).`,
      { soid: shown },
      `--soid ${SOID_EXAMPLE}`,
    );
  }
  return soid;
}

export function usesClientCredentials(connection: Connection): boolean {
  return connection.clientType === 'self' && connection.clientCredentials !== undefined;
}

/**
 * One client-credentials call for the connection. Zoho's refusals about the organization get
 * this connection's name and the way to fix it.
 */
export async function mintClientCredentialsToken(
  oauth: ZohoOAuthClient,
  connection: Connection,
  clientSecret: string,
): Promise<TokenSet> {
  try {
    return await oauth.clientCredentials({
      accountsUrl: connection.accountsUrl,
      clientId: connection.clientId,
      clientSecret,
      scopes: connection.scopes,
      soid: connection.clientCredentials?.soid,
    });
  } catch (error) {
    throw explainOrgError(connection, error);
  }
}

function explainOrgError(connection: Connection, error: unknown): unknown {
  if (!isTokenDeskError(error)) return error;
  const readd = `token-desk remove ${connection.name}, then token-desk add ${connection.name} --type self --client-credentials --soid ${SOID_EXAMPLE} …`;
  if (error.code === 'missing_org_info') {
    return new TokenDeskError(
      'missing_org_info',
      `Zoho needs to know which organization "${connection.name}" asks a token for, and the connection names none.`,
      {
        category: 'input',
        remedy: `Add the connection again with its organization ID (soid), written <Service>.<organization ID>, for example ${SOID_EXAMPLE}.`,
        cliHint: readd,
        details: { ...error.details, connection: connection.name },
        cause: error,
      },
    );
  }
  if (error.code === 'unknown_org') {
    const soid = connection.clientCredentials?.soid ?? '';
    return new TokenDeskError(
      'unknown_org',
      `Zoho does not know the organization ${soid} of "${connection.name}", or the Self Client's account has no access to it.`,
      {
        category: 'refused',
        remedy:
          'Check the organization ID (in Zoho CRM: Setup > Company Details) and that the Zoho account that created the Self Client belongs to it, in this data centre; then add the connection again with the right soid.',
        cliHint: readd,
        details: { ...error.details, connection: connection.name, soid },
        cause: error,
      },
    );
  }
  return error;
}
