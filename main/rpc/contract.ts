// The one contract between the UI and the core: every method with its parameter and result
// schemas, and every event main pushes to the UI. The Electron IPC adapter, the preload bridge,
// the browser-mode HTTP server and the renderer's rpc client are all generated from this table,
// so a method cannot exist in one shell and not the other. Imports nothing but zod and the shared
// vocabulary (main/vocabulary): the preload and the renderer import this file.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import {
  clientTypeSchema,
  connectionViewSchema,
  environmentSchema,
  type ConnectionView,
} from '../vocabulary/connection-schema.js';
import {
  DC_CODES,
  HTTP_METHODS,
  PRODUCT_IDS,
  SELF_CLIENT_FILE_MAX_BYTES,
} from '../vocabulary/index.js';

// zod/mini, the tree-shakable build: the renderer, the preload and the CLI carry only what this
// file uses. It loads no locale by itself; English messages, as zod's classic build has them.
z.config(en());

export const DC_CODE = z.enum(DC_CODES);

/** The catalog's product ids. */
export const PRODUCT_ID = z.enum(PRODUCT_IDS);
export type ProductIdView = z.infer<typeof PRODUCT_ID>;

const name = z.string().check(z.minLength(1), z.maxLength(64));

/** A connection as the UI sees it: the connection record's schema without the refresh guard's
 * bookkeeping, plus the masked access token (main/vocabulary/connection-schema.ts). */
export const connectionView = connectionViewSchema;
export type { ConnectionView };

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

export const apiRequest = z.object({
  method: z.enum(HTTP_METHODS),
  pathOrUrl: z.string().check(z.minLength(1)),
  query: z._default(z.array(z.tuple([z.string(), z.string()])), []),
  headers: z._default(z.array(z.tuple([z.string(), z.string()])), []),
  body: z.optional(z.string()),
  /** The product's organization context (Books organization_id, Desk orgId, ...). */
  orgId: z.optional(z.string().check(z.maxLength(64))),
  /** The product the request is for (a sample's, or the builder's choice); needed where
   * products share paths (Desk and Sign: /api/v1/). */
  product: z.optional(PRODUCT_ID),
});
export type ApiRequestInput = z.infer<typeof apiRequest>;

export const apiResponse = z.object({
  url: z.string(),
  status: z.number(),
  statusText: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
  sizeBytes: z.number(),
  durationMs: z.number(),
  retriedAfterRefresh: z.boolean(),
  /** The API said the token lacks a scope (CRM OAUTH_SCOPE_MISMATCH, Books code 57, ...). */
  scopeMismatch: z.optional(z.boolean()),
  /** When the API said the token lacks a scope: the scope this URL needs, if the catalog knows. */
  missingScope: z.optional(z.string()),
  /** The catalog product the URL belongs to, and whether its organization context was added. */
  product: z.optional(z.string()),
  orgContextApplied: z.optional(z.boolean()),
});
export type ApiResponseView = z.infer<typeof apiResponse>;

export const historyEntry = z.object({
  id: z.string(),
  connection: z.string(),
  at: z.number(),
  request: apiRequest,
  status: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  error: z.optional(z.string()),
});

export const scopeInfo = z.object({
  scope: z.string(),
  product: z.string(),
  description: z.string(),
  sensitivity: z.enum(['read', 'write', 'delete', 'full']),
  confirmed: z.boolean(),
});
export const productInfo = z.object({
  id: PRODUCT_ID,
  name: z.string(),
  servicePrefix: z.string(),
  scopes: z.array(scopeInfo),
  presets: z.array(z.object({ id: z.string(), label: z.string(), scopes: z.array(z.string()) })),
  /** How the product is told the organization (Books organization_id query, Desk orgId header). */
  orgContext: z.optional(
    z.object({
      kind: z.enum(['query', 'header', 'path']),
      name: z.string(),
      label: z.string(),
      whereInUi: z.string(),
    }),
  ),
});
export const sampleRequest = z.object({
  id: z.optional(z.string()),
  product: PRODUCT_ID,
  label: z.string(),
  method: z.literal('GET'),
  /** Path from the product's host root; `{name}` marks a value from `params`. */
  path: z.string(),
  scope: z.string(),
  /** Headers the request needs (WorkDrive: Accept: application/vnd.api+json). */
  headers: z.optional(z.array(z.tuple([z.string(), z.string()]))),
  /** Values the path needs; `value` when Token Desk knows it (the connection's ZUID). */
  params: z.optional(
    z.array(z.object({ name: z.string(), description: z.string(), value: z.optional(z.string()) })),
  ),
  /** The product's organization context must be added (Desk orgId, Books organization_id). */
  needsOrg: z.optional(z.boolean()),
});

