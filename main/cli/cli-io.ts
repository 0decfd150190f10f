// The CLI's view of its process: streams, environment and terminal facts, injected so that the
// whole command can run in a test process as well as for real.

import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });

export function writeLine(stream: Writable, text = ''): void {
  stream.write(text + '\n');
}
