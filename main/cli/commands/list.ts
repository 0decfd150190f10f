// `token-desk list`: the connections, as a table or JSON; never a secret, and without unlocking
// the vault. Printing them (list-output.ts) loads only when the command runs.

import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerList(program: Command, ctx: CommandContext): void {
  program
    .command('list')
    .description('list connections (never prints a secret)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) =>
      (await import('./list-output.js')).printList(ctx, command, options.json === true),
    );
}