export const settings = z.object({
  clipboardClearSeconds: z.int().check(z.minimum(0), z.maximum(3600)),
  autoRefresh: z.boolean(),
  theme: z.enum(['light', 'dark', 'system']),
  /**
   * Desktop app: closing the window leaves Token Desk running in the tray (otherwise it quits).
   * Its default depends on the platform; the browser mode has no tray and the window hides it.
   */
  keepInTray: z.optional(z.boolean()),
  /** Keep sent test requests (without secrets) for replay; off stops adding to the history. */
  keepRequestHistory: z.boolean(),
});
export type Settings = z.infer<typeof settings>;

export const appInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  home: z.string(),
  cipher: z.object({
    id: z.string(),
    description: z.string(),
    secure: z.boolean(),
    warning: z.optional(z.string()),
  }),
});

/** The ciphers that can protect secrets (Electron safeStorage, the OS keyring, a passphrase). */
export const CIPHER_ID = z.enum(['safestorage', 'keyring', 'passphrase']);
export type CipherId = z.infer<typeof CIPHER_ID>;

/** How the secrets are protected here, and what the user may change (vault.status). No secret. */
export const vaultStatus = z.object({
  program: z.enum(['desktop', 'browser']),
  /** The cipher that seals new connections in this run. */
  primary: CIPHER_ID,
  description: z.string(),
  /** False: the cipher cannot protect secrets here, so nothing new is stored: offer the passphrase. */
  secure: z.boolean(),
  warning: z.optional(z.string()),
  /** The passphrase protects new connections but was not entered in this run: the unlock screen. */
  locked: z.boolean(),
  passphrase: z.enum(['none', 'locked', 'unlocked']),
  passphraseFromEnv: z.boolean(),
  passphraseMinLength: z.int().check(z.minimum(1)),
  choices: z.array(
    z.object({
      id: CIPHER_ID,
      label: z.string(),
      description: z.string(),
      available: z.boolean(),
      reason: z.optional(z.string()),
    }),
  ),
  /** Desktop app with a reachable OS keyring: connections can be re-sealed for the command line. */
  canShareWithCli: z.boolean(),
  /** The ciphers each connection's secrets are sealed with, by connection id. */
  connections: z.array(z.object({ id: z.string(), ciphers: z.array(z.string()) })),
});
export type VaultStatusView = z.infer<typeof vaultStatus>;

/** A store file that was not valid JSON and sits beside the live one as a backup. No secret. */
export const corruptBackupNotice = z.object({
  file: z.enum(['connections', 'vault']),
  /** The newest backup's path: the one to repair. */
  backup: z.string(),
  olderBackups: z.int().check(z.minimum(0)),
  message: z.string(),
  remedy: z.string(),
});
export type CorruptBackupNoticeView = z.infer<typeof corruptBackupNotice>;

/** A passphrase travels renderer -> main only, in these params; no result or event carries it. */
const passphraseParams = z.strictObject({
  passphrase: z.string().check(z.minLength(1), z.maxLength(1024)),
});

