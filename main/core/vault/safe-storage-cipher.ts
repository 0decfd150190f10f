// The desktop app's cipher: Electron's asynchronous safeStorage API (OS Keychain, DPAPI,
// libsecret/KWallet), reached through a port so core never imports electron. Like VS Code's secret
// storage, it refuses to work when the OS offers no real encryption: on Linux the 'basic_text'
// backend is a hard-coded key, so it counts as none. safeStorage has no additional data, so the
// entry binding (service/account) is sealed inside the ciphertext and checked after decryption.

import { TokenDeskError } from '../errors.js';
import { decryptFailed, type Cipher, type CipherSession } from './cipher.js';

/** The subset of Electron's `safeStorage` (async API) that the cipher uses. */
export interface SafeStoragePort {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only in Electron: 'basic_text', 'gnome_libsecret', 'kwallet5', ..., or 'unknown' before app ready. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_CIPHER_ID = 'safestorage';

/** Backends that do not protect anything: a hard-coded key, or not decided yet. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

// The desktop app's window shows it: its own button is the way out, not an environment variable.
const OS_ENCRYPTION_REMEDY =
  'Choose "Protect secrets with a passphrase" in Token Desk (the banner, or Settings) to encrypt them with a passphrase instead, ' +
  'or install and unlock an OS keyring (on Linux: gnome-keyring or KWallet) and restart Token Desk.';

export interface SafeStorageCipherOptions {
  safeStorage: SafeStoragePort;
}

export function createSafeStorageCipher(options: SafeStorageCipherOptions): Cipher {
  const { safeStorage } = options;
  const backend = () => safeStorage.getSelectedStorageBackend?.();

  const assertStrongEncryption = async (): Promise<void> => {
    const selected = backend();
    if (selected !== undefined && WEAK_BACKENDS.has(selected)) {
      throw new TokenDeskError(
        'weak_os_encryption',
        selected === 'basic_text'
          ? 'The OS offers no keyring to the desktop app (Electron would use a fixed, publicly known key), so Token Desk will not store secrets with it.'
          : 'The OS encryption backend is not chosen yet, so Token Desk will not store secrets with it.',
        { category: 'local', remedy: OS_ENCRYPTION_REMEDY, details: { backend: selected } },
      );
    }
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new TokenDeskError(
        'os_encryption_unavailable',
        'OS encryption is not available to the desktop app.',
        {
          category: 'local',
          remedy: OS_ENCRYPTION_REMEDY,
        },
      );
    }
  };

  return {
    id: SAFE_STORAGE_CIPHER_ID,
    describe: () => {
      const selected = backend();
      return selected
        ? `OS encryption (Electron safeStorage, ${selected})`
        : 'OS encryption (Electron safeStorage)';
    },

    async open(): Promise<CipherSession> {
      await assertStrongEncryption();
      return {
        params: {},
        async encrypt(plain, aad) {
          const sealed = await safeStorage.encryptStringAsync(
            JSON.stringify({ aad, value: plain }),
          );
          return Buffer.from(sealed).toString('base64url');
        },
        async decrypt(payload, aad) {
          const bytes = Buffer.from(payload, 'base64url');
          if (bytes.length === 0 || bytes.toString('base64url') !== payload) {
            throw decryptFailed('bad_payload', 'The encrypted value is damaged (wrong encoding).');
          }
          let opened: { result: string; shouldReEncrypt: boolean };
          try {
            opened = await safeStorage.decryptStringAsync(bytes);
          } catch (error) {
            throw decryptFailed(
              'auth_failed',
              'The OS could not decrypt the value: it was sealed on another machine or user account, or changed.',
              error,
            );
          }
          const inner = parseInner(opened.result);
          if (!inner || inner.aad !== aad) {
            throw decryptFailed(
              'auth_failed',
              'The decrypted value belongs to another vault entry or was changed.',
            );
          }
          return { plain: inner.value, reEncrypt: opened.shouldReEncrypt };
        },
      };
    },
  };
}

function parseInner(text: string): { aad: string; value: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      const { aad, value } = parsed as Record<string, unknown>;
      if (typeof aad === 'string' && typeof value === 'string') return { aad, value };
    }
  } catch {
    // Not ours: reported as a failed decryption below.
  }
  return undefined;
}
