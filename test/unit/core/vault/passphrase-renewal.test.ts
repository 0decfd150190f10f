// A passphrase vault made with an older, cheaper scrypt cost is re-sealed under the current cost
// at its next unlock (the CLI's first read, the window's unlock), all at once or not at all; and
// the passphrase length rule: a new vault refuses a short passphrase, an old one still opens.

import { describe, expect, it } from 'vitest';
import type { VaultDocument } from '../../../../main/core/vault/encrypted-vault.js';
import { createEncryptedVault } from '../../../../main/core/vault/encrypted-vault.js';
import {
  createPassphraseCipher,
  DEFAULT_SCRYPT_COST,
  LEGACY_SCRYPT_COST,
  type ScryptCost,
} from '../../../../main/core/vault/passphrase-cipher.js';
import {
  createVaultControl,
  keyringCipherOption,
} from '../../../../main/core/vault/vault-control.js';
import {
  PASSPHRASE_MIN_LENGTH,
  passphraseLength,
  passphraseLongEnough,
} from '../../../../main/vocabulary/index.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
  type MemoryDisk,
} from '../../../support/memory-document-store.js';
import { createMemoryKeyring } from '../../../support/memory-keyring.js';
import { rejection } from '../../../support/typed-errors.js';

const PATH = '/home/u/.token-desk/vault.json';
const SERVICE = 'token-desk';
const REFRESH = 'conn-1/refresh_token';
const CLIENT_SECRET = 'conn-1/client_secret';
const OTHER = 'conn-2/refresh_token';
const PASSPHRASE = 'seven purple kites at dawn';
// Cheap stand-ins for "older" and "current" where the real costs are not the point.
const OLD: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
const NEW: ScryptCost = { N: 2 ** 11, r: 8, p: 1 };

function vaultOn(
  disk: MemoryDisk,
  options: { cost?: ScryptCost; passphrase?: string; failWrites?: boolean } = {},
) {
  const document = createMemoryDocumentStore(disk, PATH);
  if (options.failWrites) {
    document.write = async () => {
      throw new Error('disk full');
    };
  }
  const cipher = createPassphraseCipher({
    passphrase: options.passphrase ?? PASSPHRASE,
    cost: options.cost,
  });
  return { document, vault: createEncryptedVault({ document, cipher, lock: createMemoryLock() }) };
}

const raw = (disk: MemoryDisk) => JSON.parse(disk.get(PATH)!) as VaultDocument;

async function sealedWith(cost: ScryptCost, passphrase = PASSPHRASE): Promise<MemoryDisk> {
  const disk = createMemoryDisk();
  const { vault } = vaultOn(disk, { cost, passphrase });
  await vault.setPassword(SERVICE, REFRESH, 'refresh-1');
  await vault.setPassword(SERVICE, CLIENT_SECRET, 'client-secret-1');
  await vault.setPassword(SERVICE, OTHER, 'refresh-2');
  return disk;
}

describe('passphrase vault: an older scrypt cost is raised at the next unlock', () => {
  it('opens a vault sealed with the old default N=2^15, re-seals it with N=2^17, and it still opens after (real costs)', async () => {
    const disk = await sealedWith(LEGACY_SCRYPT_COST);
    const before = raw(disk);
    expect(before.ciphers.passphrase).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });

    // The next process, with this version's default cost.
    await expect(vaultOn(disk).vault.getPassword(SERVICE, REFRESH)).resolves.toBe('refresh-1');

    const after = raw(disk);
    expect(after.ciphers.passphrase).toMatchObject({ ...DEFAULT_SCRYPT_COST, N: 2 ** 17 });
    expect(after.ciphers.passphrase!.salt).not.toBe(before.ciphers.passphrase!.salt);
    for (const account of [REFRESH, CLIENT_SECRET, OTHER]) {
      expect(after.entries[SERVICE]![account]).toMatch(/^td1:passphrase:/);
      expect(after.entries[SERVICE]![account]).not.toBe(before.entries[SERVICE]![account]);
    }
    // A fresh process opens every value under the new cost.
    const next = vaultOn(disk).vault;
    await expect(next.getPassword(SERVICE, CLIENT_SECRET)).resolves.toBe('client-secret-1');
    await expect(next.getPassword(SERVICE, OTHER)).resolves.toBe('refresh-2');
  });

  it('leaves a vault at the current cost (or above) alone: reading writes nothing', async () => {
    const disk = await sealedWith(NEW);
    const before = disk.get(PATH);
    const { vault, document } = vaultOn(disk, { cost: OLD });
    await expect(vault.findCredentials(SERVICE)).resolves.toHaveLength(3);
    const again = vaultOn(disk, { cost: NEW });
    await expect(again.vault.getPassword(SERVICE, REFRESH)).resolves.toBe('refresh-1');
    expect(document.writes + again.document.writes).toBe(0);
    expect(disk.get(PATH)).toBe(before);
  });

  it('re-seals on findCredentials too', async () => {
    const disk = await sealedWith(OLD);
    await expect(vaultOn(disk, { cost: NEW }).vault.findCredentials(SERVICE)).resolves.toHaveLength(
      3,
    );
    expect(raw(disk).ciphers.passphrase).toMatchObject(NEW);
    await expect(vaultOn(disk, { cost: NEW }).vault.findCredentials(SERVICE)).resolves.toEqual(
      expect.arrayContaining([{ account: OTHER, password: 'refresh-2' }]),
    );
  });

  it('loses nothing when the write fails: the value is returned, the file is as it was, and the next unlock re-seals', async () => {
    const disk = await sealedWith(OLD);
    const before = disk.get(PATH);
    const failing = vaultOn(disk, { cost: NEW, failWrites: true });
    await expect(failing.vault.getPassword(SERVICE, REFRESH)).resolves.toBe('refresh-1');
    expect(disk.get(PATH)).toBe(before);

    await expect(vaultOn(disk, { cost: NEW }).vault.getPassword(SERVICE, OTHER)).resolves.toBe(
      'refresh-2',
    );
    expect(raw(disk).ciphers.passphrase).toMatchObject(NEW);
  });

  it('re-seals all or nothing: one value that cannot be opened stops it, and the others still open', async () => {
    const disk = await sealedWith(OLD);
    const document = raw(disk);
    // A damaged value (as if edited by hand): the renewal must not drop or half-convert it.
    const damaged = document.entries[SERVICE]![OTHER]!.replace(/.{4}$/, 'AAAA');
    document.entries[SERVICE]![OTHER] = damaged;
    disk.set(PATH, JSON.stringify(document));
    const before = disk.get(PATH);

    await expect(vaultOn(disk, { cost: NEW }).vault.getPassword(SERVICE, REFRESH)).resolves.toBe(
      'refresh-1',
    );
    expect(disk.get(PATH)).toBe(before);
    expect(raw(disk).ciphers.passphrase).toMatchObject(OLD);
  });

  it("re-seals at the window's unlock, with the typed passphrase", async () => {
    const disk = await sealedWith(OLD);
    const control = createVaultControl({
      program: 'browser',
      document: createMemoryDocumentStore(disk, PATH),
      lock: createMemoryLock(),
      osCiphers: [keyringCipherOption({ keyring: createMemoryKeyring(), label: 'OS keyring' })],
      choice: { get: () => 'passphrase', set: async () => {} },
      passphraseCost: NEW,
    });
    await control.unlock(PASSPHRASE);
    expect(raw(disk).ciphers.passphrase).toMatchObject(NEW);
    await expect(vaultOn(disk, { cost: NEW }).vault.getPassword(SERVICE, OTHER)).resolves.toBe(
      'refresh-2',
    );
  });

  it('does not re-seal for a wrong passphrase, and says wrong_passphrase', async () => {
    const disk = await sealedWith(OLD);
    const before = disk.get(PATH);
    const error = await rejection(
      vaultOn(disk, { cost: NEW, passphrase: 'not the right passphrase' }).vault.getPassword(
        SERVICE,
        REFRESH,
      ),
    );
    expect(error.code).toBe('wrong_passphrase');
    expect(disk.get(PATH)).toBe(before);
  });
});

