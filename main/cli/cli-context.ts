// Builds the core services for one CLI run from the home folder (--home, TOKEN_DESK_HOME, or the
// OS app-data folder): the command line's ports (plain Node files and locks, the system browser,
// the vault's one cipher chosen from the environment) passed to createAppServices. Everything is
// lazy: `list` works without unlocking the vault.

import envPaths from 'env-paths';
import { resolve } from 'node:path';
import type { AppServices } from '../core/app-services.js';
import { createCommandLineServices } from '../platform/node/command-line-services.js';
import { systemBrowser } from '../platform/node/node-ports.js';
import { writeLine, type CliIo } from './cli-io.js';

export function defaultHome(env: NodeJS.ProcessEnv): string {
  if (env.TOKEN_DESK_HOME) return resolve(env.TOKEN_DESK_HOME);
  return envPaths('token-desk', { suffix: '' }).config;
}

export interface CliContext extends AppServices {
  io: CliIo;
}

export function createCliContext(io: CliIo, homeOption: string | undefined): CliContext {
  const home = homeOption ? resolve(homeOption) : defaultHome(io.env);
  return {
    ...createCommandLineServices({
      home,
      env: io.env,
      // The sign-in address (state, PKCE challenge) goes through a 0600 page, not a command line;
      // loaded with the first sign-in, off `token-desk token`'s start-up path.
      opener: {
        async open(url) {
          const { forwardingOpener } = await import('../platform/node/private-pages.js');
          await forwardingOpener({ home, opener: systemBrowser }).open(url);
        },
      },
      // The operation succeeded, but the user should know (e.g. an api_domain Token Desk refused).
      onNotice: (notice) => writeLine(io.stderr, `Warning: ${notice.message}`),
    }),
    io,
  };
}
