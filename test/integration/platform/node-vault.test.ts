import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenDeskError } from '../../../main/core/errors.js';
import {
  openBrowserVaultControl,
  openNodeStore,
  openNodeVault,
} from '../../../main/platform/node/node-vault.js';
import { FakeClock, makeConnection } from '../../support/fakes.js';
import { createMemoryKeyring } from '../../support/memory-keyring.js';
import { rejection } from '../../support/typed-errors.js';

const SERVICE = 'token-desk';
const ACCOUNT = 'conn-1/refresh_token';
const SECRET = '1000.5f0c2a8e9d7b6c4a3f1e0d9c8b7a6f5e.0a1b2c3d4e5f60718293a4b5c6d7e8f9';
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-node-vault-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('openNodeVault', () => {
  it('uses the passphrase cipher when TOKEN_DESK_PASSPHRASE is set, on a real 0600 file with no plaintext', async () => {
    const keyring = createMemoryKeyring();
    const opened = await openNodeVault({
      home,
      env: { TOKEN_DESK_PASSPHRASE: 'correct horse battery' },
      keyring,
    });
    expect(opened.cipherId).toBe('passphrase');
    expect(opened.describe).toMatch(/[Pp]assphrase/);
    await opened.vault.setPassword(SERVICE, ACCOUNT, SECRET);

    const file = join(home, 'vault.json');
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(raw).not.toContain('correct horse');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keyring.calls).toEqual({ get: 0, set: 0, delete: 0 });

    const again = await openNodeVault({
      home,
      env: { TOKEN_DESK_PASSPHRASE: 'correct horse battery' },
    });
    await expect(again.vault.getPassword(SERVICE, ACCOUNT)).resolves.toBe(SECRET);
    const wrong = await openNodeVault({ home, env: { TOKEN_DESK_PASSPHRASE: 'incorrect horse' } });
    expect((await rejection(wrong.vault.getPassword(SERVICE, ACCOUNT))).code).toBe(
      'wrong_passphrase',
    );
  });

  it('uses the keyring cipher when the passphrase is unset or empty, and does not touch the keyring until needed', async () => {
    const keyring = createMemoryKeyring();
    const opened = await openNodeVault({ home, env: { TOKEN_DESK_PASSPHRASE: '' }, keyring });
    expect(opened.cipherId).toBe('keyring');
    expect(keyring.calls).toEqual({ get: 0, set: 0, delete: 0 });
    await opened.vault.setPassword(SERVICE, ACCOUNT, SECRET);
    expect(readFileSync(join(home, 'vault.json'), 'utf8')).not.toContain(SECRET);
    await expect(
      (await openNodeVault({ home, env: {}, keyring })).vault.getPassword(SERVICE, ACCOUNT),
    ).resolves.toBe(SECRET);
  });

  it('names the keyring when a passphrase is set over a keyring vault', async () => {
    const keyring = createMemoryKeyring();
    await (
      await openNodeVault({ home, env: {}, keyring })
    ).vault.setPassword(SERVICE, ACCOUNT, SECRET);
    const error = await rejection(
      (
        await openNodeVault({ home, env: { TOKEN_DESK_PASSPHRASE: 'pw' }, keyring })
      ).vault.getPassword(SERVICE, ACCOUNT),
    );
    expect(error.code).toBe('secret_unreadable');
    expect(error.message).toMatch(/OS keyring/);
    // The remedy reads the same in every shell; the CLI adds what to change in its environment.
    expect(error.remedy).not.toContain('TOKEN_DESK_PASSPHRASE');
    expect(error.remedy).toMatch(/authorize the connection again/);
    expect(error.cliHint).toBe('unset TOKEN_DESK_PASSPHRASE');
  });

  it('keeps concurrent writes from two vault instances on one home', async () => {
    const keyring = createMemoryKeyring();
    const a = (await openNodeVault({ home, env: {}, keyring })).vault;
    const b = (await openNodeVault({ home, env: {}, keyring })).vault;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => [
        a.setPassword(SERVICE, `a${i}`, `A${i}`),
        b.setPassword(SERVICE, `b${i}`, `B${i}`),
      ]).flat(),
    );
    expect(await a.findCredentials(SERVICE)).toHaveLength(16);
  });
});

