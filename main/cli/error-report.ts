// How a failed command ends: exactly one line on stderr and an exit code. Usage errors (commander)
// read "token-desk: <cause>. Run token-desk <command> --help."; a TokenDeskError reads
// "token-desk: <cause> <remedy>" plus its command-line hint; anything else is a bug, reported
// without a stack trace (it could hold request details).

import { CommanderError } from 'commander';
import { isTokenDeskError, type TokenDeskError } from '../core/errors.js';
import type { CorruptBackups } from '../core/store/corrupt-backups.js';
import { writeLine, type CliIo } from './cli-io.js';
import { EXIT, exitCodeForError } from './exit-codes.js';

/** A commander error, with the command it happened in ("token-desk add"). */
export class CliUsageError extends Error {
  constructor(
    readonly commander: CommanderError,
    readonly commandPath: string,
    readonly subcommands: readonly string[],
  ) {
    super(commander.message);
    this.name = 'CliUsageError';
  }
}

/** Whatever a message holds, the terminal gets one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** "token-desk: <cause> <remedy> Run: <command>" for a TokenDeskError. */
export function errorLine(error: TokenDeskError): string {
  const hint = error.cliHint
    ? error.cliHint.startsWith('token-desk')
      ? ` Run: ${error.cliHint}`
      : ` Use: ${error.cliHint}`
    : '';
  return oneLine(`token-desk: ${error.toLine()}${hint}`);
}

/** The usage line for a commander error; undefined for --help and --version (exit 0). */
export function usageLine(error: CliUsageError): string | undefined {
  const { commander, commandPath } = error;
  if (commander.exitCode === 0) return undefined;
  if (commander.code === 'commander.help' || commander.code === 'commander.helpDisplayed') {
    // Help asked for by mistake (no command given): one line that says what to do.
    const known = error.subcommands.length ? ` (${error.subcommands.join(', ')})` : '';
    return `token-desk: no command given${known}. Run ${commandPath} --help.`;
  }
  const cause = oneLine(commander.message.replace(/^error:\s*/i, '')).replace(/[.\s]+$/, '');
  return `token-desk: ${cause}. Run ${commandPath} --help.`;
}

const VAULT_LOSS_CODES = new Set(['missing_client_secret', 'not_authorized', 'nothing_to_revoke']);

function backupNote(file: string, backups: string[], what: string): string {
  const newest = backups[backups.length - 1]!;
  const older =
    backups.length > 1
      ? ` (and ${backups.length - 1} older backup${backups.length > 2 ? 's' : ''})`
      : '';
  return `Note: an earlier ${file} was not valid JSON and was kept aside as ${newest}${older}; ${what} To get them back, repair that file and move it back to ${file}.`;
}

/** The note for `list` and for errors while corrupt backups sit beside the store files. */
export function connectionsBackupNote(backups: CorruptBackups): string | undefined {
  return backups.connections.length
    ? backupNote(
        'connections.json',
        backups.connections,
        'the connections in it are not shown here.',
      )
    : undefined;
}

export function vaultBackupNote(backups: CorruptBackups): string | undefined {
  return backups.vault.length
    ? backupNote(
        'vault.json',
        backups.vault,
        'the secrets saved in it (client secrets, tokens) are missing here.',
      )
    : undefined;
}

/** Adds the backup note to errors that a moved-aside file can explain. */
export function withBackupNotes(
  error: TokenDeskError,
  backups: CorruptBackups | undefined,
): TokenDeskError {
  if (!backups) return error;
  const note =
    error.code === 'unknown_connection'
      ? connectionsBackupNote(backups)
      : VAULT_LOSS_CODES.has(error.code)
        ? vaultBackupNote(backups)
        : undefined;
  if (!note) return error;
  const files = error.code === 'unknown_connection' ? backups.connections : backups.vault;
  return error.withRemedyNote(note, { corruptBackup: files[files.length - 1] });
}

/** Prints the one line for a failure and returns the exit code. */
export function reportError(
  io: CliIo,
  error: unknown,
  backups: () => CorruptBackups | undefined,
): number {
  if (error instanceof CliUsageError) {
    const line = usageLine(error);
    if (line === undefined) return EXIT.ok;
    writeLine(io.stderr, line);
    return EXIT.usage;
  }
  if (error instanceof CommanderError) {
    // Not raised through a tagged command (should not happen): still one line.
    if (error.exitCode === 0) return EXIT.ok;
    writeLine(
      io.stderr,
      `token-desk: ${oneLine(error.message.replace(/^error:\s*/i, '')).replace(/[.\s]+$/, '')}. Run token-desk --help.`,
    );
    return EXIT.usage;
  }
  if (isTokenDeskError(error)) {
    let shown = error;
    try {
      shown = withBackupNotes(error, backups());
    } catch {
      // Looking for backups must never hide the error itself.
    }
    writeLine(io.stderr, errorLine(shown));
    return exitCodeForError(shown);
  }
  writeLine(
    io.stderr,
    `token-desk: something unexpected went wrong (${error instanceof Error ? error.name : 'unknown error'}). Try again; if it keeps happening, report it with the command you ran (without secrets).`,
  );
  return EXIT.unexpected;
}
