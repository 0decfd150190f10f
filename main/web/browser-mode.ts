// Browser mode: the desktop UI in the user's own browser, for machines without the Electron
// runtime. It runs on the same home folder and vault as the CLI, so connections added in one show
// up in the other. Its ports are the CLI's, with the window's vault (a passphrase typed in the
// page, the window's cipher choice) and the page as the place notices and changes go.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAppServices } from '../core/app-services.js';
import { TokenDeskError } from '../core/errors.js';
import { nodeAppPorts, systemBrowser } from '../platform/node/node-ports.js';
import { browserWindowVault } from '../platform/node/node-vault.js';
import { createConnectionEvents } from '../rpc/connection-view.js';
import { createDispatcher } from '../rpc/dispatcher.js';
import { createRpcHandlers, noticeEvent, rpcDependencies } from '../rpc/handlers.js';
import type { EventName, EventPayload } from '../rpc/contract.js';
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
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<WebServer> {
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
      opener: systemBrowser,
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
  const server = await startWebServer({
    dispatch: createDispatcher(handlers),
    staticDir: options.staticDir,
    port: options.port,
    secret: options.secret,
  });
  live.server = server;
  // "Refresh access tokens automatically" (Settings), while the browser mode runs.
  const events = createConnectionEvents(() => app.vaultControl().vault, emit);
  const refresher = await app.refresher((refreshed) => {
    for (const connection of refreshed) void events.changed(connection);
  });
  refresher.start();
  if (options.openBrowser) await systemBrowser.open(server.openUrl);
  return {
    ...server,
    async close() {
      refresher.stop();
      await server.close();
    },
  };
}
