// The per-connection view of the vault: secrets by kind, stored under the same entry names as
// before (service "token-desk", account "<connection id>/<kind>"), so existing vault files open.

import { describe, expect, it } from 'vitest';
import {
  ciphersByConnection,
  connectionIdOfEntry,
  connectionSecrets,
  entryAccount,
} from '../../../../main/core/vault/connection-secrets.js';
import {
  createEncryptedVault,
  type VaultDocument,
} from '../../../../main/core/vault/encrypted-vault.js';
import { createKeyringCipher } from '../../../../main/core/vault/keyring-cipher.js';
import { createPassphraseCipher } from '../../../../main/core/vault/passphrase-cipher.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
} from '../../../support/memory-document-store.js';
import { createMemoryKeyring } from '../../../support/memory-keyring.js';
import { InMemoryVault } from '../../../support/fakes.js';

const PATH = '/home/u/.token-desk/vault.json';
const cheap = { N: 2 ** 10, r: 8, p: 1 };

function setup() {
  const disk = createMemoryDisk();
  const keyring = createMemoryKeyring();
  const lock = createMemoryLock();
  const document = createMemoryDocumentStore(disk, PATH);
  const passphrase = createPassphraseCipher({ passphrase: 'correct horse battery', cost: cheap });
  const keyringCipher = createKeyringCipher({ keyring });
  const vault = createEncryptedVault({ document, lock, ciphers: [keyringCipher, passphrase] });
  const raw = () => JSON.parse(disk.get(PATH)!) as VaultDocument;
  return { vault, raw, keyringCipher, passphrase };
}

describe('a connection’s secrets', () => {
  it('gets, sets and deletes by kind, under the entry names existing vault files use', async () => {
    const { vault, raw } = setup();
    const secrets = vault.connection('conn-1');
    await expect(secrets.get('refresh_token')).resolves.toBeNull();
    await secrets.set('refresh_token', '1000.refresh');
    await secrets.set('client_secret', 'client-secret');
    await expect(secrets.get('refresh_token')).resolves.toBe('1000.refresh');
    expect(Object.keys(raw().entries['token-desk']!).sort()).toEqual([
      'conn-1/client_secret',
      'conn-1/refresh_token',
    ]);
    // The keytar-style API sees the same entries.
    await expect(vault.getPassword('token-desk', 'conn-1/client_secret')).resolves.toBe(
      'client-secret',
    );
    await expect(secrets.delete('refresh_token')).resolves.toBe(true);
    await expect(secrets.delete('refresh_token')).resolves.toBe(false);
    await expect(secrets.get('refresh_token')).resolves.toBeNull();
  });

  it('deleteAll removes every kind of this connection and nothing of another', async () => {
    const { vault, raw } = setup();
    await vault.connection('a').set('client_secret', 'a-secret');
    await vault.connection('a').set('access_token', 'a-access');
    await vault.connection('b').set('client_secret', 'b-secret');
    await vault.connection('a').deleteAll();
    expect(Object.keys(raw().entries['token-desk']!)).toEqual(['b/client_secret']);
    await expect(vault.connection('b').get('client_secret')).resolves.toBe('b-secret');
  });

  it('names the ciphers that sealed a connection, without reading a key', async () => {
    const { vault, keyringCipher, passphrase } = setup();
    await vault.connection('a').set('client_secret', 'x');
    vault.setCiphers([passphrase, keyringCipher]);
    await vault.connection('b').set('client_secret', 'y');
    expect(vault.connection('a').ciphers()).toEqual(['keyring']);
    expect(vault.connection('b').ciphers()).toEqual(['passphrase']);
    expect(vault.connection('c').ciphers()).toEqual([]);
    expect(vault.connectionCiphers()).toEqual(
      new Map([
        ['a', ['keyring']],
        ['b', ['passphrase']],
      ]),
    );
  });

  it('re-seals the secrets of one connection, or of all, and says which connections changed', async () => {
    const { vault, raw, keyringCipher, passphrase } = setup();
    vault.setCiphers([passphrase, keyringCipher]);
    await vault.connection('a').set('client_secret', 'a-secret');
    await vault.connection('a').set('refresh_token', 'a-refresh');
    await vault.connection('b').set('client_secret', 'b-secret');
    await vault.setPassword('other-app', 'a/client_secret', 'not a connection');
    await expect(vault.resealConnections('keyring', 'a')).resolves.toEqual(['a']);
    expect(vault.connection('a').ciphers()).toEqual(['keyring']);
    expect(vault.connection('b').ciphers()).toEqual(['passphrase']);
    await expect(vault.resealConnections('keyring')).resolves.toEqual(['b']);
    expect(raw().entries['other-app']!['a/client_secret']).toMatch(/^td1:passphrase:/);
    await expect(vault.connection('b').get('client_secret')).resolves.toBe('b-secret');
  });

  it('works over any keytar-style vault (test doubles), with no cipher to name', async () => {
    const inner = new InMemoryVault();
    const secrets = connectionSecrets(inner, 'conn-1');
    await secrets.set('access_token', 'token');
    expect(inner.secret('conn-1', 'access_token')).toBe('token');
    expect(secrets.ciphers()).toEqual([]);
  });
});

