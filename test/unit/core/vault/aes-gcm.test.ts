import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import {
  AES_GCM_IV_BYTES,
  generateAesKey,
  openAesGcm,
  sealAesGcm,
} from '../../../../main/core/vault/aes-gcm.js';

function failure(action: () => unknown): TokenDeskError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDeskError);
    return error as TokenDeskError;
  }
  throw new Error('expected a failure');
}

/** Flips one bit of the decoded bytes at `index` (negative: from the end). */
function flipBit(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('AES-256-GCM helpers', () => {
  const key = generateAesKey();

  it('round-trips text, including non-ASCII and the empty string', () => {
    for (const plain of ['1000.refresh.token', 'ünïcødé ✓ 密钥', '']) {
      expect(openAesGcm(key, sealAesGcm(key, plain, 'aad'), 'aad')).toBe(plain);
    }
  });

  it('uses a fresh IV for every value', () => {
    const ivs = new Set<string>();
    const outputs = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const sealed = sealAesGcm(key, 'same secret', 'same aad');
      outputs.add(sealed);
      ivs.add(Buffer.from(sealed, 'base64url').subarray(0, AES_GCM_IV_BYTES).toString('hex'));
    }
    expect(ivs.size).toBe(50);
    expect(outputs.size).toBe(50);
  });

  it.each([
    ['the IV', 0],
    ['the ciphertext', AES_GCM_IV_BYTES],
    ['the tag', -1],
  ])('rejects a change to %s as auth_failed', (_part, index) => {
    const sealed = sealAesGcm(key, 'a refresh token', 'aad');
    const error = failure(() => openAesGcm(key, flipBit(sealed, index), 'aad'));
    expect(error.code).toBe('decrypt_failed');
    expect(error.details.reason).toBe('auth_failed');
  });

  it('rejects a value opened with other additional data (swapped between entries)', () => {
    const sealed = sealAesGcm(key, 'secret of A', 'token-desk\u0000A');
    expect(failure(() => openAesGcm(key, sealed, 'token-desk\u0000B')).details.reason).toBe(
      'auth_failed',
    );
    expect(failure(() => openAesGcm(key, sealed)).details.reason).toBe('auth_failed');
  });

  it('rejects another key', () => {
    const sealed = sealAesGcm(key, 'secret', 'aad');
    expect(failure(() => openAesGcm(generateAesKey(), sealed, 'aad')).details.reason).toBe(
      'auth_failed',
    );
  });

  it('rejects a truncated or non-base64url payload as bad_payload', () => {
    const sealed = sealAesGcm(key, 'secret', 'aad');
    expect(failure(() => openAesGcm(key, sealed.slice(0, 20), 'aad')).details.reason).toBe(
      'bad_payload',
    );
    expect(failure(() => openAesGcm(key, `${sealed}!*`, 'aad')).details.reason).toBe('bad_payload');
  });

  it('never accepts a key of the wrong length', () => {
    expect(() => sealAesGcm(Buffer.alloc(16), 'x')).toThrow(TokenDeskError);
  });
});
