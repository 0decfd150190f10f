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
import type { EventName, EventPayload } from '../../../main/rpc/contract.js';
import { startZohoSimulator, type ZohoSimulator } from '../../support/zoho-simulator.js';
import { freePort } from '../../support/free-port.js';
import { FakeClipboard, ManualSchedule } from './fakes.js';

const CLIENT_SECRET = 'client-secret-that-must-stay-sealed';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-desktop-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

async function setup(
  backend: string,
  overrides: {
    fetch?: typeof globalThis.fetch;
    openExternal?: (url: string) => Promise<void>;
  } = {},
) {
  const fetch = vi.fn(overrides.fetch ?? (async () => new Response('unexpected', { status: 500 })));
  const openExternal = vi.fn(overrides.openExternal ?? (async () => undefined));
  const clipboard = new FakeClipboard();
  const emitted: Emitted[] = [];
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
    emit: (event, payload) => emitted.push({ event, payload } as Emitted),
  });
  return { services, dispatch: createDispatcher(services.handlers), fetch, clipboard, emitted };
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

describe('desktop services against the Zoho simulator', () => {
  let sim: ZohoSimulator;
  beforeEach(async () => {
    sim = await startZohoSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  const SERVER = { clientId: '1000.DESKTOPSERVER', clientSecret: 'desktop-server-secret' };
  const SELF = { clientId: '1000.DESKTOPSELF', clientSecret: 'desktop-self-secret' };

  async function addServerConnection(dispatch: ReturnType<typeof createDispatcher>) {
    const redirectUri = `http://localhost:${await freePort()}/callback`;
    sim.registerClient({ ...SERVER, type: 'server', redirectUris: [redirectUri] });
    expect(
      await dispatch('connections.add', {
        name: 'globex',
        clientType: 'server',
        clientId: SERVER.clientId,
        clientSecret: SERVER.clientSecret,
        scopes: ['ZohoCRM.modules.ALL'],
        redirectUri,
        accountsUrl: sim.accountsUrl,
        apiDomain: sim.apiDomain,
      }),
    ).toMatchObject({ ok: true });
  }

  /** The browser: accepts on the consent page and follows Zoho's redirect to the receiver. */
  const acceptInBrowser = async (url: string) => {
    const back = await sim.consent(url, 'accept');
    await (await globalThis.fetch(back)).text();
  };

  it('a server sign-in reports listening, the opened sign-in page, then exchanging, before done', async () => {
    const { dispatch, emitted } = await setup('gnome_libsecret', {
      fetch: globalThis.fetch,
      // Like shell.openExternal: resolves once the browser was asked; the user signs in later.
      openExternal: async (url) => void acceptInBrowser(url),
    });
    await addServerConnection(dispatch);
    const started = Date.now();
    const result = await dispatch('connections.authorizeServer', {
      name: 'globex',
      timeoutSeconds: 60,
    });
    expect(result).toMatchObject({ ok: true, result: { status: 'ready' } });

    const progress = emitted.flatMap((e) =>
      e.event === 'authorization.progress' ? [e.payload] : [],
    );
    expect(progress.map((p) => p.step)).toEqual(['listening', 'sign-in', 'exchanging', 'done']);
    const [listening, signIn, exchanging] = progress;
    expect(listening!.deadline).toBeGreaterThanOrEqual(started + 60_000);
    expect(signIn).toMatchObject({
      name: 'globex',
      browserOpened: true,
      deadline: listening!.deadline,
    });
    expect(signIn!.url!.startsWith(`${sim.accountsUrl}/oauth/v2/auth?`)).toBe(true);
    expect(exchanging).toMatchObject({ name: 'globex', step: 'exchanging' });
    expect(JSON.stringify(progress)).not.toContain(SERVER.clientSecret);
  });

  it('when the browser does not open, the sign-in event says so and still carries the address', async () => {
    const { dispatch, emitted } = await setup('gnome_libsecret', {
      fetch: globalThis.fetch,
      openExternal: async () => {
        throw new Error('no browser on this desktop');
      },
    });
    await addServerConnection(dispatch);
    const pending = dispatch('connections.authorizeServer', { name: 'globex', timeoutSeconds: 60 });
    await vi.waitFor(() =>
      expect(
        emitted.some((e) => e.event === 'authorization.progress' && e.payload.step === 'sign-in'),
      ).toBe(true),
    );
    const signIn = emitted.find(
      (e) => e.event === 'authorization.progress' && e.payload.step === 'sign-in',
    )!;
    expect(signIn.payload).toMatchObject({ browserOpened: false });
    // The user opens it by hand.
    await acceptInBrowser((signIn.payload as EventPayload<'authorization.progress'>).url!);
    expect(await pending).toMatchObject({ ok: true, result: { status: 'ready' } });
  });

  it('a Self Client authorized with a code for more scopes keeps those scopes as the connection’s', async () => {
    const { dispatch } = await setup('gnome_libsecret', { fetch: globalThis.fetch });
    sim.registerClient({ ...SELF, type: 'self' });
    await dispatch('connections.add', {
      name: 'acme',
      clientType: 'self',
      clientId: SELF.clientId,
      clientSecret: SELF.clientSecret,
      scopes: ['ZohoCRM.modules.ALL'],
      accountsUrl: sim.accountsUrl,
      apiDomain: sim.apiDomain,
    });
    const scopes = ['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ'];
    // A refused code changes nothing.
    expect(
      await dispatch('connections.authorizeSelfClient', {
        name: 'acme',
        code: '1000.not.a.code',
        scopes,
      }),
    ).toMatchObject({ ok: false });
    expect(await dispatch('connections.list', {})).toMatchObject({
      ok: true,
      result: [{ scopes: ['ZohoCRM.modules.ALL'] }],
    });

    const { code } = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes });
    const authorized = await dispatch('connections.authorizeSelfClient', {
      name: 'acme',
      code,
      scopes,
    });
    expect(authorized).toMatchObject({ ok: true, result: { status: 'ready', scopes } });
    // Zoho's answer lists no scopes, so nothing is claimed as granted.
    expect(
      (authorized as { result: { grantedScopes?: string[] } }).result.grantedScopes,
    ).toBeUndefined();

    // A bad scope is refused before the (single-use) code is spent.
    const calls = sim.stats.tokenCalls.total;
    const fresh = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes });
    expect(
      await dispatch('connections.authorizeSelfClient', {
        name: 'acme',
        code: fresh.code,
        scopes: ['ZohoCRM.modules'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_scope' } });
    expect(sim.stats.tokenCalls.total).toBe(calls);
  });

  it('a tray copy that refreshes the token emits connections.changed', async () => {
    const { services, dispatch, emitted, clipboard } = await setup('gnome_libsecret', {
      fetch: globalThis.fetch,
    });
    sim.registerClient({ ...SELF, type: 'self' });
    await dispatch('connections.add', {
      name: 'acme',
      clientType: 'self',
      clientId: SELF.clientId,
      clientSecret: SELF.clientSecret,
      scopes: ['ZohoCRM.modules.ALL'],
      accountsUrl: sim.accountsUrl,
      apiDomain: sim.apiDomain,
    });
    // A token with 2 minutes left: a copy must refresh it first.
    sim.setAccessTokenTtl(120);
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.modules.ALL'],
    });
    await dispatch('connections.authorizeSelfClient', { name: 'acme', code });
    sim.setAccessTokenTtl(3600);
    emitted.length = 0;

    await services.copier.copyAndReport('acme', 'token');
    expect(sim.stats.tokenCalls.refresh_token).toBe(1);
    expect(clipboard.text).toMatch(/^1000\./);
    expect(emitted.map((e) => e.event)).toContain('connections.changed');
  });
});
