// The connection record: everything Token Desk knows about one Zoho client + user grant, except
// secrets. Secrets (client secret, refresh token, access token) live in the vault under
// secretAccount(connection.id, kind). This schema is the single source of truth for the metadata
// file; migrations in store/migrations.ts bring older files up to it.

import * as z from '../schema.js';
import { DC_CODES } from '../zoho/data-centres.js';

export const CONNECTION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const clientTypeSchema = z.enum(['self', 'server']);
export type ClientType = z.infer<typeof clientTypeSchema>;

export const connectionStatusSchema = z.enum([
  /** Added, never authorized. */
  'new',
  /** Has a refresh token that worked the last time it was used. */
  'ready',
  /** The refresh token was refused (invalid_code) or revoked: authorize again. */
  'needs-reauth',
]);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const userInfoSchema = z.object({
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  zuid: z.optional(z.string()),
});
export type ConnectionUser = z.infer<typeof userInfoSchema>;

export const connectionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.regex(CONNECTION_NAME_PATTERN)),
  /** Data centre chosen when the connection was added; 'custom' for a configured server pair. */
  dc: z.enum([...DC_CODES, 'custom']),
  /** Configured custom server pair (proxies, tests); when present it replaces the DC's servers. */
  custom: z.optional(z.object({ accountsUrl: z.url(), apiDomain: z.url() })),
  clientType: clientTypeSchema,
  clientId: z.string().check(z.minLength(1)),
  /** Scopes asked for (server clients) or granted on the self-client code. */
  scopes: z.array(z.string()),
  /** Server clients: the exact redirect URI registered in the API Console. */
  redirectUri: z.optional(z.url()),
  /** Accounts server that holds the grant: from the callback's accounts-server, else the DC's. */
  accountsUrl: z.url(),
  /** Where API calls go; from the token response's api_domain once known. */
  apiDomain: z.url(),
  /** Zoho's `location` from the callback (us, eu, ...), if it sent one. */
  location: z.optional(z.string()),
  grantedScopes: z.optional(z.array(z.string())),
  user: z.optional(userInfoSchema),
  /** Client-org label for consultants (grouping in the UI). */
  org: z.optional(z.string()),
  environment: z._default(z.enum(['production', 'sandbox', 'developer']), 'production'),
  status: connectionStatusSchema,
  /** When the cached access token (in the vault) expires, ms since epoch. */
  accessTokenExpiresAt: z.optional(z.number()),
  /** Times (ms) of recent token-endpoint refreshes, for the 10-per-10-minutes guard. */
  refreshLog: z._default(z.array(z.number()), []),
  /** Zoho throttled us: no refresh before this time (ms). */
  refreshBlockedUntil: z.optional(z.number()),
  /** Last refresh failure shown to the user, never containing a secret. */
  lastError: z.optional(z.object({ code: z.string(), message: z.string(), at: z.number() })),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const SECRET_KINDS = ['client_secret', 'refresh_token', 'access_token'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** The vault service name every Token Desk secret is stored under. */
export const VAULT_SERVICE = 'token-desk';

/** @deprecated Use the vault's per-connection view (vault/connection-secrets.ts); kept for callers being moved. */
export function secretAccount(connectionId: string, kind: SecretKind): string {
  return `${connectionId}/${kind}`;
}
