// `token-desk ui` as a real child process, the way a user starts it, with a stand-in system
// browser: an `xdg-open` first on PATH that only records the arguments it was given (one per line),
// so tests can check what the opener (and so every other user of the computer) got to see.

import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { cliEnv, startCli } from './cli-runner.js';

export interface UiProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  home: string;
  /** The addresses printed on stdout so far (each a one-time code). */
  addresses: string[];
  stderr(): string;
  /** Arguments the stand-in opener received, one entry per argument; [] before it ran. */
  openerArguments(): Promise<string[]>;
  /** Waits for the next printed address after `count` have been printed. */
  address(count?: number): Promise<string>;
  /** Sends the signal and resolves with the exit code and how long the exit took. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  cleanUp(): Promise<void>;
}

export function startUiProcess(options: {
  args?: string[];
  passphrase: string;
}): Promise<UiProcess> {
  return startWithStandInOpener(['ui', ...(options.args ?? [])], options);
}

/** Any token-desk command with the stand-in opener, in `home` (a fresh temp folder unless given; the Token Desk home is its `token-desk` folder). */
export async function startWithStandInOpener(
  args: string[],
  options: { passphrase: string; home?: string },
): Promise<UiProcess> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'td-ui-proc-')));
  const bin = join(home, 'fake-bin');
  const log = join(home, 'opener-arguments.txt');
  await mkdir(bin, { recursive: true });
  // printf '%s\n' "$@": each argument on its own line, exactly as received.
  await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\n`);
  await chmod(join(bin, 'xdg-open'), 0o755);
  const env = cliEnv({
    home: join(home, 'token-desk'),
    passphrase: options.passphrase,
    extra: { PATH: `${bin}:${process.env.PATH ?? ''}`, BROWSER: join(bin, 'xdg-open') },
  });
  const child = startCli(args, env, undefined, {
    keepStdinOpen: true,
  });
  const addresses: string[] = [];
  const waiters: Array<() => void> = [];
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) addresses.push(line.trim());
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  return {
    child,
    exited,
    home: join(home, 'token-desk'),
    addresses,
    stderr: () => err,
    async openerArguments() {
      try {
        return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    async address(count = 0) {
      while (addresses.length <= count) {
        const next = new Promise<'printed'>((resolve) => waiters.push(() => resolve('printed')));
        const why = await Promise.race([next, exited.then(() => 'ended' as const)]);
        if (why === 'ended' && addresses.length <= count)
          throw new Error(`token-desk ui ended before printing an address: ${err}`);
      }
      return addresses[count]!;
    },
    async stop(signal) {
      const started = Date.now();
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
    async cleanUp() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}
