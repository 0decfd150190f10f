// The desktop's cipher choice and its status for the UI. Electron's safeStorage is adapted to the
// core's async SafeStoragePort (the async API when this Electron has it, else the synchronous one
// wrapped). On Linux, the 'basic_text' backend means "no keyring found": Electron would encrypt
// with a fixed, public key, so the core cipher refuses it, and the status says so and offers the
// two ways out: a keyring, or the passphrase cipher (TOKEN_DESK_PASSPHRASE, as in the CLI).

import { createPassphraseCipher } from '../core/vault/passphrase-cipher.js';
import {
  createSafeStorageCipher,
  SAFE_STORAGE_CIPHER_ID,
  type SafeStoragePort,
} from '../core/vault/safe-storage-cipher.js';
import type { Cipher } from '../core/vault/cipher.js';
import type { CipherStatus } from '../rpc/handlers.js';

/** Same variable as the CLI: a non-empty value selects the passphrase cipher. */
export const PASSPHRASE_ENV = 'TOKEN_DESK_PASSPHRASE';

/** Electron's safeStorage: the synchronous API of Electron 41, plus the async one of later versions. */
export interface ElectronSafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export function toSafeStoragePort(
  safeStorage: ElectronSafeStorageLike,
  platform: NodeJS.Platform,
): SafeStoragePort {
  const hasAsync =
    typeof safeStorage.isAsyncEncryptionAvailable === 'function' &&
    typeof safeStorage.encryptStringAsync === 'function' &&
    typeof safeStorage.decryptStringAsync === 'function';
  const port: SafeStoragePort = hasAsync
    ? {
        isAsyncEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable!(),
        encryptStringAsync: (plainText) => safeStorage.encryptStringAsync!(plainText),
        decryptStringAsync: (encrypted) => safeStorage.decryptStringAsync!(encrypted),
      }
    : {
        isAsyncEncryptionAvailable: async () => safeStorage.isEncryptionAvailable(),
        encryptStringAsync: async (plainText) => safeStorage.encryptString(plainText),
        decryptStringAsync: async (encrypted) => ({
          result: safeStorage.decryptString(encrypted),
          shouldReEncrypt: false,
        }),
      };
  // The backend is a Linux notion; elsewhere the OS facility is always a real one.
  if (platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
    port.getSelectedStorageBackend = () => safeStorage.getSelectedStorageBackend!();
  }
  return port;
}

const WAYS_OUT =
  'Install and unlock a keyring (gnome-keyring or KWallet) and restart Token Desk ' +
  '(on desktops Electron does not recognise, start it with --password-store=gnome-libsecret), ' +
  `or start Token Desk with ${PASSPHRASE_ENV} set to encrypt secrets with a passphrase of your choice.`;

export const BASIC_TEXT_WARNING =
  'This system offers Token Desk no keyring: Electron would fall back to "basic_text", a fixed key that anyone can read, ' +
  `so Token Desk does not store client secrets or tokens. ${WAYS_OUT}`;

/** What the UI shows about where secrets are kept (app.info's `cipher`). */
export async function safeStorageStatus(
  port: SafeStoragePort,
  cipher: Cipher,
): Promise<CipherStatus> {
  const base = { id: SAFE_STORAGE_CIPHER_ID, description: cipher.describe() };
  const backend = port.getSelectedStorageBackend?.();
  if (backend === 'basic_text') return { ...base, secure: false, warning: BASIC_TEXT_WARNING };
  if (backend === 'unknown') {
    return {
      ...base,
      secure: false,
      warning: `The OS encryption backend was not chosen yet, so Token Desk does not store secrets. Restart Token Desk; if this stays, ${WAYS_OUT.charAt(0).toLowerCase()}${WAYS_OUT.slice(1)}`,
    };
  }
  const available = await port.isAsyncEncryptionAvailable().catch(() => false);
  if (!available)
    return {
      ...base,
      secure: false,
      warning: `OS encryption is not available to Token Desk, so it does not store secrets. ${WAYS_OUT}`,
    };
  return { ...base, secure: true };
}

export interface DesktopCipher {
  cipher: Cipher;
  status: CipherStatus;
}

/**
 * The passphrase cipher when TOKEN_DESK_PASSPHRASE is set (the user chose it, e.g. on a Linux
 * desktop without a keyring), else safeStorage. Call after app 'ready': before it, Linux reports
 * the backend as 'unknown'.
 */
export async function chooseDesktopCipher(options: {
  env: NodeJS.ProcessEnv;
  safeStorage: SafeStoragePort;
}): Promise<DesktopCipher> {
  const passphrase = options.env[PASSPHRASE_ENV];
  if (passphrase !== undefined && passphrase !== '') {
    const cipher = createPassphraseCipher({ passphrase });
    return { cipher, status: { id: cipher.id, description: cipher.describe(), secure: true } };
  }
  const cipher = createSafeStorageCipher({ safeStorage: options.safeStorage });
  return { cipher, status: await safeStorageStatus(options.safeStorage, cipher) };
}
