// `token-desk export`: one connection as .env, JSON or a Postman environment on stdout; secrets
// only when asked for, and a note on stderr either way.

import type { Command } from 'commander';
import { parseExportFormat } from '../../core/connections/export-connection.js';
import type { CommandContext } from './command-context.js';

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description(
      'export a connection as .env, JSON or a Postman environment (secrets only on request)',
    )
    .argument('<name>')
    .requiredOption('--format <format>', 'env, json or postman', parseExportFormat)
    .option('--include-secrets', 'include the client secret, refresh token and access token')
    .action(async (name: string, options, command: Command) => {
      const connections = await ctx.services(command).connections();
      ctx.out(
        await connections.export(name, options.format, {
          includeSecrets: options.includeSecrets === true,
        }),
      );
      if (options.includeSecrets)
        ctx.progress('This output contains secrets: keep it out of version control and chat.');
      else ctx.progress('Secrets are not included; add --include-secrets to include them.');
    });
}
