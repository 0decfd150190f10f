// The desktop's ciphers and their status for the UI. Electron's safeStorage is adapted to the
// core's async SafeStoragePort (the async API when this Electron has it, else the synchronous one
// wrapped). On Linux, the 'basic_text' backend means "no keyring found": Electron would encrypt
// with a fixed, public key, so the core cipher refuses it, and the status says so and offers the
// ways out: the passphrase (the window offers it), or a keyring. Beside safeStorage the app has
// the OS-keyring cipher of the CLI, so connections made with the CLI work in the app too.

import type { Cipher } from '../core/vault/cipher.js';
import type { KeyringPort } from '../core/vault/keyring-cipher.js';
import {
  createSafeStorageCipher,
  SAFE_STORAGE_CIPHER_ID,
  type SafeStoragePort,
} from '../core/vault/safe-storage-cipher.js';
import { keyringCipherOption, type OsCipherOption } from '../core/vault/vault-control.js';
import type { CipherStatus } from '../rpc/app-handlers.js';

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

// Shown in the window only: the way out is the window's own button, not an environment variable.
// The Electron switch is the last resort for a desktop whose keyring Electron does not detect.
const WAYS_OUT =
  'Choose "Protect secrets with a passphrase" to encrypt them with a passphrase of your choice, ' +
  'or install and unlock a keyring (gnome-keyring or KWallet) and restart Token Desk. ' +
  'If a keyring is installed and unlocked and this stays, your desktop may not be recognised: ' +
  'ask whoever looks after this computer to start Token Desk with --password-store=gnome-libsecret.';

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

export const SAFE_STORAGE_CHOICE_LABEL = 'This app only (Electron safeStorage)';
export const KEYRING_CHOICE_LABEL = 'Shared with the command line (OS keyring)';

/**
 * The desktop's OS ciphers, the default first: Electron safeStorage, then (when a keyring port is
 * given) the CLI's OS-keyring cipher with the CLI's keyring service, so the app opens what the
 * CLI sealed and the other way round. Call after app 'ready': before it, Linux reports the
 * backend as 'unknown'.
 */
export function desktopCipherOptions(options: {
  safeStorage: SafeStoragePort;
  keyring?: KeyringPort;
  keyringService?: string;
}): OsCipherOption[] {
  const cipher: Cipher = createSafeStorageCipher({ safeStorage: options.safeStorage });
  const safe: OsCipherOption = {
    id: 'safestorage',
    label: SAFE_STORAGE_CHOICE_LABEL,
    cipher,
    problem: async () => (await safeStorageStatus(options.safeStorage, cipher)).warning,
  };
  if (!options.keyring) return [safe];
  return [
    safe,
    keyringCipherOption({
      keyring: options.keyring,
      service: options.keyringService,
      label: KEYRING_CHOICE_LABEL,
    }),
  ];
}
