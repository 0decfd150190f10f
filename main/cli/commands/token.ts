// `token-desk token`: print a valid access token, refreshing it when needed. The command scripts
// run most often, so this file imports nothing it does not need at start-up.

import { Option, type Command } from 'commander';
import { parseSeconds } from '../arguments.js';
import { writeLine } from '../cli-io.js';
import type { CommandContext } from './command-context.js';

const TOKEN_FORMATS = ['bare', 'header', 'json'] as const;

export function registerToken(program: Command, ctx: CommandContext): void {
  program
    .command('token')
    .description('print a valid access token (refreshing it when needed)')
    .argument('<name>')
    .option(
      '--min-valid <seconds>',
      'refresh when fewer seconds than this remain (default 300)',
      parseSeconds('--min-valid'),
    )
    .addOption(
      new Option('--format <format>', 'bare token, an Authorization header, or JSON')
        .choices([...TOKEN_FORMATS])
        .default('bare'),
    )
    .action(async (name: string, options, command: Command) => {
      const tokens = await ctx.services(command).tokens();
      const result = await tokens.getAccessToken(name, {
        minValidSeconds: options.minValid ?? 300,
      });
      const stdout = ctx.io.stdout;
      if (options.format === 'header')
        writeLine(stdout, `Authorization: Zoho-oauthtoken ${result.accessToken}`);
      else if (options.format === 'json') {
        writeLine(
          stdout,
          JSON.stringify({
            access_token: result.accessToken,
            token_type: 'Zoho-oauthtoken',
            expires_at: new Date(result.expiresAt).toISOString(),
            expires_in: Math.max(0, Math.floor((result.expiresAt - Date.now()) / 1000)),
            api_domain: result.apiDomain,
          }),
        );
      } else writeLine(stdout, result.accessToken);
    });
}
