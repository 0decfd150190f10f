// `token-desk secret <name> --dc <dc>`: a Multi-DC server client's client secret for one data
// centre, read from stdin or a prompt without echo (docs/zoho.md §2, Multi-DC). Sign-ins,
// refreshes and revocations of a user in that DC then use it.

import { Option, type Command } from 'commander';
import { DC_CODES } from '../../vocabulary/index.js';
import { readSecret } from '../secret-input.js';
import type { CommandContext } from './command-context.js';

export function registerSecret(program: Command, ctx: CommandContext): void {
  program
    .command('secret')
    .description(
      "store a Multi-DC client's secret for one data centre (read from stdin, or asked for without echo)",
    )
    .argument('<name>')
    .addOption(
      new Option('--dc <code>', 'the data centre this secret is for')
        .choices([...DC_CODES])
        .makeOptionMandatory(),
    )
    .action(async (name: string, options: { dc: string }, command: Command) => {
      const connections = await ctx.services(command).connections();
      const { assertCanHoldDcSecret } = await import('../../core/connections/dc-secrets.js');
      // Checked before the secret is asked for.
      const dc = assertCanHoldDcSecret(connections.get(name), options.dc);
      const secret = await readSecret(
        ctx.io,
        `Client secret for ${dc.toUpperCase()} (input hidden):`,
      );
      const connection = await connections.setDcSecret(name, dc, secret);
      ctx.progress(
        `Saved the client secret of ${connection.name} for ${dc.toUpperCase()}. Sign-ins of users in ${dc.toUpperCase()} use it; other data centres use the connection's client secret.`,
      );
    });
}
