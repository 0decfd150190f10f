// The vault's ports for plain Node (the CLI, the browser mode, tests): the cipher chosen from the
// environment for the command line (TOKEN_DESK_PASSPHRASE, non-empty, selects the passphrase
// cipher; otherwise the OS keyring holds the vault key), and the browser mode's window vault (the
// same OS keyring, plus a passphrase typed in the page when the keyring cannot be reached, and
// the choice of cipher recorded in the settings document). Nothing here touches the keyring or
// derives a key until a secret is actually read or written. openNodeVault / openNodeStore /
// openBrowserVaultControl open one part of a home on its own (tests, tools).

import { createAppServices, type AppPorts, type OpenedVault } from '../../core/app-services.js';
import type { Clock } from '../../core/ports.js';
import type { ConnectionStore } from '../../core/store/connection-store-types.js';
import type { Cipher } from '../../core/vault/cipher.js';
import { createKeyringCipher, type KeyringPort } from '../../core/vault/keyring-cipher.js';
import { createPassphraseCipher, type ScryptCost } from '../../core/vault/passphrase-cipher.js';
import { keyringCipherOption, type VaultControl } from '../../core/vault/vault-control.js';
import { nodeAppPorts } from './node-ports.js';
import { createOsKeyring } from './os-keyring.js';

export const PASSPHRASE_ENV = 'TOKEN_DESK_PASSPHRASE';

export interface NodeVaultOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to the OS keyring; tests pass an in-memory one. */
  keyring?: KeyringPort;
  /** Keyring service for the vault key (default 'token-desk'); tests use a unique one per run. */
  keyringService?: string;
}

/** The command line's cipher: the passphrase from the environment, else the OS keyring. */
export function commandLineCipher(options: NodeVaultOptions): Cipher {
  const passphrase = (options.env ?? process.env)[PASSPHRASE_ENV];
  return passphrase !== undefined && passphrase !== ''
    ? createPassphraseCipher({ passphrase })
    : createKeyringCipher({
        keyring: options.keyring ?? createOsKeyring(),
        service: options.keyringService,
      });
}

/** The command line's vault port: one cipher, built on the first secret. */
export function commandLineVault(options: NodeVaultOptions): AppPorts['vault'] {
  return { single: { cipher: () => commandLineCipher(options) } };
}

/**
 * The browser mode's vault port: the CLI's (the OS keyring; the passphrase when
 * TOKEN_DESK_PASSPHRASE is set), plus a passphrase the user sets up or types in the page
 * (headless Linux without a Secret Service, where the keyring cannot protect anything).
 */
export function browserWindowVault(
  options: NodeVaultOptions & { passphraseCost?: ScryptCost },
): AppPorts['vault'] {
  return {
    window: {
      program: 'browser',
      osCiphers: () => [
        keyringCipherOption({
          keyring: options.keyring ?? createOsKeyring(),
          service: options.keyringService,
          label: 'OS keyring (shared with the command line)',
        }),
      ],
      envPassphrase: (options.env ?? process.env)[PASSPHRASE_ENV],
      passphraseCost: options.passphraseCost,
    },
  };
}

export interface OpenNodeVaultOptions extends NodeVaultOptions {
  home: string;
}

/** The command line's vault of one home. */
export function openNodeVault(options: OpenNodeVaultOptions): Promise<OpenedVault> {
  return createAppServices({
    ...nodeAppPorts({ home: options.home }),
    vault: commandLineVault(options),
  }).vault();
}

/** The browser mode's vault control of one home. */
export function openBrowserVaultControl(
  options: OpenNodeVaultOptions & { passphraseCost?: ScryptCost },
): VaultControl {
  return createAppServices({
    ...nodeAppPorts({ home: options.home }),
    vault: browserWindowVault(options),
  }).vaultControl();
}

/** The connection store of one home. */
export function openNodeStore(options: { home: string; clock: Clock }): ConnectionStore {
  return createAppServices({
    ...nodeAppPorts({ home: options.home, clock: options.clock }),
    vault: commandLineVault({}),
  }).store;
}
