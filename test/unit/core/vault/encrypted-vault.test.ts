import { describe, expect, it } from 'vitest';
import type { Cipher } from '../../../../main/core/vault/cipher.js';
import {
  createEncryptedVault,
  VAULT_FORMAT,
  VAULT_LOCK_KEY,
  type VaultDocument,
} from '../../../../main/core/vault/encrypted-vault.js';
import {
  createKeyringCipher,
  keyringKeyAccount,
} from '../../../../main/core/vault/keyring-cipher.js';
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

const SERVICE = 'token-desk';
const REFRESH = 'conn-1/refresh_token';
const CLIENT_SECRET = 'conn-1/client_secret';
const SECRET = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
const cheap = { N: 2 ** 10, r: 8, p: 1 };

function setup(options: { disk?: MemoryDisk; cipher?: Cipher; keyring?: MemoryKeyring } = {}) {
  const disk = options.disk ?? createMemoryDisk();
  const keyring = options.keyring ?? createMemoryKeyring();
  const document = createMemoryDocumentStore(disk, '/home/u/.token-desk/vault.json');
  const lock = createMemoryLock();
  const cipher = options.cipher ?? createKeyringCipher({ keyring });
  const vault = createEncryptedVault({ document, cipher, lock });
  return { disk, keyring, document, lock, vault };
}

function rawDocument(disk: MemoryDisk): VaultDocument {
  return JSON.parse(disk.get('/home/u/.token-desk/vault.json')!) as VaultDocument;
}

describe('encrypted vault: keytar API', () => {
  it('stores, reads, overwrites and deletes values', async () => {
    const { vault } = setup();
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBeNull();
    await vault.setPassword(SERVICE, REFRESH, SECRET);
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBe(SECRET);
    await vault.setPassword(SERVICE, REFRESH, 'rotated');
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBe('rotated');
    await expect(vault.deletePassword(SERVICE, REFRESH)).resolves.toBe(true);
    await expect(vault.deletePassword(SERVICE, REFRESH)).resolves.toBe(false);
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBeNull();
  });

  it('finds all credentials of a service, and only that service', async () => {
    const { vault } = setup();
    await vault.setPassword(SERVICE, REFRESH, 'r');
    await vault.setPassword(SERVICE, CLIENT_SECRET, 'c');
    await vault.setPassword('other-app', 'x', 'o');
    const found = await vault.findCredentials(SERVICE);
    expect(found.sort((a, b) => a.account.localeCompare(b.account))).toEqual([
      { account: CLIENT_SECRET, password: 'c' },
      { account: REFRESH, password: 'r' },
    ]);
    await expect(vault.findCredentials('nobody')).resolves.toEqual([]);
  });

  it('reports its cipher', () => {
    const { vault } = setup();
    expect(vault.cipherId).toBe('keyring');
    expect(vault.describe()).toBe('in-memory keyring');
  });

  it('keeps names such as __proto__ as plain names', async () => {
    const { vault } = setup();
    await vault.setPassword('__proto__', 'constructor', 'v');
    await expect(vault.getPassword('__proto__', 'constructor')).resolves.toBe('v');
    await expect(vault.findCredentials('__proto__')).resolves.toEqual([
      { account: 'constructor', password: 'v' },
    ]);
  });

  it('needs no key to read a missing value or to delete', async () => {
    const keyring = createMemoryKeyring();
    const { vault } = setup({ keyring });
    await vault.setPassword(SERVICE, REFRESH, 'v');
    keyring.failWith = new Error('locked');
    await expect(vault.getPassword(SERVICE, 'absent')).resolves.toBeNull();
    await expect(vault.deletePassword(SERVICE, REFRESH)).resolves.toBe(true);
  });
});