describe('openBrowserVaultControl (browser mode on a headless machine)', () => {
  const PASSPHRASE = 'seven purple kites at dawn';
  const control = (keyring = createMemoryKeyring()) =>
    openBrowserVaultControl({
      home,
      env: {},
      keyring,
      passphraseCost: { N: 2 ** 10, r: 8, p: 1 },
    });

  it('with no Secret Service: insecure until a passphrase is set; the CLI then needs TOKEN_DESK_PASSPHRASE and says so', async () => {
    const keyring = createMemoryKeyring();
    keyring.failWith = new Error('Platform failure: DBus error: no session bus');
    const browser = control(keyring);
    expect(await browser.status()).toMatchObject({ primary: 'keyring', secure: false });
    await browser.createPassphrase(PASSPHRASE);
    await browser.vault.setPassword(SERVICE, ACCOUNT, SECRET);
    const raw = readFileSync(join(home, 'vault.json'), 'utf8');
    expect(raw).toMatch(/td1:passphrase:/);
    expect(raw).not.toContain(SECRET);
    expect(readFileSync(join(home, 'settings.json'), 'utf8')).not.toContain(PASSPHRASE);
    expect(statSync(join(home, 'settings.json')).mode & 0o777).toBe(0o600);

    const cli = await openNodeVault({ home, env: {}, keyring });
    const error = await rejection(cli.vault.getPassword(SERVICE, ACCOUNT));
    expect(error.code).toBe('secret_unreadable');
    expect(error.message).toMatch(/sealed with a Token Desk passphrase/);
    expect(error.remedy).toMatch(/^Unlock Token Desk with the passphrase/);
    expect(error.remedy).not.toContain('TOKEN_DESK_PASSPHRASE');
    expect(error.cliHint).toBe('TOKEN_DESK_PASSPHRASE=<that passphrase>');
    const withEnv = await openNodeVault({ home, env: { TOKEN_DESK_PASSPHRASE: PASSPHRASE } });
    await expect(withEnv.vault.getPassword(SERVICE, ACCOUNT)).resolves.toBe(SECRET);

    const next = control(keyring);
    expect(await next.status()).toMatchObject({ primary: 'passphrase', locked: true });
    expect((await rejection(next.vault.getPassword(SERVICE, ACCOUNT))).code).toBe('vault_locked');
    await next.unlock(PASSPHRASE);
    await expect(next.vault.getPassword(SERVICE, ACCOUNT)).resolves.toBe(SECRET);
  });
});

describe('openNodeStore', () => {
  it('keeps connections in connections.json (0600) and sees other instances', async () => {
    const clock = new FakeClock();
    const first = openNodeStore({ home, clock });
    await first.add(makeConnection({ id: 'c1', name: 'acme' }));
    const second = openNodeStore({ home, clock });
    expect(second.require('ACME').id).toBe('c1');
    expect(statSync(join(home, 'connections.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(home, 'connections.json'), 'utf8'))).toMatchObject({
      version: 1,
      connections: [{ id: 'c1' }],
    });
  });

  it('does not lose updates from two store instances on the same real file', async () => {
    const clock = new FakeClock();
    const first = openNodeStore({ home, clock });
    const second = openNodeStore({ home, clock });
    await first.add(makeConnection({ id: 'c1', name: 'acme' }));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        first.update('c1', (c) => ({ ...c, refreshLog: [...c.refreshLog, i] })),
        second.update('c1', (c) => ({ ...c, refreshLog: [...c.refreshLog, 100 + i] })),
      ]).flat(),
    );
    expect(first.require('c1').refreshLog).toHaveLength(20);
  });

  it('reports a corrupt connections.json with its backup and keeps the data', async () => {
    const store = openNodeStore({ home, clock: new FakeClock() });
    await store.add(makeConnection({ id: 'c1', name: 'acme' }));
    writeFileSync(join(home, 'connections.json'), '{ "version": 1, "connections": [');
    let error: unknown;
    try {
      store.list();
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'store_corrupt' });
    const backup = (error as TokenDeskError).details.backup as string;
    expect(readFileSync(backup, 'utf8')).toBe('{ "version": 1, "connections": [');
  });
});
