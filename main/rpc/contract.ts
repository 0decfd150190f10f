// The one contract between the UI and the core: every method with its parameter and result
// schemas, and every event main pushes to the UI. The Electron IPC adapter, the preload bridge,
// the browser-mode HTTP server and the renderer's rpc client are all generated from this table,
// so a method cannot exist in one shell and not the other. Imports nothing but zod: the preload
// and the renderer import this file.

import { z } from 'zod';

export const DC_CODE = z.enum(['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'uk', 'cn']);

const name = z.string().min(1).max(64);

/** A connection as the UI sees it: metadata only. Secrets never cross this boundary, except the
 * access token returned by tokens.reveal when the user clicked Reveal or Copy in browser mode. */
export const connectionView = z.object({
  id: z.string(),
  name: z.string(),
  dc: z.union([DC_CODE, z.literal('custom')]),
  location: z.string().optional(),
  clientType: z.enum(['self', 'server']),
  clientId: z.string(),
  scopes: z.array(z.string()),
  grantedScopes: z.array(z.string()).optional(),
  redirectUri: z.string().optional(),
  accountsUrl: z.string(),
  apiDomain: z.string(),
  custom: z.object({ accountsUrl: z.string(), apiDomain: z.string() }).optional(),
  user: z.object({ email: z.string().optional(), name: z.string().optional(), zuid: z.string().optional() }).optional(),
  org: z.string().optional(),
  environment: z.enum(['production', 'sandbox', 'developer']),
  status: z.enum(['new', 'ready', 'needs-reauth']),
  accessTokenExpiresAt: z.number().optional(),
  /** The access token with all but its first and last 4 characters masked. */
  maskedAccessToken: z.string().optional(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.number() }).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ConnectionView = z.infer<typeof connectionView>;

export const newConnectionInput = z.object({
  name,
  dc: DC_CODE.optional(),
  clientId: z.string().min(1),
  clientType: z.enum(['self', 'server']),
  clientSecret: z.string().min(1),
  scopes: z.array(z.string()).default([]),
  redirectUri: z.string().optional(),
  accountsUrl: z.string().optional(),
  apiDomain: z.string().optional(),
  org: z.string().optional(),
  environment: z.enum(['production', 'sandbox', 'developer']).optional(),
});

export const apiRequest = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  pathOrUrl: z.string().min(1),
  query: z.array(z.tuple([z.string(), z.string()])).default([]),
  headers: z.array(z.tuple([z.string(), z.string()])).default([]),
  body: z.string().optional(),
  /** The product's organization context (Books organization_id, Desk orgId, ...). */
  orgId: z.string().max(64).optional(),
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
  /** When the API said the token lacks a scope: the scope the catalog says this URL needs. */
  missingScope: z.string().optional(),
  /** The catalog product the URL belongs to, and whether its organization context was added. */
  product: z.string().optional(),
  orgContextApplied: z.boolean().optional(),
});
export type ApiResponseView = z.infer<typeof apiResponse>;

export const historyEntry = z.object({
  id: z.string(),
  connection: z.string(),
  at: z.number(),
  request: apiRequest,
  status: z.number().optional(),
  durationMs: z.number().optional(),
  error: z.string().optional(),
});

export const scopeInfo = z.object({
  scope: z.string(),
  product: z.string(),
  description: z.string(),
  sensitivity: z.enum(['read', 'write', 'delete', 'full']),
  confirmed: z.boolean(),
});
export const productInfo = z.object({
  id: z.string(),
  name: z.string(),
  servicePrefix: z.string(),
  scopes: z.array(scopeInfo),
  presets: z.array(z.object({ id: z.string(), label: z.string(), scopes: z.array(z.string()) })),
});
export const sampleRequest = z.object({
  product: z.string(),
  label: z.string(),
  method: z.literal('GET'),
  path: z.string(),
  scope: z.string(),
});

export const settings = z.object({
  clipboardClearSeconds: z.number().int().min(0).max(3600),
  autoRefresh: z.boolean(),
  theme: z.enum(['light', 'dark', 'system']),
});
export type Settings = z.infer<typeof settings>;

export const appInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  home: z.string(),
  cipher: z.object({ id: z.string(), description: z.string(), secure: z.boolean(), warning: z.string().optional() }),
});

