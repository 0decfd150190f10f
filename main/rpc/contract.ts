// The one contract between the UI and the core: every method with its parameter and result
// schemas, and every event main pushes to the UI. The Electron IPC adapter, the preload bridge,
// the browser-mode HTTP server and the renderer's rpc client are all generated from this table,
// so a method cannot exist in one shell and not the other. The schemas live in one file per
// method group (contract-<group>.ts, the events in contract-events.ts); this file assembles them
// and is the one entry every importer uses. Imports nothing but zod, the shared vocabulary
// (main/vocabulary) and those files: the preload and the renderer import this file.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { appMethods, storeMethods } from './contract-app.js';
import { catalogMethods } from './contract-catalog.js';
import { connectionMethods } from './contract-connections.js';
import { events } from './contract-events.js';
import { requestMethods } from './contract-requests.js';
import { tokenMethods } from './contract-tokens.js';
import { vaultMethods } from './contract-vault.js';

export {
  appInfo,
  corruptBackupNotice,
  settings,
  type CorruptBackupNoticeView,
  type Settings,
} from './contract-app.js';
export { productInfo, sampleRequest, scopeInfo } from './contract-catalog.js';
export {
  connectionView,
  DC_CODE,
  PRODUCT_ID,
  type ConnectionView,
  type ProductIdView,
} from './contract-common.js';
export { newConnectionInput } from './contract-connections.js';
export { events } from './contract-events.js';
export {
  apiRequest,
  apiResponse,
  historyEntry,
  type ApiRequestInput,
  type ApiResponseView,
} from './contract-requests.js';
export { CIPHER_ID, vaultStatus, type CipherId, type VaultStatusView } from './contract-vault.js';

// zod/mini, the tree-shakable build: the renderer, the preload and the CLI carry only what the
// contract uses. It loads no locale by itself; English messages, as zod's classic build has them.
z.config(en());

/** Every error crosses the boundary in this shape (never a stack, never a secret). */
export const rpcError = z.object({
  code: z.string(),
  message: z.string(),
  remedy: z.string(),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type RpcError = z.infer<typeof rpcError>;

export const methods = {
  ...appMethods,
  ...connectionMethods,
  ...tokenMethods,
  ...requestMethods,
  ...catalogMethods,
  ...vaultMethods,
  ...storeMethods,
} as const;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

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
