// The window's say over the vault: the passphrase offer (set up, recorded, unlocked at the next
// start), the choice of the cipher for new connections, and Share with the command line. Memory
// documents and keyring; safeStorage faked with a chosen backend.

import { describe, expect, it } from 'vitest';
import {
  createEncryptedVault,
  type VaultDocument,
} from '../../../../main/core/vault/encrypted-vault.js';
import { createKeyringCipher } from '../../../../main/core/vault/keyring-cipher.js';
import { createSafeStorageCipher } from '../../../../main/core/vault/safe-storage-cipher.js';
import type { SafeStoragePort } from '../../../../main/core/vault/safe-storage-cipher.js';
import {
  createVaultControl,
  keyringCipherOption,
  type CipherChoicePort,
  type OsCipherOption,
  type VaultCipherId,
} from '../../../../main/core/vault/vault-control.js';
import { createSettingsStore } from '../../../../main/core/settings/settings-store.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
  type MemoryDisk,
} from '../../../support/memory-document-store.js';
import { createMemoryKeyring, type MemoryKeyring } from '../../../support/memory-keyring.js';
import { rejection } from '../../../support/typed-errors.js';

const VAULT = '/home/u/.token-desk/vault.json';
const SETTINGS = '/home/u/.token-desk/settings.json';
const SERVICE = 'token-desk';
const cheap = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'seven purple kites at dawn';

