// The ports of one Token Desk home in plain Node, for createAppServices (core/app-services.ts):
// its documents (JSON files written atomically, mode 0600), the backups of corrupt ones, the
// cross-process file lock in `<home>/locks/`, and the system browser as the sign-in opener. The
// vault's ports are in node-vault.ts; the CLI and the browser mode pick theirs.

import type { AppPorts } from '../../core/app-services.js';
import { DOCUMENT_NAMES } from '../../core/app-services.js';
import type { BrowserOpener, Clock, FetchPort, LockPort } from '../../core/ports.js';
import type { TokenNotice } from '../../core/tokens/token-manager.js';
import { createFileLock } from './file-lock.js';
import { createJsonDocumentStore, findCorruptBackups } from './json-document-store.js';

/** Backups of corrupt store files beside the live ones (`connections.corrupt-*.json`, ...). */
export type { CorruptBackups } from '../../core/store/corrupt-backups.js';

/** Opens URLs in the user's default browser (never an embedded window). */
export const systemBrowser: BrowserOpener = {
  async open(url) {
    const { default: open } = await import('open');
    await open(url);
  },
};

/** The cross-process lock for one Token Desk home (also used by the token manager's single flight). */
export function createNodeLock(home: string): LockPort {
  return createFileLock({ home });
}

export interface NodePortsOptions {
  home: string;
  clock?: Clock;
  fetch?: FetchPort;
  opener?: BrowserOpener;
  onNotice?: (notice: TokenNotice) => void;
}

/** Everything but the vault: that is the shell's choice (node-vault.ts). */
export function nodeAppPorts(options: NodePortsOptions): Omit<AppPorts, 'vault'> {
  const { home } = options;
  return {
    home,
    documents: (name) => createJsonDocumentStore({ home, name }),
    corruptBackups: () => ({
      connections: findCorruptBackups(home, DOCUMENT_NAMES.connections),
      vault: findCorruptBackups(home, DOCUMENT_NAMES.vault),
    }),
    lock: createNodeLock(home),
    clock: options.clock,
    fetch: options.fetch,
    opener: options.opener,
    // node:http loads with the first sign-in, never on `token-desk token`'s start-up path.
    loopback: async () => (await import('./loopback-listener.js')).nodeLoopbackListener,
    onNotice: options.onNotice,
  };
}