describe('encrypted vault: what reaches the file', () => {
  it.each([
    ['keyring', () => createKeyringCipher({ keyring: createMemoryKeyring() })],
    ['passphrase', () => createPassphraseCipher({ passphrase: 'long enough pw', cost: cheap })],
  ])('never writes the secret in any readable form (%s cipher)', async (id, makeCipher) => {
    const { disk, vault } = setup({ cipher: makeCipher() });
    await vault.setPassword(SERVICE, REFRESH, SECRET);
    const raw = disk.get('/home/u/.token-desk/vault.json')!;
    for (const form of [
      SECRET,
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(SECRET).toString('base64url'),
      Buffer.from(SECRET).toString('hex'),
      'fedcba9876543210',
    ]) {
      expect(raw).not.toContain(form);
    }
    const document = rawDocument(disk);
    expect(document).toMatchObject({ format: VAULT_FORMAT, version: 1 });
    expect(Object.keys(document.ciphers)).toEqual([id]);
    expect(document.entries[SERVICE]![REFRESH]).toMatch(new RegExp(`^td1:${id}:`));
  });

  it('keeps the key id (keyring) and salt + key check (passphrase) as vault metadata', async () => {
    const disk = createMemoryDisk();
    const keyring = createMemoryKeyring();
    await setup({ disk, keyring }).vault.setPassword(SERVICE, REFRESH, 'v');
    const keyId = rawDocument(disk).ciphers.keyring!.keyId as string;
    expect(keyring.entries.has(`token-desk\u0000${keyringKeyAccount(keyId)}`)).toBe(true);

    const disk2 = createMemoryDisk();
    await setup({
      disk: disk2,
      cipher: createPassphraseCipher({ passphrase: 'long enough pw', cost: cheap }),
    }).vault.setPassword(SERVICE, REFRESH, 'v');
    expect(rawDocument(disk2).ciphers.passphrase).toMatchObject({
      kdf: 'scrypt',
      salt: expect.any(String),
      check: expect.any(String),
    });
  });

  it('writes under the vault lock', async () => {
    const { vault, lock } = setup();
    await vault.setPassword(SERVICE, REFRESH, 'v');
    await vault.deletePassword(SERVICE, REFRESH);
    expect(lock.acquired).toEqual([VAULT_LOCK_KEY, VAULT_LOCK_KEY]);
  });

  it('does not lose writes from two vault instances (two processes) on the same file', async () => {
    const disk = createMemoryDisk();
    const keyring = createMemoryKeyring();
    const document = (path = '/home/u/.token-desk/vault.json') =>
      createMemoryDocumentStore(disk, path);
    const lock = createMemoryLock(); // the shared file lock
    const a = createEncryptedVault({
      document: document(),
      cipher: createKeyringCipher({ keyring }),
      lock,
    });
    const b = createEncryptedVault({
      document: document(),
      cipher: createKeyringCipher({ keyring }),
      lock,
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        a.setPassword(SERVICE, `a-${i}`, `A${i}`),
        b.setPassword(SERVICE, `b-${i}`, `B${i}`),
      ]).flat(),
    );
    const found = await a.findCredentials(SERVICE);
    expect(found).toHaveLength(20);
    // Both instances share one vault key: the first writer created it, the second re-read it.
    expect(keyring.entries.size).toBe(1);
  });
});