/** A vault.json written before the vault was split into files (passphrase "correct horse battery"). */
const VAULT_WRITTEN_BEFORE = {
  format: 'token-desk-vault',
  version: 1,
  ciphers: {
    passphrase: {
      kdf: 'scrypt',
      N: 1024,
      r: 8,
      p: 1,
      salt: 'c4OVPnyrtfIDljKZMXIJIg',
      check: 'NlpuJXxEy47rITGteP4cIPN3BxyAPiOAyK3kwJOpn5w',
    },
  },
  entries: {
    'token-desk': {
      'conn-old/client_secret':
        'td1:passphrase:1AwclCylJFw_F_mU4NiZEzDIEjMBRvXrA15d56e9TTFfqN7wpe9I339GN4bp',
      'conn-old/refresh_token':
        'td1:passphrase:1bQzbm8zmkvQF24M3z2ItszQlDurI9scmSYSruUxbrEEhRfRLLmehcW_sPA',
    },
  },
};

describe('a vault file written by an earlier version', () => {
  it('opens through the per-connection view, and a new value is written in the same shape', async () => {
    const disk = createMemoryDisk();
    disk.set(PATH, JSON.stringify(VAULT_WRITTEN_BEFORE));
    const passphrase = createPassphraseCipher({ passphrase: 'correct horse battery', cost: cheap });
    const vault = createEncryptedVault({
      document: createMemoryDocumentStore(disk, PATH),
      lock: createMemoryLock(),
      ciphers: [passphrase],
    });
    const secrets = vault.connection('conn-old');
    await expect(secrets.get('client_secret')).resolves.toBe('old-client-secret');
    await expect(secrets.get('refresh_token')).resolves.toBe('1000.old-refresh');
    expect(secrets.ciphers()).toEqual(['passphrase']);
    await secrets.set('access_token', 'new-access');
    const after = JSON.parse(disk.get(PATH)!) as VaultDocument;
    expect(after.ciphers).toEqual(VAULT_WRITTEN_BEFORE.ciphers);
    expect(after.entries['token-desk']).toMatchObject(VAULT_WRITTEN_BEFORE.entries['token-desk']);
    expect(after.entries['token-desk']!['conn-old/access_token']).toMatch(/^td1:passphrase:/);
  });
});

describe('vault entry names', () => {
  it('packs and unpacks a connection id and a kind', () => {
    expect(entryAccount('c-1', 'access_token')).toBe('c-1/access_token');
    expect(connectionIdOfEntry('token-desk', 'c-1/access_token')).toBe('c-1');
    expect(connectionIdOfEntry('other', 'c-1/access_token')).toBeUndefined();
    expect(connectionIdOfEntry('token-desk', 'no-folder')).toBeUndefined();
    expect(
      ciphersByConnection([
        { service: 'token-desk', account: 'x/refresh_token', cipherId: 'keyring' },
        { service: 'token-desk', account: 'x/access_token', cipherId: 'safestorage' },
        { service: 'token-desk', account: 'x/client_secret', cipherId: undefined },
        { service: 'other', account: 'y/client_secret', cipherId: 'keyring' },
      ]),
    ).toEqual(new Map([['x', ['keyring', 'safestorage']]]));
  });
});
