// The client secret from a pipe: the first line is enough (the writer need not close the pipe),
// and a pipe that never sends anything ends with a clear usage error instead of a hang.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../main/core/errors.js';
import type { CliIo } from '../../../main/cli/cli-io.js';
import { readSecret } from '../../../main/cli/secret-input.js';

function pipeIo(stdin: PassThrough): CliIo {
  return { stdin, stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
}

describe('readSecret from a pipe', () => {
  it('takes the first line without waiting for the pipe to close', async () => {
    const stdin = new PassThrough();
    const secret = readSecret(pipeIo(stdin), 'Client secret:');
    stdin.write('first-line-secret\nsecond line\n');
    // The pipe stays open: the secret must still arrive.
    await expect(secret).resolves.toBe('first-line-secret');
    stdin.end();
  });

  it('accepts a secret without a newline when the pipe ends, and CRLF line ends', async () => {
    const plain = new PassThrough();
    const a = readSecret(pipeIo(plain), 'x');
    plain.end('no-newline-secret');
    await expect(a).resolves.toBe('no-newline-secret');
    const crlf = new PassThrough();
    const b = readSecret(pipeIo(crlf), 'x');
    crlf.write('windows-secret\r\n');
    await expect(b).resolves.toBe('windows-secret');
  });

  it('gives up on a pipe that sends nothing and never closes, with a usage error', async () => {
    const stdin = new PassThrough();
    const error = await readSecret(pipeIo(stdin), 'x', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenDeskError);
    expect(error).toMatchObject({ code: 'secret_input_timeout', category: 'input' });
    expect((error as TokenDeskError).message).toMatch(
      /No client secret arrived on standard input within 50 ms/,
    );
    expect((error as TokenDeskError).remedy).toMatch(/< secret\.txt/);
  });

  it('refuses an empty first line', async () => {
    const stdin = new PassThrough();
    const secret = readSecret(pipeIo(stdin), 'x');
    stdin.write('\n');
    await expect(secret).rejects.toMatchObject({ code: 'missing_client_secret' });
  });
});
