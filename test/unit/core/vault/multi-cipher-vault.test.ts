// One vault file shared by programs with different ciphers (the desktop app: safeStorage; the
// CLI: the OS keyring), modelled as two vault instances on one memory disk and one keyring.

import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import type { Cipher } from '../../../../main/core/vault/cipher.js';
import {
  createEncryptedVault,
  groupByAccountFolder,
  type VaultDocument,
} from '../../../../main/core/vault/encrypted-vault.js';
import { createKeyringCipher } from '../../../../main/core/vault/keyring-cipher.js';
import { createPassphraseCipher } from '../../../../main/core/vault/passphrase-cipher.js';
import {
  createSafeStorageCipher,
  type SafeStoragePort,
} from '../../../../main/core/vault/safe-storage-cipher.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
  type MemoryDisk,
} from '../../../support/memory-document-store.js';
import { createMemoryKeyring, type MemoryKeyring } from '../../../support/memory-keyring.js';
import { rejection } from '../../../support/typed-errors.js';

const PATH = '/home/u/.token-desk/vault.json';
const SERVICE = 'token-desk';
const cheap = { N: 2 ** 10, r: 8, p: 1 };
const CLI_SECRET = '1000.cli-made-refresh-token-0123456789abcdef';
const APP_SECRET = '1000.app-made-refresh-token-fedcba9876543210';

