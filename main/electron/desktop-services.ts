// The desktop app's ports (no Electron import here, so a test can build the whole thing on a temp
// folder with fakes), passed to the one composition root (core/app-services.ts): the documents of
// the Token Desk home shared with the CLI (the atomic writer every shell uses; electron-store for
// the app's preferences), the window's vault (new connections sealed by safeStorage, the OS
// keyring or a passphrase, as chosen; the CLI's OS-keyring cipher always there too, so
// connections made with the CLI work here), the cross-process file lock, HTTP over net.fetch, the
// sign-in opener; then the main-side token copier and the rpc handlers on top.

import { createAppServices, DOCUMENT_NAMES } from '../core/app-services.js';
import type { Clock, ClipboardPort, FetchPort, LockPort } from '../core/ports.js';
import type { RefreshScheduler } from '../core/tokens/refresh-scheduler.js';
import type { ConnectionStore } from '../core/store/connection-store-types.js';
import type { KeyringPort } from '../core/vault/keyring-cipher.js';
import type { ScryptCost } from '../core/vault/passphrase-cipher.js';
import type { SafeStoragePort } from '../core/vault/safe-storage-cipher.js';
import type { VaultControl } from '../core/vault/vault-control.js';
import type { RpcHandlers } from '../rpc/dispatcher.js';
import { createConnectionEvents } from '../rpc/connection-view.js';
import { createRpcHandlers, noticeEvent, rpcDependencies } from '../rpc/handlers.js';
import {
  createJsonDocumentStore,
  findCorruptBackups,
} from '../platform/node/json-document-store.js';
import { nodeLoopbackListener } from '../platform/node/loopback-listener.js';
import { forwardingOpener } from '../platform/node/private-pages.js';
import { createAuthorizationOpener } from './authorization-opener.js';
import type { Schedule } from './clipboard-guard.js';
import { createElectronStoreDocument, type StoreFactory } from './electron-store-document.js';
import type { EmitEvent } from './ipc-adapter.js';
import { desktopCipherOptions, PASSPHRASE_ENV } from './safe-storage.js';
import { createTokenCopier, type Notice, type TokenCopier } from './token-copy.js';
import type { TrayState } from './tray-menu.js';

/** File names in the home folder; the connections and vault files are the CLI's too. */
export { DOCUMENT_NAMES };

export interface DesktopServicesOptions {
  home: string;
  version: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** electron-store, for the app's preferences (settings.json) only. */
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
  const now = () => clock.now();
  const app = createAppServices({
    home,
    documents: (name) =>
      name === DOCUMENT_NAMES.settings
        ? createElectronStoreDocument({ createStore: options.createStore, home, name, now })
        : createJsonDocumentStore({ home, name, now }),
    corruptBackups: () => ({
      connections: findCorruptBackups(home, DOCUMENT_NAMES.connections),
      vault: findCorruptBackups(home, DOCUMENT_NAMES.vault),
    }),
    lock,
    clock,
    keepInTrayByDefault: options.keepInTrayByDefault,
    fetch: options.fetch,
    loopback: () => Promise.resolve(nodeLoopbackListener),
    opener: createAuthorizationOpener({
      // On Linux shell.openExternal runs xdg-open with the address as an argument, which every
      // local user can read (state and the PKCE challenge): hand it a 0600 page that forwards.
      openExternal:
        process.platform === 'linux'
          ? (url) => forwardingOpener({ home, opener: { open: options.openExternal } }).open(url)
          : options.openExternal,
      accountsServers: () =>
        app.store
          .list()
          .flatMap((c) => (c.custom ? [c.accountsUrl, c.custom.accountsUrl] : [c.accountsUrl])),
    }),
    vault: {
      window: {
        program: 'desktop',
        osCiphers: () =>
          desktopCipherOptions({
            safeStorage: options.safeStorage,
            keyring: options.keyring,
            keyringService: options.keyringService,
          }),
        envPassphrase: options.env[PASSPHRASE_ENV],
        passphraseCost: options.passphraseCost,
      },
    },
    // A refresh (the window's, the tray's, the scheduler's) that kept the old api_domain tells the window.
    onNotice: (notice) => options.emit('connections.notice', noticeEvent(notice)),
  });
  const vaultControl = app.vaultControl();
  const events = createConnectionEvents(() => vaultControl.vault, options.emit);
  const tokens = await app.tokens();
  const copier = createTokenCopier({
    getAccessToken: (name, opts) => tokens.getAccessToken(name, opts),
    clipboard: options.clipboard,
    schedule: options.schedule,
    clearAfterSeconds: () => app.settings.get().clipboardClearSeconds,
    notify: options.notify,
    now,
    // A tray copy that refreshed (or failed) must show in the window and the tray label at once.
    onConnectionChanged: async (name) => {
      const connection = app.store.find(name);
      if (connection) await events.changed(connection);
      else events.all();
    },
  });

  const handlers = createRpcHandlers(
    await rpcDependencies(app, {
      shell: 'electron',
      version: options.version,
      copyToken: (name, as) => copier.copy(name, as),
      copyText: (text, secret) => copier.copyText(text, { secret }),
      emit: options.emit,
    }),
  );

  const refresher = await app.refresher((refreshed) => {
    for (const connection of refreshed) void events.changed(connection);
  });

  return {
    handlers,
    store: app.store,
    copier,
    refresher,
    vault: vaultControl,
    keepInTray: () => app.settings.get().keepInTray,
    trayState: () => ({
      now: clock.now(),
      connections: app.store.list().map((c) => ({
        name: c.name,
        status: c.status,
        expiresAt: c.accessTokenExpiresAt,
        org: c.org,
      })),
    }),
  };
}
