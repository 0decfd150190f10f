// Against a REAL Secret Service (gnome-keyring). scripts/test.sh runs the suite inside
// `dbus-run-session` with an unlocked gnome-keyring and sets TOKEN_DESK_KEYRING_AVAILABLE=1.
// Without it these tests are skipped with the reason in their name; on CI (env CI set) a missing
// keyring fails instead, so CI can never skip them silently.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../main/core/errors.js';
import type { VaultDocument } from '../../../main/core/vault/encrypted-vault.js';
import { keyringKeyAccount } from '../../../main/core/vault/keyring-cipher.js';
import { createOsKeyring } from '../../../main/platform/node/os-keyring.js';
import { openNodeVault } from '../../../main/platform/node/node-vault.js';

const available = process.env.TOKEN_DESK_KEYRING_AVAILABLE === '1';
const onCi = Boolean(process.env.CI);
const SKIP_REASON =
  'skipped: no Secret Service (run via scripts/test.sh, or set TOKEN_DESK_KEYRING_AVAILABLE=1 inside dbus-run-session with gnome-keyring unlocked)';

describe.runIf(!available && onCi)('OS keyring on CI', () => {
  it('must be available on CI', () => {
    throw new Error(
      'CI is set but TOKEN_DESK_KEYRING_AVAILABLE is not 1: run the tests through scripts/test.sh so the keyring suite cannot be skipped.',
    );
  });
});

describe.skipIf(!available)(
  `OS keyring (real Secret Service)${available ? '' : ` — ${SKIP_REASON}`}`,
  () => {
    const keyring = createOsKeyring();
    // One service per run, so runs never see each other's entries.
    const service = `token-desk-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    const created: string[] = [];
    let home: string;

    beforeEach(() => {
      home = mkdtempSync(join(tmpdir(), 'td-keyring-'));
    });

    afterEach(async () => {
      for (const account of created.splice(0)) await keyring.delete(service, account);
      // Vault keys created through openNodeVault are named in the vault file.
      try {
        const document = JSON.parse(
          readFileSync(join(home, 'vault.json'), 'utf8'),
        ) as VaultDocument;
        const keyId = document.ciphers.keyring?.keyId;
        if (typeof keyId === 'string') await keyring.delete(service, keyringKeyAccount(keyId));
      } catch {
        // No vault file: nothing was stored.
      }
      rmSync(home, { recursive: true, force: true });
    });

    it('sets, gets and deletes an entry', async () => {
      created.push('probe');
      await expect(keyring.get(service, 'probe')).resolves.toBeNull();
      await keyring.set(service, 'probe', 'value ✓');
      await expect(keyring.get(service, 'probe')).resolves.toBe('value ✓');
      await expect(keyring.delete(service, 'probe')).resolves.toBe(true);
      await expect(keyring.delete(service, 'probe')).resolves.toBe(false);
      expect(keyring.label).toBe('OS keyring (Secret Service)');
    });

    it('round-trips a secret through openNodeVault with the key in the keyring and none on disk', async () => {
      const opened = await openNodeVault({ home, env: {}, keyringService: service });
      expect(opened.cipherId).toBe('keyring');
      expect(opened.describe).toBe('OS keyring (Secret Service)');
      await opened.vault.setPassword(
        'token-desk',
        'conn-1/refresh_token',
        '1000.real.keyring.secret',
      );

      const raw = readFileSync(join(home, 'vault.json'), 'utf8');
      expect(raw).not.toContain('1000.real.keyring.secret');
      const keyId = (JSON.parse(raw) as VaultDocument).ciphers.keyring!.keyId as string;
      const key = await keyring.get(service, keyringKeyAccount(keyId));
      expect(Buffer.from(key!, 'base64')).toHaveLength(32);
      expect(raw).not.toContain(key!);

      const again = await openNodeVault({ home, env: {}, keyringService: service });
      await expect(again.vault.getPassword('token-desk', 'conn-1/refresh_token')).resolves.toBe(
        '1000.real.keyring.secret',
      );
    });

    it('reports a clear secret_unreadable when the vault key was deleted from the keyring', async () => {
      const opened = await openNodeVault({ home, env: {}, keyringService: service });
      await opened.vault.setPassword(
        'token-desk',
        'conn-1/refresh_token',
        '1000.real.keyring.secret',
      );
      const keyId = (JSON.parse(readFileSync(join(home, 'vault.json'), 'utf8')) as VaultDocument)
        .ciphers.keyring!.keyId as string;
      await expect(keyring.delete(service, keyringKeyAccount(keyId))).resolves.toBe(true);

      const error = await (
        await openNodeVault({ home, env: {}, keyringService: service })
      ).vault
        .getPassword('token-desk', 'conn-1/refresh_token')
        .then(
          () => undefined,
          (reason: unknown) => reason,
        );
      expect(error).toBeInstanceOf(TokenDeskError);
      expect(error).toMatchObject({
        code: 'secret_unreadable',
        details: { reason: 'key_missing', account: 'conn-1/refresh_token' },
      });
      expect((error as TokenDeskError).message).toMatch(/not in the OS keyring/);
      expect((error as TokenDeskError).message).not.toContain('1000.real.keyring.secret');
    });
  },
);

// Runs everywhere: a process whose session bus does not exist (the library caches its D-Bus
// connection, so this needs its own process) must get keyring_unavailable, not a raw native error.
describe('OS keyring without a reachable Secret Service', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'td-nokeyring-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps the failure to keyring_unavailable with both ways out', async () => {
    const script = join(dir, 'probe.mjs');
    writeFileSync(
      script,
      `
const { createOsKeyring } = await import(process.env.KEYRING_MODULE);
try {
  await createOsKeyring().set('token-desk-test-unreachable', 'probe', 'x');
  process.stdout.write(JSON.stringify({ stored: true }));
} catch (error) {
  const { code, category, message, remedy, cliHint, details } = error;
  process.stdout.write(JSON.stringify({ code, category, message, remedy, cliHint, details }));
}
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: process.cwd(),
      timeout: 30_000,
      env: {
        ...process.env,
        KEYRING_MODULE: pathToFileURL(resolve('main/platform/node/os-keyring.ts')).href,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}`,
      },
    });
    const result = JSON.parse(stdout) as {
      code?: string;
      category?: string;
      message?: string;
      remedy?: string;
      cliHint?: string;
      details?: { technical?: string };
    };
    expect(result).toMatchObject({ code: 'keyring_unavailable', category: 'local' });
    // Plain words for the user; the library's D-Bus text only in details.
    expect(result.message).toBe(
      "Token Desk could not reach your system's keyring (Secret Service), so it cannot open the key that protects your secrets.",
    );
    expect(result.remedy).toMatch(/gnome-keyring/);
    expect(result.remedy).toMatch(/passphrase/);
    expect(result.details?.technical).toBeTruthy();
    expect(`${result.message} ${result.remedy}`).not.toContain(result.details!.technical!);
    expect(result.cliHint).toContain('TOKEN_DESK_PASSPHRASE');
  });
});
