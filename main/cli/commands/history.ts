// `token-desk history [on|off|clear]`: the request history the window and `token-desk request`
// keep (history.json: method, path, query, non-secret headers, body, status; never a token).
// Without an argument it says whether requests are kept and how many are; on and off set the
// same setting as the window's Settings page; clear forgets every kept request.

import { Argument, type Command } from 'commander';
import { join } from 'node:path';
import type { CommandContext } from './command-context.js';

const ACTIONS = ['on', 'off', 'clear'] as const;
type HistoryAction = (typeof ACTIONS)[number];

const requests = (n: number) => `${n} request${n === 1 ? '' : 's'}`;

export function registerHistory(program: Command, ctx: CommandContext): void {
  program
    .command('history')
    .description(
      'whether sent requests are kept for replay (without tokens): on, off, or clear what is kept',
    )
    .addArgument(
      new Argument('[action]', 'on, off or clear; without it, says what is kept').choices(ACTIONS),
    )
    .action(async (action: HistoryAction | undefined, _options, command: Command) => {
      const services = ctx.services(command);
      const where = join(services.home, 'history.json');
      const kept = services.history.list().length;
      if (action === 'clear') {
        const removed = await services.history.clear();
        ctx.progress(`Removed ${requests(removed)} from the request history.`);
        return;
      }
      if (action === 'on' || action === 'off') {
        await services.settings.set({ keepRequestHistory: action === 'on' });
        ctx.progress(
          action === 'on'
            ? `Request history is on: sent requests are kept in ${where} (never their tokens).`
            : `Request history is off: requests are no longer kept.${kept > 0 ? ` Already kept: ${requests(kept)} (token-desk history clear removes them).` : ''}`,
        );
        return;
      }
      const on = services.settings.get().keepRequestHistory;
      ctx.out(`Request history: ${on ? 'on' : 'off'}; ${requests(kept)} kept in ${where}.\n`);
    });
}
