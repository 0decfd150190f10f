import { describe, expect, it, vi } from 'vitest';
import { isTokenDeskError } from '../../../main/core/errors.js';
import { createSafeStorageCipher } from '../../../main/core/vault/safe-storage-cipher.js';
import { createMemoryKeyring } from '../../support/memory-keyring.js';
import {
  BASIC_TEXT_WARNING,
  desktopCipherOptions,
  KEYRING_CHOICE_LABEL,
  PASSPHRASE_ENV,
  SAFE_STORAGE_CHOICE_LABEL,
  safeStorageStatus,
  toSafeStoragePort,
  type ElectronSafeStorageLike,
} from '../../../main/electron/safe-storage.js';

/** Electron 41's synchronous safeStorage, with a reversible stand-in for the OS encryption. */
function syncSafeStorage(
  backend: string,
  available = true,
): ElectronSafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString: (plain) => (calls.push('encryptString'), Buffer.from(`os:${plain}`)),
    decryptString: (sealed) => (calls.push('decryptString'), sealed.toString().replace(/^os:/, '')),
    getSelectedStorageBackend: () => backend,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isTokenDeskError(error) ? error.code : 'untyped';
  }
  return 'none';
}

describe('safeStorage adapter', () => {
  it('wraps the synchronous API when this Electron has no async one', async () => {
    const electron = syncSafeStorage('gnome_libsecret');
    const port = toSafeStoragePort(electron, 'linux');
    expect(await port.isAsyncEncryptionAvailable()).toBe(true);
    const sealed = await port.encryptStringAsync('value');
    expect(await port.decryptStringAsync(sealed)).toEqual({
      result: 'value',
      shouldReEncrypt: false,
    });
    expect(electron.calls).toEqual(['encryptString', 'decryptString']);
    expect(port.getSelectedStorageBackend?.()).toBe('gnome_libsecret');
  });

  it('prefers the async API (key rotation: shouldReEncrypt) when present', async () => {
    const electron = {
      ...syncSafeStorage('kwallet6'),
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(plain)),
      decryptStringAsync: vi.fn(async (sealed: Buffer) => ({
        result: sealed.toString(),
        shouldReEncrypt: true,
      })),
    };
    const port = toSafeStoragePort(electron, 'linux');
    expect(await port.decryptStringAsync(await port.encryptStringAsync('v'))).toEqual({
      result: 'v',
      shouldReEncrypt: true,
    });
    expect(electron.encryptStringAsync).toHaveBeenCalledOnce();
    expect(electron.calls).toEqual([]);
  });

  it('asks for the backend on Linux only', () => {
    expect(
      toSafeStoragePort(syncSafeStorage('basic_text'), 'darwin').getSelectedStorageBackend,
    ).toBeUndefined();
    expect(
      toSafeStoragePort(syncSafeStorage('basic_text'), 'win32').getSelectedStorageBackend,
    ).toBeUndefined();
  });
});

describe('basic_text on Linux counts as no encryption', () => {
  it('the status says insecure, why, and offers a keyring or the passphrase cipher', async () => {
    const port = toSafeStoragePort(syncSafeStorage('basic_text'), 'linux');
    const status = await safeStorageStatus(port, createSafeStorageCipher({ safeStorage: port }));
    expect(status).toEqual({
      id: 'safestorage',
      description: 'OS encryption (Electron safeStorage, basic_text)',
      secure: false,
      warning: BASIC_TEXT_WARNING,
    });
    expect(status.warning).toContain('basic_text');
    // The window's own way out (its button), not an environment variable.
    expect(status.warning).toContain('Choose "Protect secrets with a passphrase"');
    expect(status.warning).not.toContain(PASSPHRASE_ENV);
    expect(status.warning).toMatch(/gnome-keyring|KWallet/);
  });

  it('the cipher refuses to open, so nothing is sealed with a public key', async () => {
    const electron = syncSafeStorage('basic_text');
    const cipher = createSafeStorageCipher({ safeStorage: toSafeStoragePort(electron, 'linux') });
    expect(await refusal(cipher.open(undefined, 'write'))).toBe('weak_os_encryption');
    expect(electron.calls).toEqual([]);
  });

  it('a real keyring is secure and works', async () => {
    const port = toSafeStoragePort(syncSafeStorage('gnome_libsecret'), 'linux');
    const cipher = createSafeStorageCipher({ safeStorage: port });
    expect(await safeStorageStatus(port, cipher)).toMatchObject({ secure: true });
    const session = await cipher.open(undefined, 'write');
    const sealed = await session.encrypt('refresh-token', 'aad');
    expect(sealed).not.toContain('refresh-token');
    expect(await session.decrypt(sealed, 'aad')).toEqual({
      plain: 'refresh-token',
      reEncrypt: false,
    });
  });

  it('unavailable encryption (e.g. a locked Keychain) is insecure too', async () => {
    const port = toSafeStoragePort(syncSafeStorage('unused', false), 'darwin');
    const status = await safeStorageStatus(port, createSafeStorageCipher({ safeStorage: port }));
    expect(status).toMatchObject({ secure: false });
    expect(status.warning).toContain('Choose "Protect secrets with a passphrase"');
    expect(status.warning).not.toContain(PASSPHRASE_ENV);
  });
});

describe('desktop ciphers', () => {
  it('offers safeStorage first (the default for new connections), then the CLI keyring cipher', async () => {
    const [safe, keyring, ...rest] = desktopCipherOptions({
      safeStorage: toSafeStoragePort(syncSafeStorage('gnome_libsecret'), 'linux'),
      keyring: createMemoryKeyring(),
    });
    expect(rest).toEqual([]);
    expect(safe).toMatchObject({ id: 'safestorage', label: SAFE_STORAGE_CHOICE_LABEL });
    expect(safe!.cipher.id).toBe('safestorage');
    expect(await safe!.problem()).toBeUndefined();
    expect(keyring).toMatchObject({ id: 'keyring', label: KEYRING_CHOICE_LABEL });
    expect(keyring!.cipher.id).toBe('keyring');
    expect(await keyring!.problem()).toBeUndefined();
  });

  it('on basic_text, safeStorage reports the warning as its problem; an unreachable keyring says so', async () => {
    const memory = createMemoryKeyring();
    memory.failWith = new Error('Platform failure: DBus error: no session bus');
    const [safe, keyring] = desktopCipherOptions({
      safeStorage: toSafeStoragePort(syncSafeStorage('basic_text'), 'linux'),
      keyring: memory,
    });
    expect(await safe!.problem()).toBe(BASIC_TEXT_WARNING);
    const problem = await keyring!.problem();
    expect(problem).toMatch(/^Token Desk could not reach your system's keyring, /);
    expect(problem).not.toContain('no session bus');
    expect(problem).toMatch(/passphrase/);
  });

  it('without a keyring port, safeStorage alone', () => {
    const options = desktopCipherOptions({
      safeStorage: toSafeStoragePort(syncSafeStorage('gnome_libsecret'), 'linux'),
    });
    expect(options.map((o) => o.id)).toEqual(['safestorage']);
  });
});
