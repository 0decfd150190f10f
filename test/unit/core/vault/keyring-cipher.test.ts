import { describe, expect, it } from 'vitest';
import {
  createKeyringCipher,
  keyringKeyAccount,
} from '../../../../main/core/vault/keyring-cipher.js';
import { createMemoryKeyring } from '../../../support/memory-keyring.js';
import { rejection } from '../../../support/typed-errors.js';

const AAD = 'td1\u0000keyring\u0000token-desk\u0000conn-1/refresh_token';

describe('keyring cipher', () => {
  it('creates one random key in the keyring on first write, under an account named by its key id', async () => {
    const keyring = createMemoryKeyring();
    const session = await createKeyringCipher({ keyring, service: 'td-test' }).open(
      undefined,
      'write',
    );
    const keyId = session.params.keyId as string;
    expect(keyId).toMatch(/^[a-f0-9]{24}$/);
    expect([...keyring.entries.keys()]).toEqual([`td-test\u0000${keyringKeyAccount(keyId)}`]);
    expect(Buffer.from(keyring.entries.values().next().value!, 'base64')).toHaveLength(32);
  });

  it('reuses the stored key for later writes and reads, in a fresh cipher as in another process', async () => {
    const keyring = createMemoryKeyring();
    const first = await createKeyringCipher({ keyring }).open(undefined, 'write');
    const payload = await first.encrypt('1000.secret', AAD);
    expect(payload).not.toContain('1000.secret');

    const again = await createKeyringCipher({ keyring }).open(first.params, 'write');
    expect(again.params).toEqual(first.params);
    expect(keyring.entries.size).toBe(1);

    const reader = await createKeyringCipher({ keyring }).open(first.params, 'read');
    await expect(reader.decrypt(payload, AAD)).resolves.toEqual({
      plain: '1000.secret',
      reEncrypt: false,
    });
  });

  it('gives two vaults (two homes) on one keyring their own keys', async () => {
    const keyring = createMemoryKeyring();
    const a = await createKeyringCipher({ keyring }).open(undefined, 'write');
    const b = await createKeyringCipher({ keyring }).open(undefined, 'write');
    expect(a.params.keyId).not.toBe(b.params.keyId);
    expect(keyring.entries.size).toBe(2);
    // A value of home A does not open with home B's key, even if the key id is edited.
    const payload = await a.encrypt('x', AAD);
    const forged = `${b.params.keyId as string}${payload.slice(payload.indexOf('.'))}`;
    expect((await rejection(b.decrypt(forged, AAD))).details.reason).toBe('auth_failed');
  });

  it('reports a deleted key as key_missing, and starts a new key for new values', async () => {
    const keyring = createMemoryKeyring();
    const cipher = createKeyringCipher({ keyring });
    const first = await cipher.open(undefined, 'write');
    const oldPayload = await first.encrypt('old', AAD);
    await keyring.delete('token-desk', keyringKeyAccount(first.params.keyId as string));

    const reader = await cipher.open(first.params, 'read');
    const error = await rejection(reader.decrypt(oldPayload, AAD));
    expect(error.code).toBe('decrypt_failed');
    expect(error.details.reason).toBe('key_missing');

    const writer = await cipher.open(first.params, 'write');
    expect(writer.params.keyId).not.toBe(first.params.keyId);
    const newPayload = await writer.encrypt('new', AAD);
    await expect(
      (await cipher.open(writer.params, 'read')).decrypt(newPayload, AAD),
    ).resolves.toMatchObject({ plain: 'new' });
  });

  it('asks for re-encryption of a value sealed under an older key that is still present', async () => {
    const keyring = createMemoryKeyring();
    const cipher = createKeyringCipher({ keyring });
    const old = await cipher.open(undefined, 'write');
    const payload = await old.encrypt('v', AAD);
    const current = await cipher.open(undefined, 'write');
    await expect(
      (await cipher.open(current.params, 'read')).decrypt(payload, AAD),
    ).resolves.toEqual({ plain: 'v', reEncrypt: true });
  });

  it('maps any keyring failure to keyring_unavailable with both ways out, in plain words', async () => {
    const keyring = createMemoryKeyring();
    keyring.failWith = new Error('Platform failure: DBus error: no session bus');
    const error = await rejection(createKeyringCipher({ keyring }).open(undefined, 'write'));
    expect(error.code).toBe('keyring_unavailable');
    expect(error.category).toBe('local');
    // A non-developer reads the message and the remedy: no D-Bus text, no environment variable.
    expect(error.message).toBe(
      "Token Desk could not reach your system's keyring, so it cannot open the key that protects your secrets.",
    );
    expect(error.remedy).toMatch(/gnome-keyring or KWallet/);
    expect(error.remedy).toMatch(/protect your secrets with a passphrase instead\.$/);
    for (const text of [error.message, error.remedy]) {
      expect(text).not.toMatch(/DBus|D-Bus|session bus|TOKEN_DESK_PASSPHRASE|dbus-run-session/);
    }
    // The raw text stays for diagnosis; the CLI's ways out go in its hint.
    expect(error.details).toEqual({ technical: 'Platform failure: DBus error: no session bus' });
    expect(error.cliHint).toContain('TOKEN_DESK_PASSPHRASE=<passphrase>');
    expect(error.cliHint).toContain('dbus-run-session with gnome-keyring-daemon --unlock');
  });

  it('refuses a keyring that accepts the key but does not keep it', async () => {
    const keyring = createMemoryKeyring();
    keyring.forgetful = true;
    const error = await rejection(createKeyringCipher({ keyring }).open(undefined, 'write'));
    expect(error.code).toBe('keyring_unavailable');
    expect(error.message).toBe(
      "Token Desk could not use your system's keyring: it accepted the new vault key but did not keep it.",
    );
  });

  it('does not touch the keyring when opened for reading', async () => {
    const keyring = createMemoryKeyring();
    const first = await createKeyringCipher({ keyring }).open(undefined, 'write');
    keyring.calls.get = 0;
    keyring.calls.set = 0;
    await createKeyringCipher({ keyring }).open(first.params, 'read');
    expect(keyring.calls).toMatchObject({ get: 0, set: 0 });
  });

  it('refuses a damaged key id in the vault file', async () => {
    const error = await rejection(
      createKeyringCipher({ keyring: createMemoryKeyring() }).open({ keyId: '../../etc' }, 'write'),
    );
    expect(error.code).toBe('vault_invalid');
  });

  it('describes itself by the keyring label', () => {
    expect(createKeyringCipher({ keyring: createMemoryKeyring() }).describe()).toBe(
      'in-memory keyring',
    );
  });
});