/** Every error crosses the boundary in this shape (never a stack, never a secret). */
export const rpcError = z.object({ code: z.string(), message: z.string(), remedy: z.string(), details: z.record(z.string(), z.unknown()).optional() });
export type RpcError = z.infer<typeof rpcError>;

const empty = z.object({}).strict();
const byName = z.object({ name });

export const methods = {
  'app.info': { params: empty, result: appInfo },
  'settings.get': { params: empty, result: settings },
  'settings.set': { params: settings.partial(), result: settings },

  'connections.list': { params: empty, result: z.array(connectionView) },
  'connections.add': { params: newConnectionInput, result: connectionView },
  'connections.importSelfClient': {
    params: z.object({ name, fileText: z.string().max(64 * 1024), dc: DC_CODE.optional(), accountsUrl: z.string().optional(), apiDomain: z.string().optional() }),
    result: connectionView,
  },
  'connections.authorizeSelfClient': {
    params: z.object({
      name,
      code: z.string().min(1),
      /** The scopes the code was generated with (the UI showed them to paste); kept as the connection's scopes once Zoho accepts the code. */
      scopes: z.array(z.string().min(1)).max(200).optional(),
    }),
    result: connectionView,
  },
  /** Opens the system browser and waits for the loopback callback; progress comes as events. */
  'connections.authorizeServer': {
    params: z.object({
      name,
      timeoutSeconds: z.number().int().min(10).max(3600).optional(),
      /** Scopes to ask for on top of the connection's own (e.g. the one an OAUTH_SCOPE_MISMATCH named); kept once granted. */
      addScopes: z.array(z.string().min(1)).max(50).optional(),
    }),
    result: connectionView,
  },
  'connections.cancelAuthorization': { params: empty, result: z.object({ cancelled: z.boolean() }) },
  'connections.revoke': { params: byName, result: connectionView },
  'connections.remove': { params: byName, result: z.object({ removed: z.string() }) },
  'connections.export': {
    params: z.object({ name, format: z.enum(['env', 'json', 'postman']), includeSecrets: z.boolean().default(false) }),
    result: z.object({ text: z.string(), fileName: z.string() }),
  },

  'tokens.refresh': { params: byName, result: connectionView },
  /** Copies in main (Electron); the renderer never sees the token. */
  'tokens.copy': { params: z.object({ name, as: z.enum(['token', 'header']) }), result: z.object({ expiresAt: z.number() }) },
  /** Returns the token itself: only on the user's click (Reveal, or Copy in browser mode). */
  'tokens.reveal': { params: byName, result: z.object({ accessToken: z.string(), expiresAt: z.number() }) },

  'requests.send': { params: z.object({ name, request: apiRequest }), result: apiResponse },
  'requests.history': { params: z.object({ name: name.optional() }), result: z.array(historyEntry) },
  'requests.curl': { params: z.object({ name, request: apiRequest, includeToken: z.boolean().default(false) }), result: z.object({ text: z.string() }) },

  'catalog.products': { params: empty, result: z.array(productInfo) },
  'catalog.checkScopes': {
    params: z.object({ scopes: z.array(z.string()), presetIds: z.array(z.string()).default([]) }),
    result: z.object({ scopes: z.array(z.string()), errors: z.array(z.object({ input: z.string(), reason: z.string() })), warnings: z.array(z.string()) }),
  },
  'catalog.samples': { params: byName, result: z.array(sampleRequest) },
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
    step: z.enum(['listening', 'sign-in', 'exchanging', 'done', 'failed', 'cancelled']),
    url: z.string().optional(),
    /** sign-in only: false when the browser was not opened (--no-open, or opening failed). */
    browserOpened: z.boolean().optional(),
    deadline: z.number().optional(),
  }),
  /** Something changed connections (another window, the CLI, a refresh): reload the list. */
  'connections.changed': z.object({}),
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
 * server-sent events (read with fetch, so the secret stays in a header). The secret reaches the
 * page in the URL fragment (`#secret=…`), which browsers never send to a server.
 */
export const RPC_HTTP_PREFIX = '/rpc/';
export const RPC_EVENTS_PATH = '/rpc-events';
export const RPC_SECRET_HEADER = 'x-token-desk-secret';
