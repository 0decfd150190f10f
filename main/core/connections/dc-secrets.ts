// Multi-DC server clients may have one client secret per data centre (docs/zoho.md §2, Multi-DC):
// the token calls must then use the secret of the DC that holds the user's grant. Which DC that is
// comes from Zoho (the redirect's accounts-server, or its `location` for a custom server); the
// connection's own client secret serves every DC that has none of its own.

import { inputError } from '../errors.js';
import type { Connection, SecretKind } from '../store/connection.js';
import type { ConnectionSecrets } from '../vault/connection-secrets.js';
import { dcForAccountsUrl } from '../zoho/data-centres.js';
import { isDcCode, type DcCode } from '../../vocabulary/index.js';

export function dcSecretKind(dc: DcCode): SecretKind {
  return `client_secret.${dc}`;
}

/** The DC of a grant: its accounts server if it is a Zoho DC's, else Zoho's `location`. */
export function dcOfGrant(accountsUrl: string, location: string | undefined): DcCode | undefined {
  const known = dcForAccountsUrl(accountsUrl)?.code;
  if (known) return known;
  const said = location?.trim().toLowerCase();
  return said !== undefined && isDcCode(said) ? said : undefined;
}

/**
 * The client secret for token calls at `accountsUrl`: the DC's own secret when the connection has
 * one for it, else the connection's client secret (null when neither is in the vault).
 */
export async function clientSecretFor(
  secrets: Pick<ConnectionSecrets, 'get'>,
  connection: Pick<Connection, 'dcSecrets'>,
  accountsUrl: string,
  location: string | undefined,
): Promise<string | null> {
  const dc = dcOfGrant(accountsUrl, location);
  if (dc !== undefined && connection.dcSecrets?.includes(dc)) {
    const own = await secrets.get(dcSecretKind(dc));
    if (own) return own;
  }
  return secrets.get('client_secret');
}

/** Refuses a per-DC secret where it means nothing: a Self Client lives in one DC only. */
export function assertCanHoldDcSecret(connection: Connection, dc: string): DcCode {
  if (connection.clientType !== 'server') {
    throw inputError(
      'wrong_client_type',
      `"${connection.name}" is a Self Client: it lives in one data centre and has one secret.`,
      'Only a server-based client can be Multi-DC with a secret per data centre.',
    );
  }
  const code = dc.trim().toLowerCase();
  if (!isDcCode(code)) {
    throw inputError(
      'bad_dc',
      `"${dc}" is not a Zoho data centre.`,
      'Use one of us, eu, in, au, jp, ca, sa, uk, cn.',
      undefined,
      '--dc eu',
    );
  }
  return code;
}
