// Reads a secret (the client secret) without it ever being a command-line argument: from standard
// input when that is a pipe or file, else from a hidden prompt on the terminal. A pipe is read up
// to its first line (so `echo secret | token-desk add ...` does not wait for the writer to close),
// and given up on after a while, so that a pipe that never sends anything cannot hang the command.

import { inputError } from '../core/errors.js';
import type { CliIo } from './cli-io.js';

/** How long a non-terminal stdin may take to deliver the first line. */
export const STDIN_SECRET_TIMEOUT_MS = 60_000;

export interface ReadSecretOptions {
  /** Default STDIN_SECRET_TIMEOUT_MS; tests pass a short one. */
  timeoutMs?: number;
}

function noSecretInTime(timeoutMs: number) {
  const seconds = Math.round(timeoutMs / 1000);
  return inputError(
    'secret_input_timeout',
    `No client secret arrived on standard input within ${seconds >= 1 ? `${seconds} seconds` : `${timeoutMs} ms`}.`,
    'Pipe it in as one line and end the input (for example token-desk add … < secret.txt), or run the command in a terminal to type it at a hidden prompt.',
  );
}

/** The first line of a stream (or all of it, if it ends without a newline). */
function readFirstLine(stream: NodeJS.ReadableStream, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const cleanup = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      // Stop reading: whatever follows the first line is not ours, and an open pipe must not keep
      // the process alive once the command is done.
      stream.pause();
      (stream as { destroy?: () => void }).destroy?.();
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const end = text.search(/\r?\n/);
      if (end >= 0) {
        cleanup();
        resolve(text.slice(0, end));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(text);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        inputError(
          'secret_input_failed',
          `The client secret could not be read from standard input (${error.message}).`,
          'Pipe it in as one line (for example token-desk add … < secret.txt), or run the command in a terminal to type it at a hidden prompt.',
        ),
      );
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(noSecretInTime(timeoutMs));
    }, timeoutMs);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}

export async function readSecret(
  io: CliIo,
  prompt: string,
  options: ReadSecretOptions = {},
): Promise<string> {
  let value: string;
  if (io.stdin.isTTY) {
    const { default: password } = await import('@inquirer/password');
    value = await password(
      { message: prompt, mask: false },
      { input: io.stdin, output: io.stderr },
    );
  } else {
    value = await readFirstLine(io.stdin, options.timeoutMs ?? STDIN_SECRET_TIMEOUT_MS);
  }
  value = value.trim();
  if (!value) {
    throw inputError(
      'missing_client_secret',
      'No client secret was given.',
      'Pipe it on standard input (e.g. token-desk add ... < secret.txt) or type it at the prompt. It is never taken as an argument, so it stays out of your shell history.',
    );
  }
  return value;
}
