// The CLI's view of its process: streams, environment and terminal facts, injected so that the
// whole command can run in a test process as well as for real.

import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

export function writeLine(stream: Writable, text = ''): void {
  stream.write(text + '\n');
}

/**
 * `token-desk scopes | head`: when the reader of our output goes away, writing fails with EPIPE.
 * That is a normal end of the command, not a crash: stop at once, quietly, with exit code 0.
 * Any other failure of an output stream ends the command with one line on stderr and exit 1.
 */
export function endQuietlyOnBrokenPipe(
  streams: {
    stdout: NodeJS.EventEmitter;
    stderr: NodeJS.EventEmitter;
    writeError?: (text: string) => void;
  },
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of [streams.stdout, streams.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return exit(0);
      if (stream !== streams.stderr) {
        streams.writeError?.(
          `token-desk: could not write the output (${error.code ?? error.name}).\n`,
        );
      }
      exit(1);
    });
  }
}
