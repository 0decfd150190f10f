// `token-desk request`: one API call with the connection's token, kept in the request history as
// the window's Send keeps it (unless the history is off, or --no-history). The command's options are
// declared here; running it (request-run.ts) loads only when the command runs, so that the start
// of every other command does not parse it.

import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import type { RequestOptions } from './request-run.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerRequest(program: Command, ctx: CommandContext): void {
  program
    .command('request')
    .description(
      "send an API request with the connection's token; status on stderr, body on stdout",
    )
    .argument('<name>')
    .argument('<method>', 'GET, POST, PUT, PATCH, DELETE')
    .argument('<path-or-url>', "path relative to the connection's api_domain, e.g. /crm/v8/org")
    .option('--data <json>', 'request body: JSON text, or @file')
    .option('--header <header>', "extra header 'Name: value' (repeatable)", collect, [] as string[])
    .option(
      '--org-id <id>',
      "the product's organization context (Books organization_id, Desk orgId, Analytics ZANALYTICS-ORGID, ...)",
    )
    .option(
      '--product <id>',
      'the product the path is for (see token-desk products); needed where products share paths, e.g. desk or sign for /api/v1/',
    )
    .option(
      '--no-history',
      'do not keep this request in the request history (see token-desk history)',
    )
    .action(async (name: string, method: string, pathOrUrl: string, options, command: Command) =>
      (await import('./request-run.js')).runRequest(
        ctx,
        command,
        name,
        method,
        pathOrUrl,
        options as RequestOptions,
      ),
    );
}
