// The one composition root of Token Desk's core: createAppServices(ports) builds the connection
// store, the vault, the token manager, the connection and request use cases, the request history,
// the settings and the background refresher, once, from the ports a shell passes in. The CLI
// (main/cli/cli-context.ts), the browser mode (main/web/browser-mode.ts) and the desktop app
// (main/electron/desktop-services.ts) each build only their ports; where they differ (one cipher
// chosen from the environment, or a window's say over the vault) it is a port value, not a mode.
//
// Lazy on purpose: `token-desk token` needs the store and the token manager only, so the vault's
// cipher (and the keyring's native binding), the connection use cases and the catalog they bring
// in are built on first use (docs/architecture.md "Start-up time").

import type { ConnectionService } from './connections/connection-service.js';
import type {
  BrowserOpener,
  Clock,
  DocumentStore,
  FetchPort,
  LockPort,
  LoopbackListenerPort,
} from './ports.js';
import { systemClock } from './ports.js';
import { createRequestHistory, type RequestHistory } from './requests/request-history.js';
import type { RequestService } from './requests/request-service.js';
import {
  createSettingsStore,
  type AppSettings,
  type SettingsStore,
} from './settings/settings-store.js';
import { createConnectionStore } from './store/connection-store.js';
import type { ConnectionStore } from './store/connection-store-types.js';
import type { CorruptBackups } from './store/corrupt-backups.js';
import type { Connection } from './store/connection.js';
import { TokenDeskError } from './errors.js';
import { createRefreshScheduler, type RefreshScheduler } from './tokens/refresh-scheduler.js';
import { createTokenManager, type TokenManager, type TokenNotice } from './tokens/token-manager.js';
import type { Cipher } from './vault/cipher.js';
import { createEncryptedVault, type EncryptedVault } from './vault/encrypted-vault.js';
import type { ScryptCost } from './vault/passphrase-cipher.js';
import {
  createVaultControl,
  type OsCipherOption,
  type VaultControl,
  type VaultProgram,
} from './vault/vault-control.js';
import { createZohoOAuthClient, type ZohoOAuthClient } from './zoho/oauth-client.js';

/** The documents of one Token Desk home, by file name (without extension). */
export const DOCUMENT_NAMES = {
  connections: 'connections',
  vault: 'vault',
  settings: 'settings',
  history: 'history',
  /** What the 20-refresh-token warning counts (tokens/refresh-token-ledger.ts). */
  refreshTokens: 'refresh-tokens',
} as const;
export type DocumentName = (typeof DOCUMENT_NAMES)[keyof typeof DOCUMENT_NAMES];

/** The vault of a shell without a window (the CLI): one cipher, built on the first secret. */
export interface SingleCipherVault {
  cipher(): Cipher;
}

/**
 * The vault of a shell with a window (the desktop app, the browser mode): its OS ciphers, plus
 * the passphrase the user may set up or type in the window, and the user's choice between them.
 */
export interface WindowVault {
  /** The status label, and the key under `settings.vaultCipher` that keeps this window's choice. */
  program: VaultProgram;
  /** The OS ciphers, the default first (vault/vault-control.ts). */
  osCiphers(): readonly OsCipherOption[];
  /** TOKEN_DESK_PASSPHRASE, if set. */
  envPassphrase?: string;
  /** scrypt cost for a new passphrase (tests pass a cheap one). */
  passphraseCost?: ScryptCost;
}

export interface AppPorts {
  /** The Token Desk home folder (labels, corrupt-file notices). */
  home: string;
  /** One document of the home (atomic 0600 JSON files in every shell). */
  documents(name: DocumentName): DocumentStore;
  /** Backups of corrupt store files beside the live ones; looked up on each call. */
  corruptBackups(): CorruptBackups;
  /** The cross-process lock of the home (also the token manager's single flight). */
  lock: LockPort;
  clock?: Clock;
  fetch?: FetchPort;
  /** Opens the Zoho sign-in page; without it a server sign-in prints the address only. */
  opener?: BrowserOpener;
  /**
   * Where a browser sign-in's receiver listens (node:http, main/platform/node): asked for on the
   * first sign-in only, so commands that never sign in never load an HTTP server.
   */
  loopback(): Promise<LoopbackListenerPort>;
  vault: { single: SingleCipherVault } | { window: WindowVault };
  /** Told about the token manager's notices (e.g. an api_domain it refused to store). */
  onNotice?: (notice: TokenNotice) => void;
  /**
   * "Keep running in the tray" until the user chooses: the desktop passes its platform's default
   * (on for macOS and Windows, off for Linux); core never reads the platform itself.
   */
  keepInTrayByDefault?: boolean;
}

export interface OpenedVault {
  vault: EncryptedVault;
  /** The primary cipher: 'passphrase', 'keyring' or 'safestorage'. */
  cipherId: string;
  /** Where its key lives, for the user. */
  describe: string;
}

export interface AppServices {
  home: string;
  store: ConnectionStore;
  settings: SettingsStore;
  history: RequestHistory;
  corruptBackups(): CorruptBackups;
  vault(): Promise<OpenedVault>;
  /** The window's say over the vault; only for a shell that passed `vault.window`. */
  vaultControl(): VaultControl;
  tokens(): Promise<TokenManager>;
  connections(): Promise<ConnectionService>;
  requests(): Promise<RequestService>;
  /** "Refresh access tokens automatically" (Settings); the shell starts and stops it. */
  refresher(onRefreshed: (connections: Connection[]) => void): Promise<RefreshScheduler>;
}

