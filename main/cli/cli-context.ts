// Builds the core services for one CLI run from the home folder (--home, TOKEN_DESK_HOME, or the
// OS app-data folder). Everything is lazy: `list` works without unlocking the vault.

import envPaths from 'env-paths';
import { resolve } from 'node:path';
import { createNodeServices, type NodeServices } from '../platform/node/node-services.js';
import { writeLine, type CliIo } from './cli-io.js';

export function defaultHome(env: NodeJS.ProcessEnv): string {
  if (env.TOKEN_DESK_HOME) return resolve(env.TOKEN_DESK_HOME);
  return envPaths('token-desk', { suffix: '' }).config;
}

export interface CliContext extends NodeServices {
  io: CliIo;
}

export function createCliContext(io: CliIo, homeOption: string | undefined): CliContext {
  const home = homeOption ? resolve(homeOption) : defaultHome(io.env);
  return {
    ...createNodeServices({
      home,
      env: io.env,
      // The operation succeeded, but the user should know (e.g. an api_domain Token Desk refused).
      onNotice: (notice) => writeLine(io.stderr, `Warning: ${notice.message}`),
    }),
    io,
  };
}