/** Every error crosses the boundary in this shape (never a stack, never a secret). */
export const rpcError = z.object({
  code: z.string(),
  message: z.string(),
  remedy: z.string(),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type RpcError = z.infer<typeof rpcError>;

const empty = z.strictObject({});
const byName = z.object({ name });

export const methods = {
  'app.info': { params: empty, result: appInfo },
  'settings.get': { params: empty, result: settings },
  'settings.set': { params: z.partial(settings), result: settings },

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
      scopes: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(200))),
    }),
    result: connectionView,
  },
  /** Opens the system browser and waits for the loopback callback; progress comes as events. */
  'connections.authorizeServer': {
    params: z.object({
      name,
      timeoutSeconds: z.optional(z.int().check(z.minimum(10), z.maximum(3600))),
      /** Scopes to ask for on top of the connection's own (e.g. the one an OAUTH_SCOPE_MISMATCH named); kept once granted. */
      addScopes: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(50))),
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
  'connections.authorizeDevice': {
    params: z.object({
      name,
      /** Stop waiting after this long; default: when Zoho's code expires. */
      timeoutSeconds: z.optional(z.int().check(z.minimum(10), z.maximum(3600))),
      /** Scopes to ask for on top of the connection's own; kept once granted. */
      addScopes: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(50))),
    }),
    result: connectionView,
  },
  /** A client-credentials Self Client: mints an access token now (no code, no browser). */
  'connections.authorizeClientCredentials': { params: byName, result: connectionView },
  /** The warning to show before a sign-in that would make Zoho drop the oldest refresh token. */
  'connections.refreshTokenWarning': {
    params: byName,
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

  'tokens.refresh': { params: byName, result: connectionView },
  /** Copies in main (Electron); the renderer never sees the token. */
  'tokens.copy': {
    params: z.object({ name, as: z.enum(['token', 'header']) }),
    result: z.object({ expiresAt: z.number() }),
  },
  /** Returns the token itself: only on the user's click (Reveal, or Copy in browser mode). */
  'tokens.reveal': {
    params: byName,
    result: z.object({ accessToken: z.string(), expiresAt: z.number() }),
  },

  'requests.send': { params: z.object({ name, request: apiRequest }), result: apiResponse },
  'requests.history': {
    params: z.object({ name: z.optional(name) }),
    result: z.array(historyEntry),
  },
  /** "Clear history": forgets every kept request, of every connection. */
  'requests.clearHistory': { params: empty, result: z.object({ removed: z.number() }) },
  'requests.curl': {
    params: z.object({ name, request: apiRequest, includeToken: z._default(z.boolean(), false) }),
    result: z.object({ text: z.string() }),
  },

  'catalog.products': { params: empty, result: z.array(productInfo) },
  'catalog.checkScopes': {
    params: z.object({
      scopes: z.array(z.string()),
      presetIds: z._default(z.array(z.string()), []),
    }),
    result: z.object({
      scopes: z.array(z.string()),
      errors: z.array(z.object({ input: z.string(), reason: z.string() })),
      warnings: z.array(z.string()),
    }),
  },
  'catalog.samples': { params: byName, result: z.array(sampleRequest) },

  'vault.status': { params: empty, result: vaultStatus },
  /** Sets up the passphrase cipher (the OS cannot protect secrets, or the user prefers it) for this run and later ones. */
  'vault.createPassphrase': { params: passphraseParams, result: vaultStatus },
  /** Enters the passphrase for this run; wrong_passphrase when it does not match. */
  'vault.unlock': { params: passphraseParams, result: vaultStatus },
  /** Chooses the cipher that seals new connections here. */
  'vault.choose': { params: z.strictObject({ cipher: CIPHER_ID }), result: vaultStatus },
  /** Re-seals one connection's secrets (or all) with the OS keyring, so the command line can use them. */
  'vault.shareWithCli': {
    params: z.strictObject({ name: z.optional(name) }),
    result: z.object({ shared: z.int().check(z.minimum(0)), status: vaultStatus }),
  },

  /** Store files kept aside because they were not valid JSON, while the backups exist (a banner). */
  'store.corruptBackups': { params: empty, result: z.array(corruptBackupNotice) },
} as const;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

