// Reads a secret (the client secret) without it ever being a command-line argument: from standard
// input when that is a pipe or file, else from a hidden prompt on the terminal.

import { inputError } from '../core/errors.js';
import type { CliIo } from './cli-io.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  let value: string;
  if (io.stdin.isTTY) {
    const { default: password } = await import('@inquirer/password');
    value = await password({ message: prompt, mask: false }, { input: io.stdin, output: io.stderr });
  } else {
    // A pipe: take the first line, so `echo secret | token-desk add ...` works as expected.
    value = (await readAll(io.stdin)).split(/\r?\n/)[0] ?? '';
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
