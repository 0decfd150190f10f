// The core services for one Token Desk home in plain Node: what the CLI and the browser mode run
// on. The vault is opened on first use, so commands that need no secret never touch the keyring.
// The browser mode's vault also takes the window's passphrase and cipher choice (vaultControl).

import { systemClock, type BrowserOpener, type Clock, type FetchPort } from '../../core/ports.js';
import type { ConnectionStore } from '../../core/store/connection-store-types.js';
import { createZohoOAuthClient } from '../../core/zoho/oauth-client.js';
import {
  createTokenManager,
  type TokenManager,
  type TokenNotice,
} from '../../core/tokens/token-manager.js';
import type { ConnectionService } from '../../core/connections/connection-service.js';
import type { RequestRunner } from '../../core/requests/request-runner.js';
import { createRequestHistory, type RequestHistory } from '../../core/requests/request-history.js';
import { createSettingsStore, type SettingsStore } from '../../core/settings/settings-store.js';
import { TokenDeskError } from '../../core/errors.js';
import type { KeyringPort } from '../../core/vault/keyring-cipher.js';
import type { VaultControl } from '../../core/vault/vault-control.js';
import type { CorruptBackups } from '../../core/store/corrupt-backups.js';
import { createJsonDocumentStore, findCorruptBackups } from './json-document-store.js';
import {
  STORE_FILE_NAME,
  VAULT_FILE_NAME,
  createNodeLock,
  openBrowserVaultControl,
  openNodeStore,
  openNodeVault,
  type NodeVault,
} from './node-vault.js';

export interface NodeServicesOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  fetch?: FetchPort;
  opener?: BrowserOpener;
  /** 'browser': the vault also takes a passphrase typed in the page and the window's cipher choice. */
  program?: 'cli' | 'browser';
  /** The OS keyring (default @napi-rs/keyring) and its service for vault keys; tests pass their own. */
  keyring?: KeyringPort;
  keyringService?: string;
  /** Told about notices of the token manager (e.g. an api_domain it refused to store). */
  onNotice?: (notice: TokenNotice) => void;
}

/** Backups of corrupt store files beside the live ones (`connections.corrupt-*.json`, ...). */
export type { CorruptBackups } from '../../core/store/corrupt-backups.js';

export interface NodeServices {
  home: string;
  store: ConnectionStore;
  vault(): Promise<NodeVault>;
  /** The browser mode's say over the vault (program 'browser' only). */
  vaultControl(): VaultControl;
  tokens(): Promise<TokenManager>;
  connections(): Promise<ConnectionService>;
  requests(): Promise<RequestRunner>;
  history: RequestHistory;
  settings: SettingsStore;
  /** Looked up on each call: a backup the user moved back or deleted no longer counts. */
  corruptBackups(): CorruptBackups;
}

/** Opens URLs in the user's default browser (never an embedded window). */
export const systemBrowser: BrowserOpener = {
  async open(url) {
    const { default: open } = await import('open');
    await open(url);
  },
};

export function createNodeServices(options: NodeServicesOptions): NodeServices {
  const clock = options.clock ?? systemClock;
  const { home } = options;
  const store = openNodeStore({ home, clock });
  const oauth = createZohoOAuthClient({ clock, fetch: options.fetch });
  let vault: Promise<NodeVault> | undefined;
  let tokens: Promise<TokenManager> | undefined;
  const settings = createSettingsStore(createJsonDocumentStore({ home, name: 'settings' }));
  let control: VaultControl | undefined;
  const keyring = { keyring: options.keyring, keyringService: options.keyringService };

  const getControl = (): VaultControl => {
    if (options.program !== 'browser') {
      throw new TokenDeskError(
        'vault_control_unavailable',
        'The command line has no vault settings.',
        { category: 'local', remedy: 'This is a bug in Token Desk; please report it.' },
      );
    }
    return (control ??= openBrowserVaultControl({ home, env: options.env, settings, ...keyring }));
  };
  const getVault = () =>
    (vault ??=
      options.program === 'browser'
        ? Promise.resolve(getControl()).then((c) => ({
            vault: c.vault,
            cipherId: c.vault.cipherId,
            describe: c.vault.describe(),
          }))
        : openNodeVault({ home, env: options.env, ...keyring }));
  const getTokens = () =>
    (tokens ??= getVault().then(({ vault: secrets }) =>
      createTokenManager({
        store,
        vault: secrets,
        oauth,
        lock: createNodeLock(home),
        clock,
        onNotice: options.onNotice,
      }),
    ));

  return {
    home,
    store,
    vault: getVault,
    vaultControl: getControl,
    tokens: getTokens,
    // Loaded on demand: `token-desk token` needs neither (nor the catalog they bring in).
    async connections() {
      const { createConnectionService } =
        await import('../../core/connections/connection-service.js');
      // node:http too: only a browser sign-in listens.
      const { nodeLoopbackListener } = await import('./loopback-listener.js');
      const [{ vault: secrets }, tokenManager] = await Promise.all([getVault(), getTokens()]);
      return createConnectionService({
        store,
        vault: secrets,
        oauth,
        tokens: tokenManager,
        clock,
        opener: options.opener ?? systemBrowser,
        loopback: nodeLoopbackListener,
      });
    },
    async requests() {
      const { createRequestRunner } = await import('../../core/requests/request-runner.js');
      return createRequestRunner({ store, tokens: await getTokens(), clock, fetch: options.fetch });
    },
    history: createRequestHistory(createJsonDocumentStore({ home, name: 'history' }), clock),
    settings,
    corruptBackups: () => ({
      connections: findCorruptBackups(home, STORE_FILE_NAME),
      vault: findCorruptBackups(home, VAULT_FILE_NAME),
    }),
  };
}
