// Runs the built token-desk CLI as a real child process, the way a user or a script does.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../bin/token-desk.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  home: string;
  passphrase?: string;
  extra?: Record<string, string>;
}

export function cliEnv({ home, passphrase, extra }: CliEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TOKEN_DESK_HOME: home,
    ...extra,
  };
  if (passphrase !== undefined) env.TOKEN_DESK_PASSPHRASE = passphrase;
  // The keyring tests need the session bus of the test run.
  if (process.env.DBUS_SESSION_BUS_ADDRESS)
    env.DBUS_SESSION_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS;
  return env;
}

export interface StartOptions {
  /** Write the input but leave stdin open, like a pipe whose writer keeps going (default false). */
  keepStdinOpen?: boolean;
}

export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
  options: StartOptions = {},
): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: 'pipe' });
  if (options.keepStdinOpen) {
    if (input !== undefined) child.stdin.write(input);
    // Closed when the process ends, so the test does not leak the pipe.
    child.once('exit', () => child.stdin.destroy());
  } else child.stdin.end(input ?? '');
  return child;
}

export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function runCliProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<CliResult> {
  return finished(startCli(args, env, input));
}

/** Resolves with the first stderr line that matches, while the process keeps running. */
export function waitForStderr(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = buffer.match(pattern);
      if (match) {
        child.stderr.off('data', onData);
        resolve(match);
      }
    };
    child.stderr.on('data', onData);
    child.once('close', () =>
      reject(new Error(`process ended before stderr matched ${pattern}: ${buffer}`)),
    );
  });
}