describe('passphrase length: one rule for TOKEN_DESK_PASSPHRASE and the window', () => {
  it(`refuses a new vault under ${PASSPHRASE_MIN_LENGTH} characters from the environment, before writing anything`, async () => {
    const disk = createMemoryDisk();
    const { vault } = vaultOn(disk, { cost: OLD, passphrase: 'short1234' });
    const error = await rejection(vault.setPassword(SERVICE, CLIENT_SECRET, 'client-secret-1'));
    expect(error.code).toBe('passphrase_too_short');
    expect(error.category).toBe('input');
    expect(error.message).toBe(
      'TOKEN_DESK_PASSPHRASE is shorter than 10 characters, too short to protect a new vault.',
    );
    expect(error.remedy).toMatch(/Set TOKEN_DESK_PASSPHRASE to at least 10 characters/);
    expect(`${error.message} ${error.remedy}`).not.toContain('short1234');
    expect(disk.get(PATH)).toBeUndefined();
    // Ten characters are enough.
    await vaultOn(disk, { cost: OLD, passphrase: 'short12345' }).vault.setPassword(
      SERVICE,
      CLIENT_SECRET,
      'client-secret-1',
    );
    expect(raw(disk).entries[SERVICE]![CLIENT_SECRET]).toMatch(/^td1:passphrase:/);
  });

  it('still opens (and re-seals) a vault an older version made with a short passphrase: nothing is lost', async () => {
    // Made as an older version did, which accepted short passphrases: key material created with
    // 'renew', the path that skips the rule for new vaults.
    const disk = createMemoryDisk();
    const session = await createPassphraseCipher({ passphrase: 'pw', cost: OLD }).open(
      undefined,
      'renew',
    );
    const { vault: seeded } = vaultOn(disk, { cost: OLD });
    await seeded.setPassword(SERVICE, REFRESH, 'ignored'); // creates the file's shape
    const document = raw(disk);
    document.ciphers.passphrase = session.params;
    const aad = ['td1', 'passphrase', SERVICE, REFRESH].join('\u0000');
    document.entries[SERVICE]![REFRESH] =
      `td1:passphrase:${await session.encrypt('refresh-1', aad)}`;
    disk.set(PATH, JSON.stringify(document));

    const { vault } = vaultOn(disk, { cost: NEW, passphrase: 'pw' });
    await expect(vault.getPassword(SERVICE, REFRESH)).resolves.toBe('refresh-1');
    expect(raw(disk).ciphers.passphrase).toMatchObject(NEW);
    await expect(
      vaultOn(disk, { cost: NEW, passphrase: 'pw' }).vault.getPassword(SERVICE, REFRESH),
    ).resolves.toBe('refresh-1');
  });

  it('counts characters as the user does: code points after NFC, in main and in the window alike', () => {
    expect(passphraseLength('cafe\u0301')).toBe(4);
    expect(passphraseLength('\u{1F511}'.repeat(10))).toBe(10);
    expect(passphraseLongEnough('\u{1F511}'.repeat(10))).toBe(true);
    expect(passphraseLongEnough('\u{1F511}'.repeat(5))).toBe(false); // 10 UTF-16 units, 5 characters
    expect(passphraseLongEnough('123456789')).toBe(false);
  });
});
