// The rpc contract's methods, each mapped to one core use case, assembled from one small file per
// method group (connections, tokens, requests, vault, app). Shells build the dependencies from
// their app services (rpcDependencies) and pass in what only they have (the clipboard copier,
// whether the sign-in page opens); nothing here knows which shell it runs in beyond the `shell`
// label.

import type { AppServices } from '../core/app-services.js';
import type { ConnectionService } from '../core/connections/connection-service.js';
import type { RequestService } from '../core/requests/request-service.js';
import type { SettingsStore } from '../core/settings/settings-store.js';
import type { ConnectionStore } from '../core/store/connection-store-types.js';
import type { CorruptBackups } from '../core/store/corrupt-backups.js';
import type { TokenManager, TokenNotice } from '../core/tokens/token-manager.js';
import type { VaultControl } from '../core/vault/vault-control.js';
import { createAppHandlers } from './app-handlers.js';
import { createConnectionHandlers } from './connection-handlers.js';
import { createConnectionEvents, type EmitEvent } from './connection-view.js';
import type { EventPayload, MethodName } from './contract.js';
import type { RpcHandlers } from './dispatcher.js';
import { createRequestHandlers } from './request-handlers.js';
import { createTokenHandlers } from './token-handlers.js';
import { createVaultHandlers } from './vault-handlers.js';

export { maskToken } from './connection-view.js';

export interface RpcHandlerDeps {
  shell: 'electron' | 'browser';
  /** Open the Zoho sign-in page in the system browser (off for `token-desk ui --no-open` and tests). */
  openAuthorizationPage?: boolean;
  version: string;
  home: string;
  /** Which ciphers protect the secrets, and the user's say in it (passphrase, choice, sharing). */
  vaultControl: VaultControl;
  store: ConnectionStore;
  connections: ConnectionService;
  tokens: TokenManager;
  requests: RequestService;
  settings: SettingsStore;
  /** Electron copies in main; browser mode has no such port (the page copies after tokens.reveal). */
  copyToken?: (name: string, as: 'token' | 'header') => Promise<{ expiresAt: number }>;
  /**
   * Electron: puts an export on the clipboard in main; `secret` (it holds secrets) clears it after
   * the user's delay, like a token. Browser mode has none (the page copies the text it was given).
   */
  copyText?: (text: string, secret: boolean) => Promise<{ clearAfterSeconds: number }>;
  emit: EmitEvent;
  /** Backups of corrupt store files beside the live ones, looked up on each call. */
  corruptBackups?: () => CorruptBackups;
}

/** The handlers of the methods whose names start with `<group>.`. */
export type HandlerGroup<G extends string> = Pick<
  RpcHandlers,
  Extract<MethodName, `${G}.${string}`>
>;

/** A token manager notice as the window gets it (connections.notice): the text, no details. */
export function noticeEvent(notice: TokenNotice): EventPayload<'connections.notice'> {
  return { connection: notice.connection, code: notice.code, message: notice.message };
}

/** What a shell with a window passes besides its app services. */
export type ShellHandlerOptions = Pick<
  RpcHandlerDeps,
  'shell' | 'openAuthorizationPage' | 'version' | 'copyToken' | 'copyText' | 'emit'
>;

/** The handlers' dependencies from the app services (it builds the lazy parts). */
export async function rpcDependencies(
  app: AppServices,
  shell: ShellHandlerOptions,
): Promise<RpcHandlerDeps> {
  const [connections, tokens, requests] = await Promise.all([
    app.connections(),
    app.tokens(),
    app.requests(),
  ]);
  return {
    ...shell,
    home: app.home,
    vaultControl: app.vaultControl(),
    store: app.store,
    connections,
    tokens,
    requests,
    settings: app.settings,
    corruptBackups: () => app.corruptBackups(),
  };
}

export function createRpcHandlers(deps: RpcHandlerDeps): RpcHandlers {
  const events = createConnectionEvents(() => deps.vaultControl.vault, deps.emit);
  return {
    ...createAppHandlers(deps),
    ...createConnectionHandlers(deps, events),
    ...createTokenHandlers(deps, events),
    ...createRequestHandlers(deps, events),
    ...createVaultHandlers(deps, events),
  };
}
