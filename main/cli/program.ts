// The token-desk command line: parses arguments (commander), runs one core use case, prints the
// result, and maps every failure to one line on stderr (cause and remedy) and an exit code. This
// file assembles the commands (one file per command or small group in commands/) and runs them.
//
// Order inside a command: check everything that can be checked locally first (arguments, the
// connection, the self_client.json), then ask for a secret or print that Zoho is being contacted.
// A progress line never claims a call that a validation error then prevents.

import { Command, type CommanderError } from 'commander';
import { createCliContext, type CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { CliUsageError, reportError } from './error-report.js';
import { registerAdd } from './commands/add.js';
import { registerAuthorize } from './commands/authorize.js';
import { registerCatalogCommands } from './commands/catalog-commands.js';
import { createCommandContext, type CommandOutcome } from './commands/command-context.js';
import { registerExport } from './commands/export.js';
import { registerHistory } from './commands/history.js';
import { registerImport } from './commands/import.js';
import { registerList } from './commands/list.js';
import { registerRefreshRevokeRemove } from './commands/refresh-revoke-remove.js';
import { registerRequest } from './commands/request.js';
import { registerSecret } from './commands/secret.js';
import { registerToken } from './commands/token.js';

export type { CommandOutcome } from './commands/command-context.js';

export function buildProgram(
  io: CliIo,
  contextFor: (home: string | undefined) => CliContext,
  outcome: CommandOutcome,
): Command {
  const program = new Command('token-desk');
  const ctx = createCommandContext(io, contextFor, outcome);

  program
    .description('Get, keep and use Zoho OAuth tokens.')
    .option(
      '--home <dir>',
      'folder for connections and the vault (default: $TOKEN_DESK_HOME or the OS app-data folder)',
    )
    .addHelpText(
      'after',
      '\nVault: the OS keyring by default; set TOKEN_DESK_PASSPHRASE to use a passphrase instead (headless machines, CI).\n' +
        'Exit codes: 0 ok, 2 usage or bad input, 3 needs (re-)authorization, 4 Zoho refused, 5 network or server failure.',
    )
    .showHelpAfterError(false)
    // Commander's own error lines are replaced by one line of ours (error-report.ts); help that
    // was asked for goes to stdout.
    .configureOutput({
      writeOut: ctx.out,
      writeErr: () => undefined,
      outputError: () => undefined,
    });

  // In the order `token-desk --help` lists them.
  registerAdd(program, ctx);
  registerAuthorize(program, ctx);
  registerImport(program, ctx);
  registerToken(program, ctx);
  registerRefreshRevokeRemove(program, ctx);
  registerList(program, ctx);
  registerRequest(program, ctx);
  registerHistory(program, ctx);
  registerExport(program, ctx);
  registerSecret(program, ctx);
  registerCatalogCommands(program, { stdout: ctx.out });
  return program;
}

export interface CliExtensions {
  version?: string;
  /** Adds commands that live outside the CLI shell (the entry point adds `ui`). */
  extend?: (program: Command, contextFor: (home: string | undefined) => CliContext) => void;
  /** Builds the services for a home folder; tests pass fakes. Default: createCliContext. */
  createContext?: (io: CliIo, home: string | undefined) => CliContext;
}

/**
 * Makes every commander error of a command throw a CliUsageError that knows the command, so the
 * one usage line can point at the right `--help`.
 */
function tagUsageErrors(command: Command, path: string): void {
  const subcommands = command.commands.map((sub) => sub.name());
  command.exitOverride((error: CommanderError) => {
    throw new CliUsageError(error, path, subcommands);
  });
  for (const sub of command.commands) tagUsageErrors(sub, `${path} ${sub.name()}`);
}

/**
 * Commander checks required options before the arguments, so `token-desk add` alone would first
 * complain about --client-id, not about the missing name. The required options of each command
 * are checked in a preAction hook instead, which commander runs after the arguments were checked;
 * the error is the one commander would have raised.
 */
function checkArgumentsBeforeRequiredOptions(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length > 0) {
    for (const option of required) option.makeOptionMandatory(false);
    command.hook('preAction', (hooked) => {
      for (const option of required) {
        if (hooked.getOptionValue(option.attributeName()) === undefined) {
          hooked.error(`error: required option '${option.flags}' not specified`, {
            code: 'commander.missingMandatoryOptionValue',
          });
        }
      }
    });
  }
  for (const sub of command.commands) checkArgumentsBeforeRequiredOptions(sub);
}

/** Runs one command line; resolves to the exit code. Never throws. */
export async function runCli(
  argv: string[],
  io: CliIo,
  extensions: CliExtensions = {},
): Promise<number> {
  const contexts = new Map<string, CliContext>();
  const createContext = extensions.createContext ?? createCliContext;
  const contextFor = (home: string | undefined) => {
    const key = home ?? '';
    let context = contexts.get(key);
    if (!context) contexts.set(key, (context = createContext(io, home)));
    return context;
  };
  const outcome: CommandOutcome = { exitCode: EXIT.ok };
  const program = buildProgram(io, contextFor, outcome);
  if (extensions.version) program.version(extensions.version, '-V, --version');
  extensions.extend?.(program, contextFor);
  checkArgumentsBeforeRequiredOptions(program);
  tagUsageErrors(program, 'token-desk');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    // The backups of the home the command ran on (there is one context per run in practice).
    const backups = () => {
      const [context] = contexts.values();
      return context?.corruptBackups();
    };
    return reportError(io, error, backups);
  }
}