export function createAppServices(ports: AppPorts): AppServices {
  const parts = createStorageParts(ports);
  const { store, settings, history, clock } = parts;
  const vaultControl = memo(() => buildVaultControl(ports, parts));
  const vault = memo(() => Promise.resolve().then(() => openVault(ports, parts, vaultControl)));
  const tokens = memo(() =>
    vault().then(({ vault: secrets }) =>
      createTokenManager({
        store,
        vault: secrets,
        oauth: parts.oauth,
        lock: parts.lock,
        clock,
        onNotice: ports.onNotice,
      }),
    ),
  );
  const connections = memo(() => buildConnections(ports, parts, vault, tokens));
  const requests = memo(() => buildRequests(ports, parts, tokens));

  return {
    home: ports.home,
    store,
    settings,
    history,
    corruptBackups: () => ports.corruptBackups(),
    vault,
    vaultControl,
    tokens,
    connections,
    requests,
    async refresher(onRefreshed) {
      return createRefreshScheduler({
        store,
        tokens: await tokens(),
        clock,
        isEnabled: () => settings.get().autoRefresh,
        onRefreshed,
      });
    },
  };
}

/** What every command needs at once: the documents' stores and the OAuth client (no cipher yet). */
interface StorageParts {
  clock: Clock;
  lock: LockPort;
  store: ConnectionStore;
  settings: SettingsStore;
  history: RequestHistory;
  oauth: ZohoOAuthClient;
}

function createStorageParts(ports: AppPorts): StorageParts {
  const clock = ports.clock ?? systemClock;
  const { lock } = ports;
  return {
    clock,
    lock,
    store: createConnectionStore({
      document: ports.documents(DOCUMENT_NAMES.connections),
      lock,
      clock,
    }),
    settings: createSettingsStore(ports.documents(DOCUMENT_NAMES.settings), {
      keepInTrayByDefault: ports.keepInTrayByDefault,
    }),
    history: createRequestHistory(ports.documents(DOCUMENT_NAMES.history), clock),
    oauth: createZohoOAuthClient({ clock, fetch: ports.fetch }),
  };
}

/** Built on the first call and kept; a build that throws is tried again on the next call. */
function memo<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** The window's say over the vault, its choice kept under its program's key in the settings. */
function buildVaultControl(ports: AppPorts, { lock, settings }: StorageParts): VaultControl {
  if (!('window' in ports.vault)) {
    throw new TokenDeskError(
      'vault_control_unavailable',
      'The command line has no vault settings.',
      {
        category: 'local',
        remedy: 'This is a bug in Token Desk; please report it.',
      },
    );
  }
  const window = ports.vault.window;
  const key = window.program;
  return createVaultControl({
    program: window.program,
    document: ports.documents(DOCUMENT_NAMES.vault),
    lock,
    osCiphers: window.osCiphers(),
    choice: {
      get: () => settings.get().vaultCipher?.[key],
      set: async (id) => {
        // A choice this window's settings cannot hold (safeStorage in the browser) is not kept;
        // the schema drops it, and the vault control never offers it there anyway.
        const vaultCipher = { ...settings.get().vaultCipher, [key]: id };
        await settings.set({ vaultCipher: vaultCipher as AppSettings['vaultCipher'] });
      },
    },
    envPassphrase: window.envPassphrase,
    passphraseCost: window.passphraseCost,
  });
}

/** The window's vault (under its control), or the CLI's one-cipher vault. */
function openVault(
  ports: AppPorts,
  { lock }: StorageParts,
  vaultControl: () => VaultControl,
): OpenedVault {
  if ('window' in ports.vault) {
    const secrets = vaultControl().vault;
    return { vault: secrets, cipherId: secrets.cipherId, describe: secrets.describe() };
  }
  const cipher = ports.vault.single.cipher();
  const secrets = createEncryptedVault({
    document: ports.documents(DOCUMENT_NAMES.vault),
    cipher,
    lock,
  });
  return { vault: secrets, cipherId: cipher.id, describe: cipher.describe() };
}

async function buildConnections(
  ports: AppPorts,
  { store, oauth, clock, history, lock }: StorageParts,
  vault: () => Promise<OpenedVault>,
  tokens: () => Promise<TokenManager>,
): Promise<ConnectionService> {
  // Loaded on demand: `token-desk token` needs neither this nor the catalog it brings in.
  const [{ createConnectionService }, { createZohoDeviceClient }, { createRefreshTokenLedger }] =
    await Promise.all([
      import('./connections/connection-service.js'),
      import('./zoho/device-client.js'),
      import('./tokens/refresh-token-ledger.js'),
    ]);
  const [{ vault: secrets }, tokenManager] = await Promise.all([vault(), tokens()]);
  // The shell's listener is asked for when a sign-in starts, not before.
  const loopback: LoopbackListenerPort = {
    listen: async (options) => (await ports.loopback()).listen(options),
  };
  return createConnectionService({
    store,
    vault: secrets,
    oauth,
    tokens: tokenManager,
    clock,
    opener: ports.opener,
    loopback,
    history,
    device: createZohoDeviceClient({ clock, fetch: ports.fetch }),
    ledger: createRefreshTokenLedger(ports.documents(DOCUMENT_NAMES.refreshTokens), lock),
  });
}

async function buildRequests(
  ports: AppPorts,
  { store, clock, history, settings }: StorageParts,
  tokens: () => Promise<TokenManager>,
): Promise<RequestService> {
  const [{ createRequestRunner }, { createRequestService }] = await Promise.all([
    import('./requests/request-runner.js'),
    import('./requests/request-service.js'),
  ]);
  const tokenManager = await tokens();
  const runner = createRequestRunner({
    store,
    tokens: tokenManager,
    clock,
    fetch: ports.fetch,
  });
  return createRequestService({
    store,
    tokens: tokenManager,
    runner,
    history,
    keepHistory: () => settings.get().keepRequestHistory,
  });
}
