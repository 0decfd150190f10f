// Browser mode: the desktop UI in the user's own browser, for machines without the Electron
// runtime. It runs on the same home folder and vault as the CLI, so connections added in one show
// up in the other.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TokenDeskError } from '../core/errors.js';
import { systemClock } from '../core/ports.js';
import { createRefreshScheduler } from '../core/tokens/refresh-scheduler.js';
import { createNodeServices, systemBrowser } from '../platform/node/node-services.js';
import { createDispatcher } from '../rpc/dispatcher.js';
import { createRpcHandlers, noticeEvent } from '../rpc/handlers.js';
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
  const services = createNodeServices({
    home: options.home,
    env: options.env,
    program: 'browser',
    // A refresh that kept the old api_domain tells the page (the CLI prints a warning line instead).
    onNotice: (notice) => emit('connections.notice', noticeEvent(notice)),
  });
  const vault = await services.vault();
  const handlers = createRpcHandlers({
    shell: 'browser',
    openAuthorizationPage: options.openBrowser,
    version: options.version,
    home: options.home,
    vaultControl: services.vaultControl(),
    store: services.store,
    vault: vault.vault,
    connections: await services.connections(),
    tokens: await services.tokens(),
    requests: await services.requests(),
    history: services.history,
    settings: services.settings,
    emit,
    corruptBackups: () => services.corruptBackups(),
  });
  const server = await startWebServer({
    dispatch: createDispatcher(handlers),
    staticDir: options.staticDir,
    port: options.port,
    secret: options.secret,
  });
  live.server = server;
  // "Refresh access tokens automatically" (Settings), while the browser mode runs.
  const refresher = createRefreshScheduler({
    store: services.store,
    tokens: await services.tokens(),
    clock: systemClock,
    isEnabled: () => services.settings.get().autoRefresh,
    onRefreshed: () => emit('connections.changed', {}),
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
