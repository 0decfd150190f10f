// What every command's registration gets: the services for the command's --home, the output
// streams (the result on stdout; progress, warnings and notes on stderr), the exit code a command
// may set without failing, and the few phrasings several commands share.

import { splitScopes as splitScopeList } from '../../vocabulary/index.js';
import type { Command } from 'commander';
import type { Connection } from '../../core/store/connection.js';
import type { CliContext } from '../cli-context.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { relativeTime } from '../format.js';

export interface CommandOutcome {
  exitCode: number;
}

export interface CommandContext {
  io: CliIo;
  /** The exit code of a command that finished but must not report success (e.g. an API's 4xx). */
  outcome: CommandOutcome;
  /** The services for the home folder this command runs on (--home, or the default). */
  services(command: Command): CliContext;
  /** Result text on stdout, as is. */
  out(text: string): void;
  /** One progress line on stderr. */
  progress(text: string): void;
  /** One `Warning:` line on stderr. */
  warn(text: string): void;
}

export function createCommandContext(
  io: CliIo,
  contextFor: (home: string | undefined) => CliContext,
  outcome: CommandOutcome,
): CommandContext {
  return {
    io,
    outcome,
    services: (command) => contextFor(command.optsWithGlobals().home as string | undefined),
    out: (text) => io.stdout.write(text),
    progress: (text) => writeLine(io.stderr, text),
    warn: (text) => writeLine(io.stderr, `Warning: ${text}`),
  };
}

export { hostOf } from '../../vocabulary/index.js';

/** An optional --scopes/--add-scopes value as a list (undefined when the option was not given). */
export function splitScopes(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : splitScopeList(value);
}

export function connectionSummary(connection: Connection, now: number): string {
  const where = connection.location ?? connection.dc;
  const who = connection.user?.email ? ` as ${connection.user.email}` : '';
  const expiry = connection.accessTokenExpiresAt
    ? `; access token valid ${relativeTime(connection.accessTokenExpiresAt, now)}`
    : '';
  return `${connection.name} (${where.toUpperCase()})${who}${expiry}`;
}

/** "Authorized acme-crm (EU) as …" and the scopes, after an authorization or an import. */
export function reportAuthorized(ctx: CommandContext, verb: string, connection: Connection): void {
  ctx.progress(`${verb} ${connectionSummary(connection, Date.now())}.`);
  // Who signed in (the summary names the account), so a wrong one is noticed at once.
  if (connection.org) ctx.progress(`Client org: ${connection.org}.`);
  if (!connection.user?.email)
    ctx.progress(
      'Zoho did not say which account signed in: check it in Zoho (the AaaServer.profile.READ scope lets Token Desk show it).',
    );
  const scopes = connection.grantedScopes ?? connection.scopes;
  if (scopes.length) ctx.progress(`Scopes: ${scopes.join(', ')}`);
}
