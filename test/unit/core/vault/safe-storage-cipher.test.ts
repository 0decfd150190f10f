import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSafeStorageCipher,
  type SafeStoragePort,
} from '../../../../main/core/vault/safe-storage-cipher.js';
import { rejection } from '../../../support/typed-errors.js';

const AAD = 'td1\u0000safestorage\u0000token-desk\u0000conn-1/refresh_token';

/** A stand-in for Electron's safeStorage: real AES-256-CTR under a per-instance key, v10-style prefix. */
function fakeSafeStorage(
  options: { backend?: string; available?: boolean; shouldReEncrypt?: boolean } = {},
) {
  const key = randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0 };
  const port: SafeStoragePort = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    async encryptStringAsync(plainText) {
      calls.encrypt += 1;
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-ctr', key, iv);
      return Buffer.concat([
        Buffer.from('v10'),
        iv,
        cipher.update(plainText, 'utf8'),
        cipher.final(),
      ]);
    },
    async decryptStringAsync(encrypted) {
      calls.decrypt += 1;
      if (encrypted.subarray(0, 3).toString() !== 'v10')
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      const decipher = createDecipheriv('aes-256-ctr', key, encrypted.subarray(3, 19));
      const result = Buffer.concat([
        decipher.update(encrypted.subarray(19)),
        decipher.final(),
      ]).toString('utf8');
      return { result, shouldReEncrypt: options.shouldReEncrypt ?? false };
    },
  };
  if (options.backend !== undefined) port.getSelectedStorageBackend = () => options.backend!;
  return { port, calls };
}

describe('safeStorage cipher', () => {
  it('round-trips through a real OS backend and keeps no plaintext in the payload', async () => {
    const { port } = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const cipher = createSafeStorageCipher({ safeStorage: port });
    expect(cipher.describe()).toContain('gnome_libsecret');
    const session = await cipher.open(undefined, 'write');
    const payload = await session.encrypt('1000.refresh', AAD);
    expect(payload).not.toContain('1000.refresh');
    expect(Buffer.from(payload, 'base64url').toString('latin1')).not.toContain('1000.refresh');
    await expect(session.decrypt(payload, AAD)).resolves.toEqual({
      plain: '1000.refresh',
      reEncrypt: false,
    });
  });

  it('works where Electron has no backend selector (macOS, Windows)', async () => {
    const session = await createSafeStorageCipher({ safeStorage: fakeSafeStorage().port }).open(
      undefined,
      'write',
    );
    await expect(session.decrypt(await session.encrypt('x', AAD), AAD)).resolves.toMatchObject({
      plain: 'x',
    });
  });

  it.each(['basic_text', 'unknown'])(
    'refuses the %s backend as weak_os_encryption and encrypts nothing',
    async (backend) => {
      const { port, calls } = fakeSafeStorage({ backend });
      const error = await rejection(
        createSafeStorageCipher({ safeStorage: port }).open(undefined, 'write'),
      );
      expect(error.code).toBe('weak_os_encryption');
      expect(error.category).toBe('local');
      expect(error.remedy).toMatch(/keyring/);
      expect(error.remedy).toContain('Choose "Protect secrets with a passphrase"');
      expect(error.remedy).not.toContain('TOKEN_DESK_PASSPHRASE');
      expect(calls.encrypt).toBe(0);
    },
  );

  it('refuses when OS encryption is not available', async () => {
    const error = await rejection(
      createSafeStorageCipher({ safeStorage: fakeSafeStorage({ available: false }).port }).open(
        undefined,
        'write',
      ),
    );
    expect(error.code).toBe('os_encryption_unavailable');
  });

  it('binds each value to its entry although safeStorage has no additional data', async () => {
    const session = await createSafeStorageCipher({ safeStorage: fakeSafeStorage().port }).open(
      undefined,
      'write',
    );
    const payload = await session.encrypt('secret of A', AAD);
    const error = await rejection(
      session.decrypt(payload, AAD.replace('refresh_token', 'access_token')),
    );
    expect(error.code).toBe('decrypt_failed');
  });

  it('passes on shouldReEncrypt so the vault can seal the value again', async () => {
    const session = await createSafeStorageCipher({
      safeStorage: fakeSafeStorage({ shouldReEncrypt: true }).port,
    }).open(undefined, 'write');
    await expect(session.decrypt(await session.encrypt('x', AAD), AAD)).resolves.toEqual({
      plain: 'x',
      reEncrypt: true,
    });
  });

  it('reports a value the OS cannot decrypt (another machine) as decrypt_failed', async () => {
    const writer = await createSafeStorageCipher({ safeStorage: fakeSafeStorage().port }).open(
      undefined,
      'write',
    );
    const reader = await createSafeStorageCipher({ safeStorage: fakeSafeStorage().port }).open(
      undefined,
      'read',
    );
    const payload = await writer.encrypt('x', AAD);
    // Another machine's key decrypts to garbage (CTR) or fails: both are decrypt_failed, never garbage.
    expect((await rejection(reader.decrypt(payload, AAD))).code).toBe('decrypt_failed');
    expect((await rejection(reader.decrypt('AAAA', AAD))).code).toBe('decrypt_failed');
  });
});
