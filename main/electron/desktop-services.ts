// Builds the core services for the desktop app from ports (no Electron import here, so a test
// can build the whole thing on a temp folder with fakes): electron-store documents in the Token
// Desk home shared with the CLI, the vault (new connections sealed by safeStorage, the OS keyring
// or a passphrase, as chosen; the CLI's OS-keyring cipher always there too, so connections made
// with the CLI work here), the cross-process file lock, HTTP over net.fetch, the sign-in opener,
// the main-side token copier, and the rpc handlers on top.

import { AuthorizationCoordinator } from '../core/auth/pending-authorization.js';
import { createConnectionService } from '../core/connections/connection-service.js';
import type { Clock, ClipboardPort, FetchPort, LockPort } from '../core/ports.js';
import { createRequestHistory } from '../core/requests/request-history.js';
import { createRequestRunner } from '../core/requests/request-runner.js';
import { createSettingsStore } from '../core/settings/settings-store.js';
import { createRefreshScheduler, type RefreshScheduler } from '../core/tokens/refresh-scheduler.js';
import { createConnectionStore } from '../core/store/connection-store.js';
import type { ConnectionStore } from '../core/store/connection-store-types.js';
import { createTokenManager } from '../core/tokens/token-manager.js';
import type { KeyringPort } from '../core/vault/keyring-cipher.js';
import type { ScryptCost } from '../core/vault/passphrase-cipher.js';
import type { SafeStoragePort } from '../core/vault/safe-storage-cipher.js';
import { createVaultControl, type VaultControl } from '../core/vault/vault-control.js';
import { createZohoOAuthClient } from '../core/zoho/oauth-client.js';
import type { RpcHandlers } from '../rpc/dispatcher.js';
import { createRpcHandlers, noticeEvent } from '../rpc/handlers.js';
import { findCorruptBackups } from '../platform/node/json-document-store.js';
import { createAuthorizationOpener } from './authorization-opener.js';
import type { Schedule } from './clipboard-guard.js';
import { createElectronStoreDocument, type StoreFactory } from './electron-store-document.js';
import type { EmitEvent } from './ipc-adapter.js';
import { desktopCipherOptions, PASSPHRASE_ENV } from './safe-storage.js';
import { createTokenCopier, type Notice, type TokenCopier } from './token-copy.js';
import type { TrayState } from './tray-menu.js';

/** File names in the home folder; the connections and vault files are the CLI's too. */
export const DOCUMENT_NAMES = {
  connections: 'connections',
  vault: 'vault',
  settings: 'settings',
  history: 'history',
} as const;

export interface DesktopServicesOptions {
  home: string;
  version: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  createStore: StoreFactory;
  lock: LockPort;
  safeStorage: SafeStoragePort;
  /** The OS keyring (@napi-rs/keyring): the CLI's cipher, so both open what the other sealed. */
  keyring?: KeyringPort;
  /** Keyring service of the vault keys; the CLI's default unless a test passes its own. */
  keyringService?: string;
  /** scrypt cost for a new passphrase (tests pass a cheap one). */
  passphraseCost?: ScryptCost;
  fetch: FetchPort;
  /** shell.openExternal; reached only through the authorization opener's check. */
  openExternal(url: string): Promise<void>;
  clipboard: ClipboardPort;
  schedule: Schedule;
  notify(notice: Notice): void;
  emit: EmitEvent;
  /** The platform's default for "keep running in the tray" (index.ts: on except on Linux). */
  keepInTrayByDefault?: boolean;
}

export interface DesktopServices {
  handlers: RpcHandlers;
  /** Background refresh ("Refresh access tokens automatically"); index.ts starts it. */
  refresher: RefreshScheduler;
  store: ConnectionStore;
  copier: TokenCopier;
  /** How the secrets are protected, and the passphrase / choice / sharing behind the Settings page. */
  vault: VaultControl;
  trayState(): TrayState;
  /** The setting read when the window closes: stay in the tray (true) or quit. */
  keepInTray(): boolean;
}

