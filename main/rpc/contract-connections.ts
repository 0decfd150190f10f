// The contract's methods on connections: list, add, import, the sign-ins (Self Client code, server
// sign-in, device flow, client credentials) and cancel, the per-DC secret, revoke, remove, export.

import * as z from 'zod/mini';
import { clientTypeSchema, environmentSchema } from '../vocabulary/connection-schema.js';
import { SELF_CLIENT_FILE_MAX_BYTES } from '../vocabulary/index.js';
import { byName, connectionView, DC_CODE, empty, name, scopeList } from './contract-common.js';

export const newConnectionInput = z.object({
  name,
  dc: z.optional(DC_CODE),
  clientId: z.string().check(z.minLength(1)),
  clientType: clientTypeSchema,
  clientSecret: z.string().check(z.minLength(1)),
  scopes: z._default(z.array(z.string()), []),
  redirectUri: z.optional(z.string()),
  accountsUrl: z.optional(z.string()),
  apiDomain: z.optional(z.string()),
  org: z.optional(z.string()),
  environment: z.optional(environmentSchema),
  /** Self Client with the client-credentials grant (no code); soid = <Service>.<organization ID>. */
  clientCredentials: z.optional(z.object({ soid: z.optional(z.string().check(z.maxLength(100))) })),
});

/** What both waiting sign-ins (server and device) take. */
const signInWait = z.object({
  name,
  /** Stop waiting after this long; default: 300 s for a server sign-in, when Zoho's code expires for the device flow. */
  timeoutSeconds: z.optional(z.int().check(z.minimum(10), z.maximum(3600))),
  /** Scopes to ask for on top of the connection's own (e.g. the one an OAUTH_SCOPE_MISMATCH named); kept once granted. */
  addScopes: z.optional(scopeList(50)),
});

export const connectionMethods = {
  'connections.list': { params: empty, result: z.array(connectionView) },
  /**
   * Adds a connection. `replaces`: the wizard's own unauthorized connection from an earlier try,
   * replaced by this one (core's `replace`: nothing is removed when the new one is refused).
   */
  'connections.add': {
    params: z.extend(newConnectionInput, { replaces: z.optional(name) }),
    result: connectionView,
  },
  'connections.importSelfClient': {
    params: z.object({
      name,
      fileText: z.string().check(z.maxLength(SELF_CLIENT_FILE_MAX_BYTES)),
      dc: z.optional(DC_CODE),
      accountsUrl: z.optional(z.string()),
      apiDomain: z.optional(z.string()),
    }),
    result: connectionView,
  },
  'connections.authorizeSelfClient': {
    params: z.object({
      name,
      code: z.string().check(z.minLength(1)),
      /** The scopes the code was generated with (the UI showed them to paste); kept as the connection's scopes once Zoho accepts the code. */
      scopes: z.optional(scopeList(200)),
    }),
    result: connectionView,
  },
  /** Opens the system browser and waits for the loopback callback; progress comes as events. */
  'connections.authorizeServer': {
    params: z.extend(signInWait, {
      /** false: the window opened Zoho's page itself (browser mode, a tab opened on the click). */
      openBrowser: z.optional(z.boolean()),
    }),
    result: connectionView,
  },
  /**
   * The device flow of a Non-browser application: asks Zoho for a code for the client's admin and
   * waits until they accept; the code and what happens meanwhile come as 'authorization.device'
   * events. Calling it again ("New code") ends the wait before, which fails with
   * authorization_cancelled; so does connections.cancelAuthorization.
   */
  'connections.authorizeDevice': { params: signInWait, result: connectionView },
  /** A client-credentials Self Client: mints an access token now (no code, no browser). */
  'connections.authorizeClientCredentials': { params: byName, result: connectionView },
  /** The warning to show before a sign-in that would make Zoho drop the oldest refresh token. */
  'connections.refreshTokenWarning': {
    params: byName,
    result: z.object({ warning: z.optional(z.string()) }),
  },
  /** The same, before a connection exists (the wizard): its client and data centre or accounts URL. */
  'connections.refreshTokenWarningForClient': {
    params: z.object({
      clientId: z.string().check(z.minLength(1)),
      dc: z.optional(DC_CODE),
      accountsUrl: z.optional(z.string()),
    }),
    result: z.object({ warning: z.optional(z.string()) }),
  },
  /** A Multi-DC server client's secret for one data centre (the connection's details). */
  'connections.setDcSecret': {
    params: z.object({ name, dc: DC_CODE, clientSecret: z.string().check(z.minLength(1)) }),
    result: connectionView,
  },
  'connections.cancelAuthorization': {
    params: empty,
    result: z.object({ cancelled: z.boolean() }),
  },
  'connections.revoke': { params: byName, result: connectionView },
  'connections.remove': { params: byName, result: z.object({ removed: z.string() }) },
  'connections.export': {
    params: z.object({
      name,
      format: z.enum(['env', 'json', 'postman']),
      includeSecrets: z._default(z.boolean(), false),
      /** Electron: also put it on the clipboard in main, cleared after the delay when it holds secrets. */
      copy: z._default(z.boolean(), false),
    }),
    result: z.object({
      text: z.string(),
      fileName: z.string(),
      /** With `copy`: on the clipboard now, cleared after this many seconds (0: not cleared). */
      copied: z.optional(z.object({ clearAfterSeconds: z.int().check(z.minimum(0)) })),
    }),
  },
} as const;
