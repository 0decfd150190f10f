// The connection record and where its secrets live. The record's schema is the shared
// vocabulary's (main/vocabulary/connection-schema.ts), so the rpc contract's view of a connection
// is derived from the same fields; secrets (client secret, refresh token, access token) live in
// the vault under secretAccount(connection.id, kind).

export {
  clientTypeSchema,
  connectionSchema,
  connectionStatusSchema,
  userInfoSchema,
  type ClientType,
  type Connection,
  type ConnectionStatus,
  type ConnectionUser,
} from '../../vocabulary/connection-schema.js';
export { CONNECTION_NAME_PATTERN } from '../../vocabulary/index.js';
import { duplicateConnection, type DcCode } from '../../vocabulary/index.js';
import { inputError, type TokenDeskError } from '../errors.js';

export const SECRET_KINDS = ['client_secret', 'refresh_token', 'access_token'] as const;
/**
 * The three kinds every connection may have, and a Multi-DC client's secret for one data centre
 * (`client_secret.eu`), used when Zoho says the user is in that DC (connections/dc-secrets.ts).
 */
export type SecretKind = (typeof SECRET_KINDS)[number] | `client_secret.${DcCode}`;

/** The vault service name every Token Desk secret is stored under. */
export const VAULT_SERVICE = 'token-desk';

/** @deprecated Use the vault's per-connection view (vault/connection-secrets.ts); kept for callers being moved. */
export function secretAccount(connectionId: string, kind: SecretKind): string {
  return `${connectionId}/${kind}`;
}

/** A connection of that name exists already: the one duplicate_connection error (the vocabulary's words). */
export function duplicateConnectionError(existingName: string): TokenDeskError {
  const { code, message, remedy, details, cliHint } = duplicateConnection(existingName);
  return inputError(code, message, remedy, details, cliHint);
}
