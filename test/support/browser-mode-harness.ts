// A browser-mode Token Desk on a fresh home folder, wired to a Zoho simulator, for end-to-end
// tests and screenshots: what `token-desk ui --no-open` runs, in this process.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserMode } from '../../main/web/browser-mode.js';
import type { BrowserMode } from '../../main/web/browser-mode.js';
import {
  startZohoSimulator,
  type ZohoSimulator,
  type ZohoSimulatorOptions,
} from './zoho-simulator.js';
import { cliEnv, runCliProcess, type CliResult } from './cli-runner.js';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
export const HARNESS_PASSPHRASE = 'browser mode harness passphrase';

export interface BrowserModeHarness {
  sim: ZohoSimulator;
  home: string;
  server: BrowserMode;
  /** The address `token-desk ui --no-open` prints: a one-time code (never the run's secret). */
  openUrl: string;
  /** Another such address, for another browser context. */
  newAddress(): string;
  /** Runs the real CLI on the same home folder (connections show up in both). */
  cli(args: string[], input?: string): Promise<CliResult>;
  close(): Promise<void>;
}

export function rendererBuilt(): boolean {
  return existsSync(join(RENDERER_DIR, 'index.html'));
}

export async function startBrowserModeHarness(
  options: { simulator?: ZohoSimulatorOptions } = {},
): Promise<BrowserModeHarness> {
  const sim = await startZohoSimulator(options.simulator);
  const home = await mkdtemp(join(tmpdir(), 'td-ui-'));
  const env = { TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE };
  const server = await startBrowserMode({
    home,
    env,
    staticDir: RENDERER_DIR,
    version: 'test',
    openBrowser: false,
  });
  return {
    sim,
    home,
    server,
    openUrl: server.address,
    newAddress: () => server.codeUrl(server.issueCode()),
    cli: (args, input) =>
      runCliProcess(args, cliEnv({ home, passphrase: HARNESS_PASSPHRASE }), input),
    async close() {
      await server.close();
      await sim.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
