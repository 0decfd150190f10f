// The set-up the CLI end-to-end files share: one Zoho simulator for the file, a fresh home folder
// for each test (scanned for plaintext secrets, then removed, after it), the built token-desk run
// on that home with the file's passphrase, and the checks every such file makes of what it wrote.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { cliEnv, runCliProcess, type CliResult } from './cli-runner.js';
import {
  startZohoSimulator,
  type ZohoSimulator,
  type ZohoSimulatorOptions,
} from './zoho-simulator.js';

export interface CliE2eOptions {
  /** TOKEN_DESK_PASSPHRASE of every run (the passphrase cipher: no keyring needed). */
  passphrase: string;
  /** Start of each test's temp home folder's name. */
  homePrefix: string;
  simulator?: ZohoSimulatorOptions;
  /** Registers the file's clients with the simulator, once it runs. */
  register(sim: ZohoSimulator): void;
  /** Secrets the scan must find among the simulator's, proof it covers what the flows used. */
  mustCover: readonly string[];
}

export interface CliE2e {
  /** The file's simulator (set in beforeAll). */
  readonly sim: ZohoSimulator;
  /** The running test's home folder (set in beforeEach). */
  readonly home: string;
  /** The CLI's environment on that home, with the passphrase. */
  env: () => NodeJS.ProcessEnv;
  cli: (args: string[], input?: string) => Promise<CliResult>;
  /** The options that point a connection at the simulator as its custom servers. */
  custom: () => string[];
  /** No file under dir holds a secret the simulator issued or received, in plaintext. */
  expectNoSecretIn: (dir: string) => Promise<void>;
}

/** Every file below dir, at any depth. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The whole stderr is one line: what a script or a person reads after a failure. */
export function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.endsWith('\n'), stderr).toBe(true);
  const lines = stderr.slice(0, -1).split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

/** Registers the file's hooks (top level, before its tests) and returns what the tests use. */
export function useCliE2e(options: CliE2eOptions): CliE2e {
  let sim: ZohoSimulator | undefined;
  let home: string | undefined;
  const e2e: CliE2e = {
    get sim() {
      if (!sim) throw new Error('the Zoho simulator has not started');
      return sim;
    },
    get home() {
      if (home === undefined) throw new Error('no test is running');
      return home;
    },
    env: () => cliEnv({ home: e2e.home, passphrase: options.passphrase }),
    cli: (args, input) => runCliProcess(args, e2e.env(), input),
    custom: () => ['--accounts-url', e2e.sim.accountsUrl, '--api-domain', e2e.sim.apiDomain],
    // Values shorter than 8 characters (test inputs such as "x") would match ordinary text.
    expectNoSecretIn: async (dir) => {
      const secrets = e2e.sim.secrets.filter((secret) => secret.length >= 8);
      expect(secrets).toEqual(expect.arrayContaining([...options.mustCover]));
      for (const file of await filesUnder(dir)) {
        const text = await readFile(file, 'utf8');
        for (const secret of secrets) expect(text, `${file} holds a secret`).not.toContain(secret);
      }
    },
  };

  beforeAll(async () => {
    sim = await startZohoSimulator(options.simulator);
    options.register(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), options.homePrefix));
    home = dir;
    return async () => {
      // Secrets never reach a file in plaintext, whatever the test did.
      await e2e.expectNoSecretIn(dir);
      await rm(dir, { recursive: true, force: true });
    };
  });
  return e2e;
}
