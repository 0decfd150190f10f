// The connection record's schema, and the view of it that crosses the rpc boundary, derived from
// it: the store validates its file with the first, the contract the UI's results with the second,
// so the two cannot drift. A module of its own because it needs zod: importing the vocabulary's
// index must not load zod (the CLI's `token-desk token` never parses a schema).

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { CONNECTION_NAME_PATTERN } from './connections.js';
import { DC_CODES } from './data-centres.js';

// zod/mini loads no locale by itself; the same English messages as core and the contract.
z.config(en());

/** 'device': a Non-browser application, authorized with the device flow (docs/zoho.md §4.7). */
export const clientTypeSchema = z.enum(['self', 'server', 'device']);
export type ClientType = z.infer<typeof clientTypeSchema>;

export const environmentSchema = z.enum(['production', 'sandbox', 'developer']);
export type Environment = z.infer<typeof environmentSchema>;

export const connectionStatusSchema = z.enum([
  /** Added, never authorized. */
  'new',
  /** Has a refresh token that worked the last time it was used. */
  'ready',
  /** The refresh token was refused (invalid_code) or revoked: authorize again. */
  'needs-reauth',
]);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

/** A connection's data centre, or 'custom' for a configured server pair. */
export const connectionDcSchema = z.enum([...DC_CODES, 'custom']);

export const userInfoSchema = z.object({
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  zuid: z.optional(z.string()),
});
export type ConnectionUser = z.infer<typeof userInfoSchema>;

/**
 * Everything Token Desk knows about one Zoho client + user grant, except secrets (those live in
 * the vault). The single source of truth for the connections file; main/core/store/migrations.ts
 * brings older files up to it.
 */
export const connectionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.regex(CONNECTION_NAME_PATTERN)),
  /** Data centre chosen when the connection was added; 'custom' for a configured server pair. */
  dc: connectionDcSchema,
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
  /**
   * Self Clients only: tokens come from the client-credentials grant (no code, no refresh token;
   * docs/zoho.md §4.8, Client credentials). `soid` is <Service>.<organization ID>, e.g.
   * ZohoCRM.600000000; left out for products with a single organization.
   */
  clientCredentials: z.optional(z.object({ soid: z.optional(z.string()) })),
  /**
   * Multi-DC server clients with one secret per DC: the DCs whose own secret is in the vault
   * (`client_secret.<dc>`); other DCs use the connection's client secret.
   */
  dcSecrets: z.optional(z.array(z.enum(DC_CODES))),
  /** Client-org label for consultants (grouping in the UI). */
  org: z.optional(z.string()),
  environment: z._default(environmentSchema, 'production'),
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

/**
 * A connection as the UI sees it: the record without the refresh guard's bookkeeping, plus the
 * masked access token. Secrets never cross this boundary, except the access token returned by
 * tokens.reveal when the user clicked Reveal or Copy in browser mode.
 */
export const connectionViewSchema = z.extend(
  z.omit(connectionSchema, { refreshLog: true, refreshBlockedUntil: true }),
  {
    /** The access token with all but its first and last 4 characters masked. */
    maskedAccessToken: z.optional(z.string()),
  },
);
export type ConnectionView = z.infer<typeof connectionViewSchema>;