describe('encrypted vault: values that cannot be read', () => {
  it('reports a value moved to another entry as secret_unreadable naming the entry, not the secret', async () => {
    const { disk, vault } = setup();
    await vault.setPassword(SERVICE, REFRESH, SECRET);
    await vault.setPassword(SERVICE, CLIENT_SECRET, 'client-secret-value');
    const document = rawDocument(disk);
    document.entries[SERVICE]![CLIENT_SECRET] = document.entries[SERVICE]![REFRESH]!;
    disk.set('/home/u/.token-desk/vault.json', JSON.stringify(document));

    const error = await rejection(vault.getPassword(SERVICE, CLIENT_SECRET));
    expect(error.code).toBe('secret_unreadable');
    expect(error.message).toContain(CLIENT_SECRET);
    expect(error.message).toContain('/home/u/.token-desk/vault.json');
    expect(error.details).toMatchObject({
      service: SERVICE,
      account: CLIENT_SECRET,
      reason: 'auth_failed',
    });
    expect(error.remedy).toMatch(/[Aa]uthorize the connection again/);
    expect(
      JSON.stringify({ ...error, message: error.message, remedy: error.remedy }),
    ).not.toContain(SECRET);
  });

  it('reports a tampered value, never garbage', async () => {
    const { disk, vault } = setup();
    await vault.setPassword(SERVICE, REFRESH, SECRET);
    const document = rawDocument(disk);
    const envelope = document.entries[SERVICE]![REFRESH]!;
    document.entries[SERVICE]![REFRESH] =
      `${envelope.slice(0, -6)}${envelope.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
    disk.set('/home/u/.token-desk/vault.json', JSON.stringify(document));
    expect((await rejection(vault.getPassword(SERVICE, REFRESH))).code).toBe('secret_unreadable');
  });

  it('reports a plaintext value written by hand as unreadable instead of returning it', async () => {
    const { disk, vault } = setup();
    await vault.setPassword(SERVICE, REFRESH, 'v');
    const document = rawDocument(disk);
    document.entries[SERVICE]![REFRESH] = 'my-plain-refresh-token';
    disk.set('/home/u/.token-desk/vault.json', JSON.stringify(document));
    const error = await rejection(vault.getPassword(SERVICE, REFRESH));
    expect(error.code).toBe('secret_unreadable');
    expect(error.message).not.toContain('my-plain-refresh-token');
  });

  it('reports a deleted keyring key as secret_unreadable with the keyring remedy', async () => {
    const { disk, keyring, vault } = setup();
    await vault.setPassword(SERVICE, REFRESH, SECRET);
    keyring.entries.clear();
    const error = await rejection(vault.getPassword(SERVICE, REFRESH));
    expect(error.code).toBe('secret_unreadable');
    expect(error.details.reason).toBe('key_missing');
    expect(error.message).toContain(REFRESH);
    expect(error.remedy).toMatch(/keyring/);
    // New values still work (under a new key); the unreadable one is kept, not deleted.
    await vault.setPassword(SERVICE, CLIENT_SECRET, 'fresh');
    await expect(vault.getPassword(SERVICE, CLIENT_SECRET)).resolves.toBe('fresh');
    expect(rawDocument(disk).entries[SERVICE]![REFRESH]).toBeDefined();
  });

  it('says which cipher wrote a value when another one is active', async () => {
    const disk = createMemoryDisk();
    await setup({ disk }).vault.setPassword(SERVICE, REFRESH, SECRET);
    const { vault } = setup({
      disk,
      cipher: createPassphraseCipher({ passphrase: 'long enough pw', cost: cheap }),
    });
    const error = await rejection(vault.getPassword(SERVICE, REFRESH));
    expect(error.code).toBe('secret_unreadable');
    expect(error.details).toMatchObject({
      reason: 'other_cipher',
      storedWith: 'keyring',
      activeCipher: 'passphrase',
    });
    expect(error.message).toMatch(/OS keyring/);
    expect(error.message).toMatch(/passphrase/);
    expect(error.remedy).not.toContain('TOKEN_DESK_PASSPHRASE');
    expect(error.cliHint).toBe('unset TOKEN_DESK_PASSPHRASE');
    // The passphrase cipher can still store values in the same vault; both ciphers' settings are kept.
    await vault.setPassword(SERVICE, CLIENT_SECRET, 'c');
    expect(Object.keys(rawDocument(disk).ciphers).sort()).toEqual(['keyring', 'passphrase']);
  });

  it('passes a locked keyring through as keyring_unavailable rather than blaming the value', async () => {
    const { keyring, vault } = setup();
    await vault.setPassword(SERVICE, REFRESH, 'v');
    keyring.failWith = new Error('Couldn\u2019t access platform storage: locked collection');
    expect((await rejection(vault.getPassword(SERVICE, REFRESH))).code).toBe('keyring_unavailable');
  });

  it('reports a wrong passphrase as wrong_passphrase on read and write, and changes nothing', async () => {
    const disk = createMemoryDisk();
    await setup({
      disk,
      cipher: createPassphraseCipher({ passphrase: 'the right passphrase', cost: cheap }),
    }).vault.setPassword(SERVICE, REFRESH, 'v');
    const before = disk.get('/home/u/.token-desk/vault.json');
    const { vault } = setup({
      disk,
      cipher: createPassphraseCipher({ passphrase: 'the wrong passphrase', cost: cheap }),
    });
    expect((await rejection(vault.getPassword(SERVICE, REFRESH))).code).toBe('wrong_passphrase');
    expect((await rejection(vault.setPassword(SERVICE, CLIENT_SECRET, 'x'))).code).toBe(
      'wrong_passphrase',
    );
    expect(disk.get('/home/u/.token-desk/vault.json')).toBe(before);
  });
});

describe('encrypted vault: no cipher, no write', () => {
  it('refuses writes when the keyring is unavailable and writes nothing at all', async () => {
    const { disk, keyring, vault } = setup();
    keyring.failWith = new Error('Platform failure: DBus error: no session bus');
    const error = await rejection(vault.setPassword(SERVICE, REFRESH, SECRET));
    expect(error.code).toBe('keyring_unavailable');
    expect(error.remedy).toMatch(/protect your secrets with a passphrase instead/);
    expect(error.cliHint).toContain('TOKEN_DESK_PASSPHRASE');
    expect(disk.size).toBe(0);
  });

  it('refuses writes when the desktop has no real OS encryption (basic_text)', async () => {
    const safeStorage: SafeStoragePort = {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s) => Buffer.from(s),
      decryptStringAsync: async (b) => ({ result: b.toString(), shouldReEncrypt: false }),
      getSelectedStorageBackend: () => 'basic_text',
    };
    const { disk, vault } = setup({ cipher: createSafeStorageCipher({ safeStorage }) });
    expect((await rejection(vault.setPassword(SERVICE, REFRESH, SECRET))).code).toBe(
      'weak_os_encryption',
    );
    expect(disk.size).toBe(0);
  });

  it('re-encrypts a value when the OS says its key was rotated', async () => {
    let rotated = false;
    const safeStorage: SafeStoragePort = {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s) =>
        Buffer.from(`${rotated ? 'v2' : 'v1'}|${Buffer.from(s).toString('hex')}`),
      decryptStringAsync: async (b) => {
        const [version, hex] = b.toString().split('|');
        return {
          result: Buffer.from(hex!, 'hex').toString(),
          shouldReEncrypt: rotated && version === 'v1',
        };
      },
    };
    const { disk, vault } = setup({ cipher: createSafeStorageCipher({ safeStorage }) });
    await vault.setPassword(SERVICE, REFRESH, 'v');
    const before = rawDocument(disk).entries[SERVICE]![REFRESH]!;
    rotated = true;
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBe('v');
    const after = rawDocument(disk).entries[SERVICE]![REFRESH]!;
    expect(after).not.toBe(before);
    expect(Buffer.from(after.split(':')[2]!, 'base64url').toString()).toMatch(/^v2\|/);
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBe('v');
  });
});

describe('encrypted vault: the file itself', () => {
  it('refuses a vault from a newer version and leaves it untouched', async () => {
    const disk = createMemoryDisk();
    const newer = JSON.stringify({
      format: VAULT_FORMAT,
      version: 2,
      ciphers: {},
      entries: {},
      future: true,
    });
    disk.set('/home/u/.token-desk/vault.json', newer);
    const { vault } = setup({ disk });
    expect((await rejection(vault.getPassword(SERVICE, REFRESH))).code).toBe('vault_newer_version');
    expect((await rejection(vault.setPassword(SERVICE, REFRESH, 'v'))).code).toBe(
      'vault_newer_version',
    );
    expect(disk.get('/home/u/.token-desk/vault.json')).toBe(newer);
  });

  it.each([
    ['not a vault', { hello: 'world' }],
    ['a bare array', []],
    [
      'an entry that is not text',
      { format: VAULT_FORMAT, version: 1, ciphers: {}, entries: { s: { a: 5 } } },
    ],
  ])(
    'refuses %s as vault_invalid naming the file, and leaves it untouched',
    async (_what, content) => {
      const disk = createMemoryDisk();
      disk.set('/home/u/.token-desk/vault.json', JSON.stringify(content));
      const { vault } = setup({ disk });
      const error = await rejection(vault.setPassword(SERVICE, REFRESH, 'v'));
      expect(error.code).toBe('vault_invalid');
      expect(error.message).toContain('/home/u/.token-desk/vault.json');
      expect(disk.get('/home/u/.token-desk/vault.json')).toBe(JSON.stringify(content));
    },
  );
});