export async function createDesktopServices(
  options: DesktopServicesOptions,
): Promise<DesktopServices> {
  const { home, clock, lock } = options;
  const document = (name: string) =>
    createElectronStoreDocument({
      createStore: options.createStore,
      home,
      name,
      now: () => clock.now(),
    });

  const store = createConnectionStore({
    document: document(DOCUMENT_NAMES.connections),
    lock,
    clock,
  });
  const settings = createSettingsStore(document(DOCUMENT_NAMES.settings), {
    keepInTrayByDefault: options.keepInTrayByDefault,
  });
  const vaultControl = createVaultControl({
    program: 'desktop',
    document: document(DOCUMENT_NAMES.vault),
    lock,
    osCiphers: desktopCipherOptions({
      safeStorage: options.safeStorage,
      keyring: options.keyring,
      keyringService: options.keyringService,
    }),
    choice: {
      get: () => settings.get().vaultCipher?.desktop,
      set: async (id) => {
        await settings.set({ vaultCipher: { ...settings.get().vaultCipher, desktop: id } });
      },
    },
    envPassphrase: options.env[PASSPHRASE_ENV],
    passphraseCost: options.passphraseCost,
  });
  const vault = vaultControl.vault;
  const oauth = createZohoOAuthClient({ fetch: options.fetch, clock });
  // A refresh (the window's, the tray's, the scheduler's) that kept the old api_domain tells the window.
  const tokens = createTokenManager({
    store,
    vault,
    oauth,
    lock,
    clock,
    onNotice: (notice) => options.emit('connections.notice', noticeEvent(notice)),
  });
  const history = createRequestHistory(document(DOCUMENT_NAMES.history), clock);
  const opener = createAuthorizationOpener({
    openExternal: options.openExternal,
    accountsServers: () =>
      store
        .list()
        .flatMap((c) => (c.custom ? [c.accountsUrl, c.custom.accountsUrl] : [c.accountsUrl])),
  });
  const connections = createConnectionService({
    store,
    vault,
    oauth,
    tokens,
    clock,
    opener,
    coordinator: new AuthorizationCoordinator({ now: () => clock.now() }),
  });
  const requests = createRequestRunner({ store, tokens, fetch: options.fetch, clock });
  const copier = createTokenCopier({
    getAccessToken: (name, opts) => tokens.getAccessToken(name, opts),
    clipboard: options.clipboard,
    schedule: options.schedule,
    clearAfterSeconds: () => settings.get().clipboardClearSeconds,
    notify: options.notify,
    now: () => clock.now(),
    // A tray copy that refreshed (or failed) must show in the window and the tray label at once.
    onConnectionChanged: () => options.emit('connections.changed', {}),
  });

  const handlers = createRpcHandlers({
    shell: 'electron',
    version: options.version,
    home,
    vaultControl,
    store,
    vault,
    connections,
    tokens,
    requests,
    history,
    settings,
    copyToken: (name, as) => copier.copy(name, as),
    copyText: (text, secret) => copier.copyText(text, { secret }),
    emit: options.emit,
    corruptBackups: () => ({
      connections: findCorruptBackups(home, DOCUMENT_NAMES.connections),
      vault: findCorruptBackups(home, DOCUMENT_NAMES.vault),
    }),
  });

  const refresher = createRefreshScheduler({
    store,
    tokens,
    clock,
    isEnabled: () => settings.get().autoRefresh,
    onRefreshed: () => options.emit('connections.changed', {}),
  });

  return {
    handlers,
    store,
    copier,
    refresher,
    vault: vaultControl,
    keepInTray: () => settings.get().keepInTray,
    trayState: () => ({
      now: clock.now(),
      connections: store.list().map((c) => ({
        name: c.name,
        status: c.status,
        expiresAt: c.accessTokenExpiresAt,
        org: c.org,
      })),
    }),
  };
}
