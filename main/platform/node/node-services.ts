// The core services for one Token Desk home in plain Node: what the CLI and the browser mode run
// on. The vault is opened on first use, so commands that need no secret never touch the keyring.

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
import { AuthorizationCoordinator } from '../../core/auth/pending-authorization.js';
import { createJsonDocumentStore, findCorruptBackups } from './json-document-store.js';
import {
  STORE_FILE_NAME,
  VAULT_FILE_NAME,
  createNodeLock,
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
  /** Told about notices of the token manager (e.g. an api_domain it refused to store). */
  onNotice?: (notice: TokenNotice) => void;
}

/** Backups of corrupt store files beside the live ones (`connections.corrupt-*.json`, ...). */
export interface CorruptBackups {
  connections: string[];
  vault: string[];
}

export interface NodeServices {
  home: string;
  store: ConnectionStore;
  vault(): Promise<NodeVault>;
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
  const coordinator = new AuthorizationCoordinator();
  let vault: Promise<NodeVault> | undefined;
  let tokens: Promise<TokenManager> | undefined;

  const getVault = () => (vault ??= openNodeVault({ home, env: options.env }));
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
    tokens: getTokens,
    // Loaded on demand: `token-desk token` needs neither (nor the catalog they bring in).
    async connections() {
      const { createConnectionService } =
        await import('../../core/connections/connection-service.js');
      const [{ vault: secrets }, tokenManager] = await Promise.all([getVault(), getTokens()]);
      return createConnectionService({
        store,
        vault: secrets,
        oauth,
        tokens: tokenManager,
        clock,
        opener: options.opener ?? systemBrowser,
        coordinator,
      });
    },
    async requests() {
      const { createRequestRunner } = await import('../../core/requests/request-runner.js');
      return createRequestRunner({ store, tokens: await getTokens(), clock, fetch: options.fetch });
    },
    history: createRequestHistory(createJsonDocumentStore({ home, name: 'history' }), clock),
    settings: createSettingsStore(createJsonDocumentStore({ home, name: 'settings' })),
    corruptBackups: () => ({
      connections: findCorruptBackups(home, STORE_FILE_NAME),
      vault: findCorruptBackups(home, VAULT_FILE_NAME),
    }),
  };
}
