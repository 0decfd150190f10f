// KeyringPort over @napi-rs/keyring: the OS keyring (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows). On Linux entries are pinned to the Secret Service: the library's
// default falls back to the kernel keyring, which forgets everything at logout or reboot, and a
// vault key kept there would make every secret unreadable the next day. Every failure (no D-Bus
// session, no Secret Service, a locked collection) becomes keyring_unavailable. The native binding
// loads on first use: commands that need no secret (list, --help) do not pay for it, and a
// binding that cannot load on this machine is keyring_unavailable too, not a crash at start-up.

import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import { keyringUnavailableError, type KeyringPort } from '../../core/vault/keyring-cipher.js';

export interface OsKeyringOptions {
  platform?: NodeJS.Platform;
}

export function createOsKeyring(options: OsKeyringOptions = {}): KeyringPort {
  const platform = options.platform ?? process.platform;
  const entryOptions: EntryOptions | undefined =
    platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

  const call = async <T>(
    action: (entry: AsyncEntry) => Promise<T>,
    service: string,
    account: string,
  ): Promise<T> => {
    try {
      const { AsyncEntry: Entry } = await import('@napi-rs/keyring');
      return await action(new Entry(service, account, entryOptions));
    } catch (error) {
      // The library's text (a D-Bus error, say) is for diagnosis only: details, not the message.
      throw keyringUnavailableError({
        technical: error instanceof Error ? error.message : undefined,
        system: keyringSystem(platform),
        cause: error,
      });
    }
  };

  return {
    label: keyringLabel(platform),
    get: (service, account) =>
      call((entry) => entry.getPassword(), service, account).then((value) => value ?? null),
    set: (service, account, value) => call((entry) => entry.setPassword(value), service, account),
    delete: (service, account) => call((entry) => entry.deleteCredential(), service, account),
  };
}

/** The keyring's name as the user may know it. */
function keyringSystem(platform: NodeJS.Platform): string | undefined {
  switch (platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    case 'linux':
      return 'Secret Service';
    default:
      return undefined;
  }
}

function keyringLabel(platform: NodeJS.Platform): string {
  const system = keyringSystem(platform);
  return system ? `OS keyring (${system})` : 'OS keyring';
}