export const events = {
  /**
   * Server-client authorization steps, for the waiting screen: listening (the receiver is up;
   * deadline set), sign-in (the Zoho page is ready: url, and whether the system browser opened
   * it), exchanging (Zoho answered; the code is being exchanged), then done, failed or cancelled.
   */
  'authorization.progress': z.object({
    name: z.string(),
    step: z.enum([
      'listening',
      'sign-in',
      'exchanging',
      'done',
      'failed',
      'cancelled',
      /** Adding scopes: asking Zoho to extend the existing grant. */
      'scope-enhancement',
      /** Zoho would not extend it: a full sign-in follows (`reason` says why). */
      'full-sign-in',
    ]),
    /** full-sign-in only: why, in one plain sentence. */
    reason: z.optional(z.string()),
    url: z.optional(z.string()),
    /** sign-in only: false when the browser was not opened (--no-open, or opening failed). */
    browserOpened: z.optional(z.boolean()),
    deadline: z.optional(z.number()),
  }),
  /**
   * Device-flow steps, for the invitation screen: requesting-code, code (the user code, the
   * verification address, the message for the admin and when the code expires), slowed-down
   * (Zoho wants fewer polls), other-dc (the admin's data centre, where polling goes on),
   * approved (tokens arrived), then done, failed or cancelled. Never a secret: the device code
   * stays in main.
   */
  'authorization.device': z.object({
    name: z.string(),
    step: z.enum([
      'requesting-code',
      'code',
      'slowed-down',
      'other-dc',
      'approved',
      'done',
      'failed',
      'cancelled',
    ]),
    userCode: z.optional(z.string()),
    verificationUrl: z.optional(z.string()),
    message: z.optional(z.string()),
    expiresAt: z.optional(z.number()),
    browserOpened: z.optional(z.boolean()),
    location: z.optional(z.string()),
    intervalMs: z.optional(z.number()),
  }),
  /**
   * Connections changed. `connection`: this row was added or changed (the whole view); `removed`:
   * the connection with this id is gone; neither: anything may have changed (the vault was
   * unlocked, the store reloaded, a reconnect): re-list everything.
   */
  'connections.changed': z.object({
    connection: z.optional(connectionView),
    removed: z.optional(z.string()),
  }),
  /**
   * An operation on a connection succeeded, but the user should know something (Token Desk
   * ignored an api_domain that is not a Zoho API host): one plain-language line, never a secret.
   */
  'connections.notice': z.object({
    connection: z.string(),
    code: z.string(),
    message: z.string(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The IPC channel of a method or event: one per operation, never a generic "invoke anything". */
export const channelOf = (name: MethodName | EventName) => `token-desk:${name}`;

/** Every method answers with an envelope, over IPC and HTTP alike, so errors keep their shape. */
export type RpcEnvelope<T> = { ok: true; result: T } | { ok: false; error: RpcError };

/**
 * What the preload exposes as `window.tokenDesk`: one function per method, one subscribe function
 * per event (returning an unsubscribe function).
 */
export type PreloadApi = {
  call: { [M in MethodName]: (params: Params<M>) => Promise<RpcEnvelope<Result<M>>> };
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

/**
 * Browser mode over loopback HTTP: POST `${RPC_HTTP_PREFIX}<method>` with the JSON params and the
 * per-run secret in the RPC_SECRET_HEADER header; events stream from RPC_EVENTS_PATH as
 * server-sent events (read with fetch, so the secret stays in a header). The secret is never in
 * an address: the page gets it from RPC_SESSION_PATH in exchange for a one-time code (handed over
 * at RPC_HANDOFF_PATH, or pasted from the terminal); see main/web/web-server.ts.
 */
export const RPC_HTTP_PREFIX = '/rpc/';
export const RPC_EVENTS_PATH = '/rpc-events';
export const RPC_SECRET_HEADER = 'x-token-desk-secret';
export const RPC_SESSION_PATH = '/session';
export const RPC_HANDOFF_PATH = '/handoff';
