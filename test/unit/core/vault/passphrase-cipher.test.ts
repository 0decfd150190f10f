import type * as NodeCrypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CipherParams } from '../../../../main/core/vault/cipher.js';
import {
  createPassphraseCipher,
  DEFAULT_SCRYPT_COST,
} from '../../../../main/core/vault/passphrase-cipher.js';
import { rejection } from '../../../support/typed-errors.js';

// Count scrypt derivations without changing what they compute.
const scryptCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return {
    ...actual,
    scrypt: (...args: Parameters<typeof actual.scrypt>) => {
      scryptCalls.count += 1;
      return (actual.scrypt as (...a: unknown[]) => void)(...args);
    },
  };
});

// Cheap cost for most tests; one test uses the real default.
const cost = { N: 2 ** 10, r: 8, p: 1 };
const AAD = 'td1\u0000passphrase\u0000token-desk\u0000conn-1/refresh_token';

describe('passphrase cipher', () => {
  beforeEach(() => {
    scryptCalls.count = 0;
  });

  it('round-trips through the stored parameters, in a fresh cipher as in another process', async () => {
    const writer = await createPassphraseCipher({ passphrase: 'correct horse', cost }).open(
      undefined,
      'write',
    );
    const payload = await writer.encrypt('1000.abc.refresh', AAD);
    expect(payload).not.toContain('1000.abc.refresh');
    expect(writer.params).toMatchObject({ kdf: 'scrypt', N: cost.N, r: 8, p: 1 });
    expect(typeof writer.params.salt).toBe('string');
    expect(typeof writer.params.check).toBe('string');

    const reader = await createPassphraseCipher({ passphrase: 'correct horse', cost }).open(
      writer.params,
      'read',
    );
    await expect(reader.decrypt(payload, AAD)).resolves.toEqual({
      plain: '1000.abc.refresh',
      reEncrypt: false,
    });
  });

  it('reports a wrong passphrase as wrong_passphrase before decrypting anything, without echoing it', async () => {
    const writer = await createPassphraseCipher({ passphrase: 'correct horse', cost }).open(
      undefined,
      'write',
    );
    const error = await rejection(
      createPassphraseCipher({ passphrase: 'battery staple', cost }).open(writer.params, 'read'),
    );
    expect(error.code).toBe('wrong_passphrase');
    expect(error.category).toBe('local');
    expect(error.remedy).toContain('TOKEN_DESK_PASSPHRASE');
    expect(`${error.message} ${error.remedy}`).not.toMatch(/battery|horse/);
    // Writing with the wrong passphrase is refused too: it must not start a second key.
    expect(
      (
        await rejection(
          createPassphraseCipher({ passphrase: 'battery staple', cost }).open(
            writer.params,
            'write',
          ),
        )
      ).code,
    ).toBe('wrong_passphrase');
  });

  it('uses a new random salt per vault', async () => {
    const a = await createPassphraseCipher({ passphrase: 'same passphrase twice', cost }).open(
      undefined,
      'write',
    );
    const b = await createPassphraseCipher({ passphrase: 'same passphrase twice', cost }).open(
      undefined,
      'write',
    );
    expect(a.params.salt).not.toBe(b.params.salt);
  });

  it('derives the key once per cipher (process), however often it is opened', async () => {
    const cipher = createPassphraseCipher({ passphrase: 'long enough pw', cost });
    const first = await cipher.open(undefined, 'write');
    expect(scryptCalls.count).toBe(1);
    await Promise.all([
      cipher.open(first.params, 'read'),
      cipher.open(first.params, 'write'),
      cipher.open(first.params, 'read'),
    ]);
    expect(scryptCalls.count).toBe(1);
  });

  it('works with the default cost, OWASP minimum N=2^17, r=8, p=1 (needs more than the default maxmem)', async () => {
    const session = await createPassphraseCipher({ passphrase: 'long enough pw' }).open(
      undefined,
      'write',
    );
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(session.params).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    const reader = await createPassphraseCipher({ passphrase: 'long enough pw' }).open(
      session.params,
      'read',
    );
    await expect(reader.decrypt(await session.encrypt('v', AAD), AAD)).resolves.toMatchObject({
      plain: 'v',
    });
  });

  it('treats composed and decomposed Unicode passphrases as the same passphrase', async () => {
    const session = await createPassphraseCipher({ passphrase: 'caf\u00e9 au lait', cost }).open(
      undefined,
      'write',
    );
    await expect(
      createPassphraseCipher({ passphrase: 'cafe\u0301 au lait', cost }).open(
        session.params,
        'read',
      ),
    ).resolves.toBeDefined();
  });

  it('cannot read without stored parameters, and does not invent them for a read', async () => {
    const error = await rejection(
      createPassphraseCipher({ passphrase: 'long enough pw', cost }).open(undefined, 'read'),
    );
    expect(error.code).toBe('decrypt_failed');
    expect(scryptCalls.count).toBe(0);
  });

  it.each<[string, CipherParams]>([
    ['a missing salt', { kdf: 'scrypt', N: 1024, r: 8, p: 1, check: 'x' }],
    [
      'a huge N from a hostile file',
      { kdf: 'scrypt', N: 2 ** 30, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA', check: 'x' },
    ],
    [
      'another KDF',
      { kdf: 'pbkdf2', N: 1024, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA', check: 'x' },
    ],
  ])('refuses damaged parameters (%s) as vault_invalid', async (_what, params) => {
    const error = await rejection(
      createPassphraseCipher({ passphrase: 'long enough pw', cost }).open(params, 'read'),
    );
    expect(error.code).toBe('vault_invalid');
    expect(scryptCalls.count).toBe(0);
  });

  it('refuses an empty passphrase as an input error', () => {
    expect(() => createPassphraseCipher({ passphrase: '' })).toThrow(
      expect.objectContaining({ code: 'passphrase_empty', category: 'input' }),
    );
  });

  it('rejects a value bound to another entry', async () => {
    const session = await createPassphraseCipher({ passphrase: 'long enough pw', cost }).open(
      undefined,
      'write',
    );
    const payload = await session.encrypt('secret', AAD);
    const error = await rejection(
      session.decrypt(payload, AAD.replace('refresh_token', 'client_secret')),
    );
    expect(error.code).toBe('decrypt_failed');
  });
});