/** safeStorage with a reversible stand-in for the OS encryption, that can be made to fail. */
function fakeSafeStorage() {
  const state = { failDecrypt: false, encrypts: 0 };
  const port: SafeStoragePort = {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => {
      state.encrypts += 1;
      return Buffer.from(`os|${Buffer.from(plain).toString('hex')}`);
    },
    decryptStringAsync: async (sealed) => {
      if (state.failDecrypt) throw new Error('Error while decrypting the ciphertext provided');
      const [tag, hex] = sealed.toString().split('|');
      if (tag !== 'os') throw new Error('not ours');
      return { result: Buffer.from(hex!, 'hex').toString(), shouldReEncrypt: false };
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };
  return { state, port };
}

interface World {
  disk: MemoryDisk;
  keyring: MemoryKeyring;
  safe: ReturnType<typeof fakeSafeStorage>;
  lock: ReturnType<typeof createMemoryLock>;
}

function world(): World {
  return {
    disk: createMemoryDisk(),
    keyring: createMemoryKeyring(),
    safe: fakeSafeStorage(),
    lock: createMemoryLock(),
  };
}

function vaultOf(w: World, ciphers: (w: World) => Cipher[]) {
  const document = createMemoryDocumentStore(w.disk, PATH);
  return { document, vault: createEncryptedVault({ document, lock: w.lock, ciphers: ciphers(w) }) };
}
const keyringCipher = (w: World) => createKeyringCipher({ keyring: w.keyring });
const safeCipher = (w: World) => createSafeStorageCipher({ safeStorage: w.safe.port });
/** The desktop app: safeStorage first, the CLI's keyring cipher beside it. */
const desktop = (w: World) => vaultOf(w, (x) => [safeCipher(x), keyringCipher(x)]);
/** The command line: the keyring cipher only. */
const cli = (w: World) => vaultOf(w, (x) => [keyringCipher(x)]);

const raw = (w: World) => JSON.parse(w.disk.get(PATH)!) as VaultDocument;
const envelopeOf = (w: World, account: string) => raw(w).entries[SERVICE]![account]!;

describe('a vault with several ciphers', () => {
  it('reads a CLI-made connection in the app, and keeps sealing it with the keyring so the CLI still reads it', async () => {
    const w = world();
    await cli(w).vault.setPassword(SERVICE, 'conn-cli/client_secret', 'cli-client-secret');
    await cli(w).vault.setPassword(SERVICE, 'conn-cli/refresh_token', CLI_SECRET);

    const app = desktop(w).vault;
    expect(app.cipherId).toBe('safestorage');
    await expect(app.getPassword(SERVICE, 'conn-cli/refresh_token')).resolves.toBe(CLI_SECRET);
    // The app refreshes: a new access token (a new account of the same connection), and a
    // rotated refresh token (an existing account).
    await app.setPassword(SERVICE, 'conn-cli/access_token', 'app-refreshed-access-token');
    await app.setPassword(SERVICE, 'conn-cli/refresh_token', `${CLI_SECRET}-rotated`);
    expect(envelopeOf(w, 'conn-cli/access_token')).toMatch(/^td1:keyring:/);
    expect(envelopeOf(w, 'conn-cli/refresh_token')).toMatch(/^td1:keyring:/);
    expect(w.safe.state.encrypts).toBe(0);

    const again = cli(w).vault;
    await expect(again.getPassword(SERVICE, 'conn-cli/access_token')).resolves.toBe(
      'app-refreshed-access-token',
    );
    await expect(again.getPassword(SERVICE, 'conn-cli/refresh_token')).resolves.toBe(
      `${CLI_SECRET}-rotated`,
    );
  });

  it('seals a new connection with the primary cipher, and its later values with the same one', async () => {
    const w = world();
    const app = desktop(w).vault;
    await app.setPassword(SERVICE, 'conn-app/client_secret', 'app-client-secret');
    await app.setPassword(SERVICE, 'conn-app/refresh_token', APP_SECRET);
    expect(envelopeOf(w, 'conn-app/client_secret')).toMatch(/^td1:safestorage:/);
    expect(envelopeOf(w, 'conn-app/refresh_token')).toMatch(/^td1:safestorage:/);
    await expect(app.findCredentials(SERVICE)).resolves.toHaveLength(2);
  });

  it('gives the CLI a plain-language error for a value only the desktop app can open, and writes nothing', async () => {
    const w = world();
    await desktop(w).vault.setPassword(SERVICE, 'conn-app/refresh_token', APP_SECRET);
    const before = w.disk.get(PATH);
    const error = await rejection(cli(w).vault.getPassword(SERVICE, 'conn-app/refresh_token'));
    expect(error.code).toBe('secret_unreadable');
    expect(error.message).toContain('conn-app/refresh_token');
    expect(error.message).toContain('Token Desk desktop app');
    expect(error.message).toContain('Electron safeStorage, which only the app can open');
    expect(error.remedy).toContain('Settings → Share with the command line');
    expect(error.details).toMatchObject({
      reason: 'other_cipher',
      storedWith: 'safestorage',
      activeCipher: 'keyring',
    });
    expect(`${error.message} ${error.remedy}`).not.toContain(APP_SECRET);
    expect(w.disk.get(PATH)).toBe(before);
  });

  it('a value for a connection sealed by a cipher this program lacks goes to the primary; nothing is overwritten', async () => {
    const w = world();
    await desktop(w).vault.setPassword(SERVICE, 'conn-app/refresh_token', APP_SECRET);
    await cli(w).vault.setPassword(SERVICE, 'conn-app/access_token', 'cli-access');
    expect(envelopeOf(w, 'conn-app/access_token')).toMatch(/^td1:keyring:/);
    await expect(desktop(w).vault.getPassword(SERVICE, 'conn-app/refresh_token')).resolves.toBe(
      APP_SECRET,
    );
  });

  it('lists entries with their cipher, without keys or values', async () => {
    const w = world();
    await cli(w).vault.setPassword(SERVICE, 'a/refresh_token', CLI_SECRET);
    await desktop(w).vault.setPassword(SERVICE, 'b/refresh_token', APP_SECRET);
    const keyCalls = { ...w.keyring.calls };
    const entries = desktop(w).vault.listEntries();
    expect(entries).toEqual([
      { service: SERVICE, account: 'a/refresh_token', cipherId: 'keyring' },
      { service: SERVICE, account: 'b/refresh_token', cipherId: 'safestorage' },
    ]);
    expect(w.keyring.calls).toEqual(keyCalls);
  });

  it('setCiphers changes the cipher of new connections only', async () => {
    const w = world();
    const { vault } = desktop(w);
    await vault.setPassword(SERVICE, 'old/client_secret', 'x');
    vault.setCiphers([keyringCipher(w), safeCipher(w)]);
    expect(vault.cipherId).toBe('keyring');
    expect(vault.cipherIds()).toEqual(['keyring', 'safestorage']);
    await vault.setPassword(SERVICE, 'old/refresh_token', 'y');
    await vault.setPassword(SERVICE, 'new/client_secret', 'z');
    expect(envelopeOf(w, 'old/refresh_token')).toMatch(/^td1:safestorage:/);
    expect(envelopeOf(w, 'new/client_secret')).toMatch(/^td1:keyring:/);
    expect(() => vault.setCiphers([])).toThrow(TokenDeskError);
    expect(() => vault.setCiphers([keyringCipher(w), keyringCipher(w)])).toThrow(TokenDeskError);
    expect(vault.cipherIds()).toEqual(['keyring', 'safestorage']);
  });

  it('groups accounts by their folder: one connection, one cipher', () => {
    expect(groupByAccountFolder('s', 'c1/refresh_token')).toBe(
      groupByAccountFolder('s', 'c1/access_token'),
    );
    expect(groupByAccountFolder('s', 'c1/refresh_token')).not.toBe(
      groupByAccountFolder('s', 'c2/refresh_token'),
    );
    expect(groupByAccountFolder('s', 'c1/x')).not.toBe(groupByAccountFolder('t', 'c1/x'));
    expect(groupByAccountFolder('s', 'plain')).not.toBe(groupByAccountFolder('s', 'other'));
  });
});

describe('re-sealing (Share with the command line)', () => {
  it('re-seals the selected entries with the keyring in one write, so the CLI can open them', async () => {
    const w = world();
    const { vault, document } = desktop(w);
    await vault.setPassword(SERVICE, 'one/client_secret', 'one-secret');
    await vault.setPassword(SERVICE, 'one/refresh_token', APP_SECRET);
    await vault.setPassword(SERVICE, 'two/refresh_token', 'two-refresh');
    const writes = document.writes;

    const resealed = await vault.reseal('keyring', (_s, account) => account.startsWith('one/'));
    expect(resealed).toEqual([
      { service: SERVICE, account: 'one/client_secret' },
      { service: SERVICE, account: 'one/refresh_token' },
    ]);
    expect(document.writes).toBe(writes + 1);
    expect(envelopeOf(w, 'one/refresh_token')).toMatch(/^td1:keyring:/);
    expect(envelopeOf(w, 'two/refresh_token')).toMatch(/^td1:safestorage:/);
    await expect(cli(w).vault.getPassword(SERVICE, 'one/refresh_token')).resolves.toBe(APP_SECRET);
    // The app keeps sealing that connection with the keyring from now on.
    await vault.setPassword(SERVICE, 'one/access_token', 'later');
    expect(envelopeOf(w, 'one/access_token')).toMatch(/^td1:keyring:/);
    // Again: nothing left to do, nothing written.
    await expect(vault.reseal('keyring', () => true)).resolves.toEqual([
      { service: SERVICE, account: 'two/refresh_token' },
    ]);
    await expect(vault.reseal('keyring', () => true)).resolves.toEqual([]);
  });

  it('changes nothing when one selected value cannot be opened', async () => {
    const w = world();
    const { vault } = desktop(w);
    await vault.setPassword(SERVICE, 'one/client_secret', 'one-secret');
    await vault.setPassword(SERVICE, 'one/refresh_token', APP_SECRET);
    const document = raw(w);
    document.entries[SERVICE]!['one/refresh_token'] = 'td1:safestorage:AAAA';
    w.disk.set(PATH, JSON.stringify(document));
    const before = w.disk.get(PATH);
    const keysBefore = w.keyring.entries.size;
    const error = await rejection(vault.reseal('keyring', () => true));
    expect(error.code).toBe('secret_unreadable');
    expect(w.disk.get(PATH)).toBe(before);
    expect(w.keyring.entries.size).toBe(keysBefore);
  });

  it('changes nothing when the keyring cannot be reached', async () => {
    const w = world();
    const { vault } = desktop(w);
    await vault.setPassword(SERVICE, 'one/refresh_token', APP_SECRET);
    const before = w.disk.get(PATH);
    w.keyring.failWith = new Error('Platform failure: DBus error: no session bus');
    expect((await rejection(vault.reseal('keyring', () => true))).code).toBe('keyring_unavailable');
    expect(w.disk.get(PATH)).toBe(before);
    await expect(vault.getPassword(SERVICE, 'one/refresh_token')).resolves.toBe(APP_SECRET);
  });

  it('refuses a cipher the vault does not have', async () => {
    const w = world();
    const { vault } = cli(w);
    await vault.setPassword(SERVICE, 'one/refresh_token', CLI_SECRET);
    const before = w.disk.get(PATH);
    expect((await rejection(vault.reseal('safestorage', () => true))).code).toBe(
      'cipher_not_available',
    );
    expect(w.disk.get(PATH)).toBe(before);
  });
});

describe('preparing a cipher (a new passphrase)', () => {
  it('writes the salt and key check before any secret, and then tells a wrong passphrase', async () => {
    const w = world();
    const { vault } = desktop(w);
    expect(vault.hasCipherParams('passphrase')).toBe(false);
    await vault.prepareCipher(
      createPassphraseCipher({ passphrase: 'right one here', cost: cheap }),
    );
    expect(vault.hasCipherParams('passphrase')).toBe(true);
    expect(raw(w).entries).toEqual({});
    expect(w.disk.get(PATH)).not.toContain('right one here');

    const before = w.disk.get(PATH);
    const wrong = createPassphraseCipher({ passphrase: 'wrong one', cost: cheap, source: 'typed' });
    const error = await rejection(vault.checkCipher(wrong));
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toBe(
      'That is not the passphrase your Token Desk secrets are protected with.',
    );
    expect(error.message + error.remedy).not.toContain('TOKEN_DESK_PASSPHRASE');
    expect((await rejection(vault.prepareCipher(wrong))).code).toBe('wrong_passphrase');
    expect(w.disk.get(PATH)).toBe(before);
    await expect(
      vault.checkCipher(createPassphraseCipher({ passphrase: 'right one here', cost: cheap })),
    ).resolves.toBeUndefined();
  });
});
