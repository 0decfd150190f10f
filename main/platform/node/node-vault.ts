// Wires the vault and the connection store for plain Node (the CLI, browser mode, tests): JSON
// files in the Token Desk home via conf, cross-process locks in `<home>/locks/`, and the cipher
// chosen from the environment: TOKEN_DESK_PASSPHRASE (non-empty) selects the passphrase cipher,
// otherwise the OS keyring holds the vault key. Nothing here touches the keyring or derives a
// key until a secret is actually read or written. The browser mode adds the window's say
// (openBrowserVaultControl): a passphrase typed in the page when the keyring cannot be reached,
// and the choice of cipher recorded in the settings document.

import type { Clock, LockPort } from '../../core/ports.js';
import { createConnectionStore } from '../../core/store/connection-store.js';
import type { ConnectionStore } from '../../core/store/connection-store-types.js';
import type { Cipher } from '../../core/vault/cipher.js';
import { createEncryptedVault, type EncryptedVault } from '../../core/vault/encrypted-vault.js';
import { createKeyringCipher, type KeyringPort } from '../../core/vault/keyring-cipher.js';
import { createPassphraseCipher, type ScryptCost } from '../../core/vault/passphrase-cipher.js';
import type { SettingsStore } from '../../core/settings/settings-store.js';
import {
  createVaultControl,
  keyringCipherOption,
  type VaultControl,
} from '../../core/vault/vault-control.js';
import { createFileLock } from './file-lock.js';
import { createJsonDocumentStore } from './json-document-store.js';
import { createOsKeyring } from './os-keyring.js';

export const PASSPHRASE_ENV = 'TOKEN_DESK_PASSPHRASE';
export const VAULT_FILE_NAME = 'vault';
export const STORE_FILE_NAME = 'connections';

export interface OpenNodeVaultOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to the OS keyring; tests pass an in-memory one. */
  keyring?: KeyringPort;
  /** Keyring service for the vault key (default 'token-desk'); tests use a unique one per run. */
  keyringService?: string;
}

export interface NodeVault {
  vault: EncryptedVault;
  /** 'passphrase' or 'keyring'. */
  cipherId: string;
  /** Where the key lives, for `token-desk doctor`-style output. */
  describe: string;
}

export async function openNodeVault(options: OpenNodeVaultOptions): Promise<NodeVault> {
  const env = options.env ?? process.env;
  const passphrase = env[PASSPHRASE_ENV];
  const cipher: Cipher =
    passphrase !== undefined && passphrase !== ''
      ? createPassphraseCipher({ passphrase })
      : createKeyringCipher({
          keyring: options.keyring ?? createOsKeyring(),
          service: options.keyringService,
        });
  const vault = createEncryptedVault({
    document: createJsonDocumentStore({ home: options.home, name: VAULT_FILE_NAME }),
    cipher,
    lock: createNodeLock(options.home),
  });
  return { vault, cipherId: cipher.id, describe: cipher.describe() };
}

export interface BrowserVaultControlOptions extends OpenNodeVaultOptions {
  /** The settings document, where the window's choice of cipher is recorded. */
  settings: SettingsStore;
  passphraseCost?: ScryptCost;
}

/**
 * The browser mode's vault: the CLI's (the OS keyring; the passphrase when TOKEN_DESK_PASSPHRASE
 * is set), plus a passphrase the user sets up or types in the page (headless Linux without a
 * Secret Service, where the keyring cannot protect anything).
 */
export function openBrowserVaultControl(options: BrowserVaultControlOptions): VaultControl {
  const env = options.env ?? process.env;
  const { settings } = options;
  return createVaultControl({
    program: 'browser',
    document: createJsonDocumentStore({ home: options.home, name: VAULT_FILE_NAME }),
    lock: createNodeLock(options.home),
    osCiphers: [
      keyringCipherOption({
        keyring: options.keyring ?? createOsKeyring(),
        service: options.keyringService,
        label: 'OS keyring (shared with the command line)',
      }),
    ],
    choice: {
      get: () => settings.get().vaultCipher?.browser,
      set: async (id) => {
        if (id === 'safestorage') return;
        await settings.set({ vaultCipher: { ...settings.get().vaultCipher, browser: id } });
      },
    },
    envPassphrase: env[PASSPHRASE_ENV],
    passphraseCost: options.passphraseCost,
  });
}

export interface OpenNodeStoreOptions {
  home: string;
  clock: Clock;
}

export function openNodeStore(options: OpenNodeStoreOptions): ConnectionStore {
  return createConnectionStore({
    document: createJsonDocumentStore({ home: options.home, name: STORE_FILE_NAME }),
    lock: createNodeLock(options.home),
    clock: options.clock,
  });
}

/** The cross-process lock for one Token Desk home (also used by the token manager's single flight). */
export function createNodeLock(home: string): LockPort {
  return createFileLock({ home });
}
