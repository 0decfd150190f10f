// The desktop services wired as main wires them, minus Electron: conf in a temp home in place of
// electron-store, a fake safeStorage, the real file lock, a fetch that must not be called.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../main/core/ports.js';
import { createFileLock } from '../../../main/platform/node/file-lock.js';
import { createDispatcher } from '../../../main/rpc/dispatcher.js';
import { createDesktopServices } from '../../../main/electron/desktop-services.js';
import type { WrappedDocument } from '../../../main/electron/electron-store-document.js';
import { toSafeStoragePort } from '../../../main/electron/safe-storage.js';
import { FakeClipboard, ManualSchedule } from './fakes.js';

const CLIENT_SECRET = 'client-secret-that-must-stay-sealed';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-desktop-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function setup(backend: string) {
  const fetch = vi.fn(async () => new Response('unexpected', { status: 500 }));
  const openExternal = vi.fn(async () => undefined);
  const clipboard = new FakeClipboard();
  const services = await createDesktopServices({
    home,
    version: '0.1.0',
    env: {},
    clock: systemClock,
    createStore: ({ name, ...options }) =>
      new Conf<WrappedDocument>({ ...options, configName: name }),
    lock: createFileLock({ home }),
    safeStorage: toSafeStoragePort(
      {
        isEncryptionAvailable: () => true,
        // A reversible stand-in for the OS encryption (base64 is enough to see that it was used).
        encryptString: (plain) => Buffer.from(Buffer.from(plain).toString('base64')),
        decryptString: (sealed) => Buffer.from(sealed.toString(), 'base64').toString(),
        getSelectedStorageBackend: () => backend,
      },
      'linux',
    ),
    fetch,
    openExternal,
    clipboard,
    schedule: new ManualSchedule().schedule,
    notify: () => undefined,
    emit: () => undefined,
  });
  return { services, dispatch: createDispatcher(services.handlers), fetch, clipboard };
}

const newConnection = {
  name: 'acme-crm',
  dc: 'eu',
  clientType: 'self',
  clientId: '1000.ABC',
  clientSecret: CLIENT_SECRET,
  org: 'Acme',
};

describe('desktop services', () => {
  it('on a Linux desktop with basic_text: app.info says insecure with the warning, and no secret is stored', async () => {
    const { dispatch } = await setup('basic_text');
    const info = await dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      result: { shell: 'electron', home, cipher: { id: 'safestorage', secure: false } },
    });
    expect(JSON.stringify(info)).toContain('TOKEN_DESK_PASSPHRASE');

    expect(await dispatch('connections.add', newConnection)).toMatchObject({
      ok: false,
      error: { code: 'weak_os_encryption' },
    });
    expect(await dispatch('connections.list', {})).toEqual({ ok: true, result: [] });
  });

  it('with a keyring: adds a connection, seals its secret, and shows it in the tray state', async () => {
    const { services, dispatch, fetch } = await setup('gnome_libsecret');
    expect(await dispatch('app.info', {})).toMatchObject({
      ok: true,
      result: { cipher: { secure: true } },
    });
    expect(await dispatch('connections.add', newConnection)).toMatchObject({
      ok: true,
      result: { name: 'acme-crm', status: 'new' },
    });

    const vaultText = readFileSync(join(home, 'vault.json'), 'utf8');
    expect(vaultText).not.toContain(CLIENT_SECRET);
    expect(readFileSync(join(home, 'connections.json'), 'utf8')).not.toContain(CLIENT_SECRET);
    expect(services.trayState().connections).toEqual([
      { name: 'acme-crm', status: 'new', expiresAt: undefined, org: 'Acme' },
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tokens.copy on a connection that was never authorized fails cleanly and copies nothing', async () => {
    const { dispatch, clipboard } = await setup('gnome_libsecret');
    await dispatch('connections.add', newConnection);
    expect(await dispatch('tokens.copy', { name: 'acme-crm', as: 'token' })).toMatchObject({
      ok: false,
    });
    expect(clipboard.writes).toEqual([]);
  });
});