function safeStoragePort(backend: () => string): SafeStoragePort {
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => Buffer.from(`os|${Buffer.from(plain).toString('hex')}`),
    decryptStringAsync: async (sealed) => ({
      result: Buffer.from(sealed.toString().split('|')[1]!, 'hex').toString(),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: backend,
  };
}

interface World {
  disk: MemoryDisk;
  keyring: MemoryKeyring;
  backend: string;
  lock: ReturnType<typeof createMemoryLock>;
}

function world(backend = 'gnome_libsecret'): World {
  return {
    disk: createMemoryDisk(),
    keyring: createMemoryKeyring(),
    backend,
    lock: createMemoryLock(),
  };
}

/** One start of the desktop app on this world's files. */
function desktop(w: World, env: { passphrase?: string } = {}) {
  const settings = createSettingsStore(createMemoryDocumentStore(w.disk, SETTINGS));
  const port = safeStoragePort(() => w.backend);
  const safe = createSafeStorageCipher({ safeStorage: port });
  const osCiphers: OsCipherOption[] = [
    {
      id: 'safestorage',
      label: 'This app only (Electron safeStorage)',
      cipher: safe,
      problem: async () =>
        w.backend === 'basic_text' ? 'No keyring: Electron would use a fixed key.' : undefined,
    },
    keyringCipherOption({ keyring: w.keyring, label: 'Shared with the command line (OS keyring)' }),
  ];
  const choice: CipherChoicePort = {
    get: () => settings.get().vaultCipher?.desktop,
    set: async (id: VaultCipherId) => {
      await settings.set({ vaultCipher: { ...settings.get().vaultCipher, desktop: id } });
    },
  };
  const control = createVaultControl({
    program: 'desktop',
    document: createMemoryDocumentStore(w.disk, VAULT),
    lock: w.lock,
    osCiphers,
    choice,
    envPassphrase: env.passphrase,
    passphraseCost: cheap,
  });
  return { control, vault: control.vault, settings };
}

const rawVault = (w: World) => JSON.parse(w.disk.get(VAULT)!) as VaultDocument;
const envelopeOf = (w: World, account: string) => rawVault(w).entries[SERVICE]![account]!;

describe('vault control: defaults', () => {
  it('seals new connections with safeStorage, offers the keyring and the passphrase', async () => {
    const w = world();
    const { control, vault } = desktop(w);
    const status = await control.status();
    expect(status).toMatchObject({
      program: 'desktop',
      primary: 'safestorage',
      secure: true,
      locked: false,
      passphrase: 'none',
      passphraseFromEnv: false,
      passphraseMinLength: 10,
      canShareWithCli: true,
    });
    expect(status.warning).toBeUndefined();
    expect(status.choices.map((c) => [c.id, c.available])).toEqual([
      ['safestorage', true],
      ['keyring', true],
      ['passphrase', true],
    ]);
    expect(vault.cipherIds()).toEqual(['safestorage', 'keyring', 'passphrase']);
    await vault.setPassword(SERVICE, 'c1/client_secret', 's');
    expect(envelopeOf(w, 'c1/client_secret')).toMatch(/^td1:safestorage:/);
  });

  it('without a reachable keyring: cannot choose it or share, and says why', async () => {
    const w = world();
    w.keyring.failWith = new Error('Platform failure: DBus error: no session bus');
    const { control } = desktop(w);
    const status = await control.status();
    expect(status.canShareWithCli).toBe(false);
    const keyring = status.choices.find((c) => c.id === 'keyring')!;
    expect(keyring.available).toBe(false);
    expect(keyring.reason).toMatch(/^Token Desk could not reach your system's keyring, /);
    expect(keyring.reason).not.toMatch(/DBus|session bus/);
    expect((await rejection(control.choose('keyring'))).code).toBe('cipher_unavailable');
    expect((await rejection(control.shareWithCommandLine(() => true))).code).toBe(
      'keyring_unavailable',
    );
    expect((await rejection(control.shareConnectionsWithCommandLine())).code).toBe(
      'keyring_unavailable',
    );
  });
});

describe('vault control: the passphrase offer', () => {
  it('on basic_text: insecure with a warning; a passphrase makes it secure and is recorded, never written', async () => {
    const w = world('basic_text');
    const { control, vault } = desktop(w);
    const before = await control.status();
    expect(before).toMatchObject({ primary: 'safestorage', secure: false });
    expect(before.warning).toContain('fixed key');
    expect((await rejection(vault.setPassword(SERVICE, 'c1/client_secret', 's'))).code).toBe(
      'weak_os_encryption',
    );

    await control.createPassphrase(PASSPHRASE);
    const after = await control.status();
    expect(after).toMatchObject({
      primary: 'passphrase',
      secure: true,
      locked: false,
      passphrase: 'unlocked',
    });
    expect(after.warning).toBeUndefined();
    await vault.setPassword(SERVICE, 'c1/client_secret', 'client-secret-value');
    expect(envelopeOf(w, 'c1/client_secret')).toMatch(/^td1:passphrase:/);

    const settingsText = w.disk.get(SETTINGS)!;
    expect(JSON.parse(settingsText)).toMatchObject({ vaultCipher: { desktop: 'passphrase' } });
    for (const text of [settingsText, w.disk.get(VAULT)!]) {
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain('client-secret-value');
    }
  });

  it('at the next start: locked until the passphrase is typed; a wrong one is refused and can be retried', async () => {
    const w = world('basic_text');
    const first = desktop(w);
    await first.control.createPassphrase(PASSPHRASE);
    await first.vault.setPassword(SERVICE, 'c1/refresh_token', 'refresh-value');

    const { control, vault } = desktop(w);
    expect(await control.status()).toMatchObject({
      primary: 'passphrase',
      locked: true,
      passphrase: 'locked',
    });
    const locked = await rejection(vault.getPassword(SERVICE, 'c1/refresh_token'));
    expect(locked.code).toBe('vault_locked');
    expect(locked.remedy).toMatch(/Enter your passphrase/);
    expect((await rejection(vault.setPassword(SERVICE, 'c2/client_secret', 'x'))).code).toBe(
      'vault_locked',
    );

    const wrong = await rejection(control.unlock('seven purple kites at dusk'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toBe(
      'That is not the passphrase your Token Desk secrets are protected with.',
    );
    expect(`${wrong.message} ${wrong.remedy}`).not.toContain('kites');
    expect((await control.status()).locked).toBe(true);

    await control.unlock(PASSPHRASE);
    expect(await control.status()).toMatchObject({ locked: false, passphrase: 'unlocked' });
    await expect(vault.getPassword(SERVICE, 'c1/refresh_token')).resolves.toBe('refresh-value');
  });

  it('refuses a passphrase that is too short, and records nothing', async () => {
    const w = world('basic_text');
    const { control, settings } = desktop(w);
    const error = await rejection(control.createPassphrase('short one'));
    expect(error.code).toBe('passphrase_too_short');
    expect(error.message).toContain('10 characters');
    expect(settings.get().vaultCipher).toBeUndefined();
    expect(w.disk.get(VAULT)).toBeUndefined();
    expect((await control.status()).primary).toBe('safestorage');
  });

  it('a second "create" with another passphrase does not replace the first', async () => {
    const w = world('basic_text');
    await desktop(w).control.createPassphrase(PASSPHRASE);
    const before = w.disk.get(VAULT);
    const { control } = desktop(w);
    expect((await rejection(control.createPassphrase('an entirely different one'))).code).toBe(
      'wrong_passphrase',
    );
    expect(w.disk.get(VAULT)).toBe(before);
  });

  it('unlock without a passphrase set up says to set one up', async () => {
    const { control } = desktop(world());
    expect((await rejection(control.unlock(PASSPHRASE))).code).toBe('passphrase_not_set');
  });

  it('TOKEN_DESK_PASSPHRASE still works: the run uses it, even on basic_text, and the window cannot change that', async () => {
    const w = world('basic_text');
    const { control, vault } = desktop(w, { passphrase: 'from the environment' });
    const status = await control.status();
    expect(status).toMatchObject({
      primary: 'passphrase',
      secure: true,
      locked: false,
      passphrase: 'unlocked',
      passphraseFromEnv: true,
    });
    expect(status.warning).toBeUndefined();
    expect(status.description).toContain('TOKEN_DESK_PASSPHRASE');
    expect(status.choices.every((c) => !c.available)).toBe(true);
    await vault.setPassword(SERVICE, 'c1/client_secret', 's');
    expect(envelopeOf(w, 'c1/client_secret')).toMatch(/^td1:passphrase:/);
    expect((await rejection(control.choose('keyring'))).code).toBe('passphrase_from_env');
    expect((await rejection(control.createPassphrase(PASSPHRASE))).code).toBe(
      'passphrase_from_env',
    );
  });
});

describe('vault control: choosing and sharing', () => {
  it('"Shared with the command line" seals new connections with the keyring, also at the next start', async () => {
    const w = world();
    const { control, vault } = desktop(w);
    await vault.setPassword(SERVICE, 'old/client_secret', 'a');
    await control.choose('keyring');
    expect((await control.status()).primary).toBe('keyring');
    await vault.setPassword(SERVICE, 'new/client_secret', 'b');
    await vault.setPassword(SERVICE, 'old/refresh_token', 'c');
    expect(envelopeOf(w, 'new/client_secret')).toMatch(/^td1:keyring:/);
    expect(envelopeOf(w, 'old/refresh_token')).toMatch(/^td1:safestorage:/);

    const next = desktop(w);
    expect((await next.control.status()).primary).toBe('keyring');
    // The CLI (keyring only) opens the new one.
    const cliCipher = createKeyringCipher({ keyring: w.keyring });
    const cli = createEncryptedVault({
      document: createMemoryDocumentStore(w.disk, VAULT),
      lock: w.lock,
      cipher: cliCipher,
    });
    await expect(cli.getPassword(SERVICE, 'new/client_secret')).resolves.toBe('b');
  });

  it('choosing the passphrase needs it entered first', async () => {
    const { control } = desktop(world());
    expect((await rejection(control.choose('passphrase'))).code).toBe('passphrase_needed');
    expect((await control.status()).primary).toBe('safestorage');
  });

  it('a recorded choice the program cannot offer falls back to the default', async () => {
    const w = world();
    await createSettingsStore(createMemoryDocumentStore(w.disk, SETTINGS)).set({
      vaultCipher: { desktop: 'keyring' },
    });
    const settings = createSettingsStore(createMemoryDocumentStore(w.disk, SETTINGS));
    const control = createVaultControl({
      program: 'desktop',
      document: createMemoryDocumentStore(w.disk, VAULT),
      lock: w.lock,
      osCiphers: [
        {
          id: 'safestorage',
          label: 'This app only',
          cipher: createSafeStorageCipher({ safeStorage: safeStoragePort(() => 'kwallet5') }),
          problem: async () => undefined,
        },
      ],
      choice: { get: () => settings.get().vaultCipher?.desktop, set: async () => undefined },
    });
    expect((await control.status()).primary).toBe('safestorage');
  });

  it('Share with the command line re-seals the selected connections with the keyring', async () => {
    const w = world();
    const { control, vault } = desktop(w);
    await vault.setPassword(SERVICE, 'one/refresh_token', 'r1');
    await vault.setPassword(SERVICE, 'two/refresh_token', 'r2');
    const shared = await control.shareWithCommandLine((_s, account) => account.startsWith('one/'));
    expect(shared).toEqual([{ service: SERVICE, account: 'one/refresh_token' }]);
    expect(envelopeOf(w, 'one/refresh_token')).toMatch(/^td1:keyring:/);
    expect(envelopeOf(w, 'two/refresh_token')).toMatch(/^td1:safestorage:/);
    await expect(vault.getPassword(SERVICE, 'one/refresh_token')).resolves.toBe('r1');
  });

  it('Share with the command line, by connection: one connection, then all the others', async () => {
    const w = world();
    const { control, vault } = desktop(w);
    await vault.connection('one').set('refresh_token', 'r1');
    await vault.connection('two').set('refresh_token', 'r2');
    await expect(control.shareConnectionsWithCommandLine('one')).resolves.toEqual(['one']);
    expect(envelopeOf(w, 'one/refresh_token')).toMatch(/^td1:keyring:/);
    expect(envelopeOf(w, 'two/refresh_token')).toMatch(/^td1:safestorage:/);
    await expect(control.shareConnectionsWithCommandLine()).resolves.toEqual(['two']);
    await expect(vault.connection('two').get('refresh_token')).resolves.toBe('r2');
  });
});
