// How failures end in the CLI, run in-process with injected services: exactly one stderr line,
// the remedy plus the command-line hint, and the exit code scripts branch on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../main/core/errors.js';
import type { TokenManager } from '../../../main/core/tokens/token-manager.js';
import { createCliContext } from '../../../main/cli/cli-context.js';
import type { CliIo } from '../../../main/cli/cli-io.js';
import { runCli } from '../../../main/cli/program.js';

let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-cli-unit-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function capture() {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const stdin = new PassThrough();
  stdin.end();
  const io: CliIo = {
    stdin,
    stdout: out,
    stderr: err,
    env: { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: 'unit-test-passphrase' },
  };
  return { io, output: () => ({ stdout, stderr }) };
}

/** Runs the CLI with a token manager whose getAccessToken and refresh throw `error`. */
async function runFailing(args: string[], error: TokenDeskError) {
  const { io, output } = capture();
  const failing = {
    getAccessToken: async () => Promise.reject(error),
    refresh: async () => Promise.reject(error),
    saveGrant: async () => Promise.reject(error),
  } satisfies TokenManager;
  const code = await runCli(args, io, {
    createContext: (cliIo, homeOption) => ({
      ...createCliContext(cliIo, homeOption),
      tokens: async () => failing,
    }),
  });
  return { code, ...output() };
}

describe('CLI error lines', () => {
  it('maps lock_timeout to exit 5 (try again), with its remedy, on one line', async () => {
    const lockTimeout = new TokenDeskError(
      'lock_timeout',
      'Waited 94 s for the "refresh-1" lock: another Token Desk process is holding it.',
      {
        category: 'local',
        remedy: 'Wait for the other Token Desk process to finish and try again.',
      },
    );
    const result = await runFailing(['token', 'acme'], lockTimeout);
    expect(result.code).toBe(5);
    expect(result.stderr).toBe(
      'token-desk: Waited 94 s for the "refresh-1" lock: another Token Desk process is holding it. Wait for the other Token Desk process to finish and try again.\n',
    );
    expect(result.stdout).toBe('');
  });

  it('prints the shell-neutral remedy followed by the command-line hint', async () => {
    const notAuthorized = new TokenDeskError(
      'not_authorized',
      'Connection "acme" has no refresh token.',
      {
        category: 'auth',
        remedy: 'Authorize the connection to sign in to Zoho and grant access.',
        cliHint: 'token-desk authorize acme',
      },
    );
    const result = await runFailing(['token', 'acme'], notAuthorized);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'token-desk: Connection "acme" has no refresh token. Authorize the connection to sign in to Zoho and grant access. Run: token-desk authorize acme\n',
    );
  });

  it('renders an options hint as "Use:" and keeps a multi-line message on one line', async () => {
    const error = new TokenDeskError('missing_dc', 'No data centre\nwas given.', {
      category: 'input',
      remedy: 'Choose the data centre.',
      cliHint: '--dc eu',
    });
    const result = await runFailing(['refresh', 'acme'], error);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'token-desk: No data centre was given. Choose the data centre. Use: --dc eu\n',
    );
  });

  it('reports a bug in one line, exit 1, without a stack trace', async () => {
    const { io, output } = capture();
    const code = await runCli(['token', 'acme'], io, {
      createContext: (cliIo, homeOption) => ({
        ...createCliContext(cliIo, homeOption),
        tokens: async () => {
          throw new RangeError('secret-looking detail 1000.abc');
        },
      }),
    });
    expect(code).toBe(1);
    expect(output().stderr).toMatch(
      /^token-desk: something unexpected went wrong \(RangeError\)\. .*\n$/,
    );
    expect(output().stderr).not.toContain('1000.abc');
    expect(output().stderr.split('\n')).toHaveLength(2);
  });

  describe('usage errors name the missing argument before a missing required option', () => {
    const cases: Array<[args: string[], line: string]> = [
      [['add'], "token-desk: missing required argument 'name'. Run token-desk add --help."],
      [
        ['add', '--type', 'self'],
        "token-desk: missing required argument 'name'. Run token-desk add --help.",
      ],
      [
        ['add', 'acme'],
        "token-desk: required option '--client-id <id>' not specified. Run token-desk add --help.",
      ],
      [
        ['add', 'acme', '--client-id', '1000.X'],
        "token-desk: required option '--type <type>' not specified. Run token-desk add --help.",
      ],
      [['import'], "token-desk: missing required argument 'name'. Run token-desk import --help."],
      [
        ['import', 'acme'],
        "token-desk: required option '--self-client <file>' not specified. Run token-desk import --help.",
      ],
      [['export'], "token-desk: missing required argument 'name'. Run token-desk export --help."],
      [
        ['export', 'acme'],
        "token-desk: required option '--format <format>' not specified. Run token-desk export --help.",
      ],
    ];
    it.each(cases)('token-desk %j', async (args, line) => {
      const { io, output } = capture();
      const code = await runCli(args, io);
      expect(output()).toEqual({ stdout: '', stderr: `${line}\n` });
      expect(code).toBe(2);
    });

    it('still runs a command whose required options are given, and prints its help', async () => {
      const help = capture();
      expect(await runCli(['add', '--help'], help.io)).toBe(0);
      expect(help.output().stdout).toContain('--client-id <id>');
      // A required option given through its value reaches the command: the connection is unknown.
      const run = capture();
      expect(await runCli(['export', 'nobody', '--format', 'env'], run.io)).toBe(2);
      expect(run.output().stderr).toMatch(/^token-desk: There is no connection "nobody"/);
    });
  });
});
