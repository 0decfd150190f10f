// Browser mode: the desktop UI in the user's own browser, for machines without the Electron
// runtime. It runs on the same home folder and vault as the CLI, so connections added in one show
// up in the other. Its ports are the CLI's, with the window's vault (a passphrase typed in the
// page, the window's cipher choice) and the page as the place notices and changes go.
// The browser is opened on a 0600 hand-over page (handoff-page.ts), never on an address with a
// secret: the opener's command line is visible to every user of the computer.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAppServices } from '../core/app-services.js';
import { TokenDeskError } from '../core/errors.js';
import { nodeAppPorts, systemBrowser } from '../platform/node/node-ports.js';
import { browserWindowVault } from '../platform/node/node-vault.js';
import { forwardingOpener } from '../platform/node/private-pages.js';
import { createConnectionEvents } from '../rpc/connection-view.js';
import { createDispatcher } from '../rpc/dispatcher.js';
import { createRpcHandlers, noticeEvent, rpcDependencies } from '../rpc/handlers.js';
import type { EventName, EventPayload } from '../rpc/contract.js';
import { writeHandoffPage, type HandoffPage } from './handoff-page.js';
import { startWebServer, type WebServer } from './web-server.js';

export interface BrowserModeOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  staticDir: string;
  version: string;
  port?: number;
  openBrowser: boolean;
  /** Fixed secret for tests. */
  secret?: string;
  /** Told the next address to print, once the printed one has been used. */
  onNewAddress?: (address: string) => void;
}

export interface BrowserMode extends WebServer {
  /** The address to print: opens Token Desk once (a one-time code), then is dead. */
  address: string;
  /** What the system browser was asked to open (the hand-over page's file:// address). */
  opened?: string;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    throw new TokenDeskError('ui_not_built', 'The Token Desk window is not built yet.', {
      category: 'local',
      remedy: 'Run "npm run build" in the Token Desk folder, then try again.',
    });
  }
  // The handlers emit through the server, which needs the handlers first: bind late.
  const live: { server?: WebServer } = {};
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) =>
    live.server?.emit(event, payload);
  const app = createAppServices({
    ...nodeAppPorts({
      home: options.home,
      // The sign-in address (state, PKCE challenge) goes through a 0600 page, not a command line.
      opener: forwardingOpener({ home: options.home, opener: systemBrowser }),
      // A refresh that kept the old api_domain tells the page (the CLI prints a warning line instead).
      onNotice: (notice) => emit('connections.notice', noticeEvent(notice)),
    }),
    vault: browserWindowVault({ env: options.env }),
  });
  const handlers = createRpcHandlers(
    await rpcDependencies(app, {
      shell: 'browser',
      openAuthorizationPage: options.openBrowser,
      version: options.version,
      emit,
    }),
  );
  let printedCode: string | undefined;
  let page: HandoffPage | undefined;
  const server = await startWebServer({
    dispatch: createDispatcher(handlers),
    staticDir: options.staticDir,
    port: options.port,
    secret: options.secret,
    onCodeUsed(code) {
      if (code === printedCode) {
        // The terminal always shows a live way in, for another browser or a closed tab.
        printedCode = server.issueCode();
        const address = server.codeUrl(printedCode);
        state.address = address;
        options.onNewAddress?.(address);
      } else if (page) {
        void page.remove();
        page = undefined;
      }
    },
  });
  live.server = server;
  printedCode = server.issueCode();
  const state = { address: server.codeUrl(printedCode) };
  // "Refresh access tokens automatically" (Settings), while the browser mode runs.
  const events = createConnectionEvents(() => app.vaultControl().vault, emit);
  const refresher = await app.refresher((refreshed) => {
    for (const connection of refreshed) void events.changed(connection);
  });
  refresher.start();
  if (options.openBrowser) {
    page = await writeHandoffPage({
      home: options.home,
      port: server.port,
      action: server.handoffUrl,
      code: server.issueCode(),
    });
    await systemBrowser.open(page.url);
  }
  return {
    ...server,
    get address() {
      return state.address;
    },
    opened: page?.url,
    async close() {
      refresher.stop();
      await page?.remove();
      await server.close();
    },
  };
}
