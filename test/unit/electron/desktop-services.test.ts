// The desktop services wired as main wires them, minus Electron: conf in a temp home in place of
// electron-store, a fake safeStorage, the real file lock, a fetch that must not be called (or the
// Zoho simulator's). With a real Secret Service (gnome-keyring, as `npm test` runs it), the CLI's
// node services and the desktop services share one home and one vault, as on a user's machine.

import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type FetchPort } from '../../../main/core/ports.js';
import type { VaultDocument } from '../../../main/core/vault/encrypted-vault.js';
import { keyringKeyAccount, type KeyringPort } from '../../../main/core/vault/keyring-cipher.js';
import { createFileLock } from '../../../main/platform/node/file-lock.js';
import { createCommandLineServices } from '../../../main/platform/node/command-line-services.js';
import { createOsKeyring } from '../../../main/platform/node/os-keyring.js';
import { createDispatcher } from '../../../main/rpc/dispatcher.js';
import { createDesktopServices } from '../../../main/electron/desktop-services.js';
import type {
  StoreFactory,
  WrappedDocument,
} from '../../../main/electron/electron-store-document.js';
import { toSafeStoragePort } from '../../../main/electron/safe-storage.js';
import { createMemoryKeyring } from '../../support/memory-keyring.js';
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

interface SetupOptions {
  env?: NodeJS.ProcessEnv;
  keyring?: KeyringPort;
  keyringService?: string;
  fetch?: FetchPort;
  openExternal?: (url: string) => Promise<void>;
  createStore?: StoreFactory;
}

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

async function setup(backend: string, extra: SetupOptions = {}) {
  const fetch = vi.fn(extra.fetch ?? (async () => new Response('unexpected', { status: 500 })));
  const events: string[] = [];
  const openExternal = vi.fn(extra.openExternal ?? (async () => undefined));
  const clipboard = new FakeClipboard();
  const timer = new ManualSchedule();
  const emitted: Emitted[] = [];
  const services = await createDesktopServices({
    home,
    version: '0.1.0',
    env: extra.env ?? {},
    clock: systemClock,
    createStore:
      extra.createStore ??
      (({ name, ...options }) => new Conf<WrappedDocument>({ ...options, configName: name })),
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
    keyring: extra.keyring,
    keyringService: extra.keyringService,
    passphraseCost: { N: 2 ** 10, r: 8, p: 1 },
    fetch,
    openExternal,
    clipboard,
    schedule: timer.schedule,
    notify: () => undefined,
    emit: (event, payload) => {
      events.push(event);
      emitted.push({ event, payload } as Emitted);
    },
  });
  return {
    services,
    dispatch: createDispatcher(services.handlers),
    fetch,
    clipboard,
    timer,
    events,
    emitted,
  };
}

const newConnection = {
  name: 'acme-crm',
  dc: 'eu',
  clientType: 'self',
  clientId: '1000.ABC',
  clientSecret: CLIENT_SECRET,
  org: 'Acme',
};

/** The sign-in address a browser would reach: the one a 0600 forwarding page (Linux) points at. */
function signInAddress(opened: string): string {
  if (!opened.startsWith('file://')) return opened;
  const html = readFileSync(fileURLToPath(opened), 'utf8');
  const target = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(html)?.[1];
  if (!target) throw new Error('not a forwarding page');
  return target.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

describe('desktop services', () => {
  it('on a Linux desktop with basic_text: app.info says insecure with the warning, and no secret is stored', async () => {
    const { dispatch } = await setup('basic_text');
    const info = await dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      result: { shell: 'electron', home, cipher: { id: 'safestorage', secure: false } },
    });
    expect(JSON.stringify(info)).toContain('Choose \\"Protect secrets with a passphrase\\"');
    expect(JSON.stringify(info)).not.toContain('TOKEN_DESK_PASSPHRASE');

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

  it('store.corruptBackups names a connections file that was kept aside, until the backup is gone', async () => {
    const { dispatch } = await setup('gnome_libsecret');
    expect(await dispatch('store.corruptBackups', {})).toEqual({ ok: true, result: [] });
    await dispatch('connections.add', newConnection);
    writeFileSync(join(home, 'connections.json'), '{ "this is": not json');
    expect(await dispatch('connections.list', {})).toMatchObject({
      ok: false,
      error: { code: 'store_corrupt' },
    });
    const backups = readdirSync(home).filter((f) => f.startsWith('connections.corrupt-'));
    expect(backups).toHaveLength(1);
    const answer = await dispatch('store.corruptBackups', {});
    expect(answer).toEqual({
      ok: true,
      result: [
        {
          file: 'connections',
          backup: join(home, backups[0]!),
          olderBackups: 0,
          message: expect.stringMatching(/^An earlier connections\.json was not valid JSON/),
          remedy: expect.stringContaining('move it back to connections.json'),
        },
      ],
    });
    expect(JSON.stringify(answer)).not.toContain(CLIENT_SECRET);
    rmSync(join(home, backups[0]!));
    expect(await dispatch('store.corruptBackups', {})).toEqual({ ok: true, result: [] });
  });

  it('tokens.copy on a connection that was never authorized fails cleanly and copies nothing', async () => {
    const { dispatch, clipboard } = await setup('gnome_libsecret');
    await dispatch('connections.add', newConnection);
    expect(await dispatch('tokens.copy', { name: 'acme-crm', as: 'token' })).toMatchObject({
      ok: false,
    });
    expect(clipboard.writes).toEqual([]);
  });

  it('connections.changed carries the added row, and the id of a removed one', async () => {
    const { dispatch, emitted } = await setup('gnome_libsecret');
    const added = await dispatch('connections.add', newConnection);
    const id = (added as { result: { id: string } }).result.id;
    const changes = () => emitted.filter((e) => e.event === 'connections.changed');
    expect(changes()).toEqual([
      {
        event: 'connections.changed',
        payload: { connection: expect.objectContaining({ id, name: 'acme-crm', status: 'new' }) },
      },
    ]);
    expect(JSON.stringify(emitted)).not.toContain(CLIENT_SECRET);
    emitted.length = 0;
    expect(await dispatch('connections.remove', { name: 'acme-crm' })).toEqual({
      ok: true,
      result: { removed: 'acme-crm' },
    });
    expect(changes()).toEqual([{ event: 'connections.changed', payload: { removed: id } }]);
  });

  it('writes the preferences through electron-store and reads the settings file earlier versions wrote; the other documents go through the shared atomic writer', async () => {
    writeFileSync(
      join(home, 'settings.json'),
      JSON.stringify({ clipboardClearSeconds: 45, autoRefresh: false, theme: 'dark' }),
    );
    const names: string[] = [];
    const { dispatch } = await setup('gnome_libsecret', {
      createStore: ({ name, ...options }) => {
        names.push(name);
        return new Conf<WrappedDocument>({ ...options, configName: name });
      },
    });
    expect(await dispatch('settings.get', {})).toMatchObject({
      ok: true,
      result: { clipboardClearSeconds: 45, autoRefresh: false, theme: 'dark' },
    });
    await dispatch('connections.add', newConnection);
    await dispatch('settings.set', { theme: 'light' });
    expect(names).toEqual(['settings']);
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'))).toMatchObject({
      clipboardClearSeconds: 45,
      theme: 'light',
    });
    for (const file of ['connections.json', 'vault.json', 'settings.json'])
      expect(statSync(join(home, file)).mode & 0o777).toBe(0o600);
  });
});

const PASSPHRASE = 'seven purple kites at dawn';

describe('desktop services: the passphrase offer (basic_text)', () => {
  it('offers the passphrase; once set, connections are stored and the choice is recorded without the passphrase', async () => {
    const { dispatch, events } = await setup('basic_text', { keyring: createMemoryKeyring() });
    expect(await dispatch('vault.status', {})).toMatchObject({
      ok: true,
      result: { primary: 'safestorage', secure: false, locked: false, passphrase: 'none' },
    });
    expect(await dispatch('vault.createPassphrase', { passphrase: 'too short' })).toMatchObject({
      ok: false,
      error: { code: 'passphrase_too_short' },
    });
    const created = await dispatch('vault.createPassphrase', { passphrase: PASSPHRASE });
    expect(created).toMatchObject({
      ok: true,
      result: { primary: 'passphrase', secure: true, locked: false, passphrase: 'unlocked' },
    });
    expect(JSON.stringify(created)).not.toContain(PASSPHRASE);
    expect(events).toContain('connections.changed');
    expect(await dispatch('app.info', {})).toMatchObject({
      ok: true,
      result: { cipher: { id: 'passphrase', secure: true } },
    });

    expect(await dispatch('connections.add', newConnection)).toMatchObject({ ok: true });
    const vaultText = readFileSync(join(home, 'vault.json'), 'utf8');
    expect(vaultText).toMatch(/td1:passphrase:/);
    const settingsText = readFileSync(join(home, 'settings.json'), 'utf8');
    expect(JSON.parse(settingsText)).toMatchObject({ vaultCipher: { desktop: 'passphrase' } });
    for (const text of [
      vaultText,
      settingsText,
      readFileSync(join(home, 'connections.json'), 'utf8'),
    ]) {
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain(CLIENT_SECRET);
    }
  });

  it('at the next start asks for the passphrase before any secret, reports a wrong one, and accepts a retry', async () => {
    const first = await setup('basic_text');
    await first.dispatch('vault.createPassphrase', { passphrase: PASSPHRASE });
    await first.dispatch('connections.add', newConnection);

    const { dispatch } = await setup('basic_text');
    expect(await dispatch('vault.status', {})).toMatchObject({
      ok: true,
      result: { primary: 'passphrase', locked: true, passphrase: 'locked' },
    });
    expect(
      await dispatch('connections.export', {
        name: 'acme-crm',
        format: 'json',
        includeSecrets: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
    const wrong = await dispatch('vault.unlock', { passphrase: 'seven purple kites at dusk' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(JSON.stringify(wrong)).not.toContain('kites');
    expect(await dispatch('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      result: { locked: false, passphrase: 'unlocked' },
    });
    const exported = await dispatch('connections.export', {
      name: 'acme-crm',
      format: 'json',
      includeSecrets: true,
    });
    expect(JSON.stringify(exported)).toContain(CLIENT_SECRET);
  });

  it('TOKEN_DESK_PASSPHRASE still selects the passphrase, even on basic_text', async () => {
    const { dispatch } = await setup('basic_text', {
      env: { TOKEN_DESK_PASSPHRASE: 'correct horse' },
    });
    const info = await dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      result: { cipher: { id: 'passphrase', secure: true } },
    });
    expect(
      (info as { result: { cipher: { warning?: string } } }).result.cipher.warning,
    ).toBeUndefined();
    expect(await dispatch('vault.status', {})).toMatchObject({
      ok: true,
      result: { passphraseFromEnv: true, locked: false },
    });
    expect(await dispatch('connections.add', newConnection)).toMatchObject({ ok: true });
    expect(readFileSync(join(home, 'vault.json'), 'utf8')).toMatch(/td1:passphrase:/);
  });
});

const keyringAvailable = process.env.TOKEN_DESK_KEYRING_AVAILABLE === '1';
const onCi = Boolean(process.env.CI);

describe.runIf(!keyringAvailable && onCi)('desktop services with the OS keyring on CI', () => {
  it('must have a Secret Service on CI', () => {
    throw new Error(
      'CI is set but TOKEN_DESK_KEYRING_AVAILABLE is not 1: run the tests through scripts/test.sh.',
    );
  });
});

describe.skipIf(!keyringAvailable)(
  `the desktop app and the CLI on one vault (real Secret Service)${keyringAvailable ? '' : ' — skipped: no Secret Service (run via scripts/test.sh)'}`,
  () => {
    const SELF = { clientId: '1000.SHAREDVAULT', clientSecret: 'shared-vault-client-secret' };
    const keyring = createOsKeyring();
    // One keyring service per run, so runs never see each other's vault keys.
    const service = `token-desk-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    let sim: ZohoSimulator;
    const simFetch: FetchPort = (input, init) => fetch(input, init);

    beforeAll(async () => {
      sim = await startZohoSimulator();
      sim.registerClient({ ...SELF, type: 'self' });
    });
    afterAll(async () => sim.close());
    afterEach(async () => {
      const file = join(home, 'vault.json');
      if (!existsSync(file)) return;
      const keyId = (JSON.parse(readFileSync(file, 'utf8')) as VaultDocument).ciphers.keyring
        ?.keyId;
      if (typeof keyId === 'string') await keyring.delete(service, keyringKeyAccount(keyId));
    });

    /** The CLI on the same home, as a new `token-desk` run would start. */
    const cli = () =>
      createCommandLineServices({
        home,
        env: {},
        keyring,
        keyringService: service,
        fetch: simFetch,
      });
    const desktop = () =>
      setup('gnome_libsecret', { keyring, keyringService: service, fetch: simFetch });
    const code = () =>
      sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['ZohoCRM.org.READ'] }).code;
    const where = () => ({ accountsUrl: sim.accountsUrl, apiDomain: sim.apiDomain });
    const entriesOf = (connectionId: string) =>
      Object.entries(
        (JSON.parse(readFileSync(join(home, 'vault.json'), 'utf8')) as VaultDocument).entries[
          'token-desk'
        ] ?? {},
      )
        .filter(([account]) => account.startsWith(`${connectionId}/`))
        .map(([account, envelope]) => [account, envelope.split(':')[1]]);

    it('a connection added with the CLI is readable and refreshable in the app, and stays readable by the CLI', async () => {
      const connections = await cli().connections();
      await connections.add(
        { name: 'cli-made', clientId: SELF.clientId, clientType: 'self', ...where() },
        SELF.clientSecret,
      );
      const authorized = await connections.authorizeSelfClient('cli-made', code());
      const first = (await (await cli().tokens()).getAccessToken('cli-made')).accessToken;

      const { dispatch } = await desktop();
      const listed = await dispatch('connections.list', {});
      expect(listed).toMatchObject({
        ok: true,
        result: [{ name: 'cli-made', status: 'ready', maskedAccessToken: expect.any(String) }],
      });
      expect(await dispatch('tokens.reveal', { name: 'cli-made' })).toMatchObject({
        ok: true,
        result: { accessToken: first },
      });
      expect(await dispatch('tokens.refresh', { name: 'cli-made' })).toMatchObject({
        ok: true,
        result: { status: 'ready' },
      });
      expect(sim.stats.tokenCalls.refresh_token).toBe(1);
      const revealed = await dispatch('tokens.reveal', { name: 'cli-made' });
      const refreshed = (revealed as { result: { accessToken: string } }).result.accessToken;
      expect(refreshed).not.toBe(first);
      // Re-authorizing in the app keeps the CLI's cipher too.
      expect(
        await dispatch('connections.authorizeSelfClient', { name: 'cli-made', code: code() }),
      ).toMatchObject({ ok: true });
      const reauthorized = (await dispatch('tokens.reveal', { name: 'cli-made' })) as {
        result: { accessToken: string };
      };

      expect(entriesOf(authorized.id)).toEqual(
        expect.arrayContaining([
          [`${authorized.id}/client_secret`, 'keyring'],
          [`${authorized.id}/refresh_token`, 'keyring'],
          [`${authorized.id}/access_token`, 'keyring'],
        ]),
      );
      expect(await dispatch('vault.status', {})).toMatchObject({
        ok: true,
        result: { connections: [{ id: authorized.id, ciphers: ['keyring'] }] },
      });
      // A new CLI run reads what the app wrote, and can refresh with it.
      const later = await cli().tokens();
      expect((await later.getAccessToken('cli-made')).accessToken).toBe(
        reauthorized.result.accessToken,
      );
      await expect(later.refresh('cli-made')).resolves.toMatchObject({ refreshed: true });
    });

    it('a connection added in the app gives the CLI a clear error, until the app shares it with the command line', async () => {
      const { dispatch, events } = await desktop();
      expect(
        await dispatch('connections.add', {
          name: 'app-made',
          clientId: SELF.clientId,
          clientType: 'self',
          clientSecret: SELF.clientSecret,
          ...where(),
        }),
      ).toMatchObject({ ok: true });
      const authorized = await dispatch('connections.authorizeSelfClient', {
        name: 'app-made',
        code: code(),
      });
      const id = (authorized as { result: { id: string } }).result.id;
      expect(entriesOf(id).every(([, cipher]) => cipher === 'safestorage')).toBe(true);

      const error = await (await cli().tokens()).getAccessToken('app-made').then(
        () => undefined,
        (reason: unknown) => reason as { code: string; message: string; remedy: string },
      );
      expect(error?.code).toBe('secret_unreadable');
      expect(error?.message).toContain(
        'sealed by the Token Desk desktop app with Electron safeStorage, which only the app can open',
      );
      expect(error?.remedy).toContain('In the desktop app: Settings → Share with the command line');

      const status = await dispatch('vault.status', {});
      expect(status).toMatchObject({
        ok: true,
        result: { canShareWithCli: true, connections: [{ id, ciphers: ['safestorage'] }] },
      });
      events.length = 0;
      expect(await dispatch('vault.shareWithCli', { name: 'app-made' })).toMatchObject({
        ok: true,
        result: { shared: 1, status: { connections: [{ id, ciphers: ['keyring'] }] } },
      });
      expect(events).toContain('connections.changed');
      const tokens = await cli().tokens();
      await expect(tokens.getAccessToken('app-made')).resolves.toMatchObject({ refreshed: false });
      // And the app keeps working with it, sealing new tokens for the CLI too.
      expect(await dispatch('tokens.refresh', { name: 'app-made' })).toMatchObject({ ok: true });
      expect(entriesOf(id).every(([, cipher]) => cipher === 'keyring')).toBe(true);
      await expect((await cli().tokens()).getAccessToken('app-made')).resolves.toMatchObject({
        accessToken: expect.any(String),
      });
    });

    it('"Shared with the command line" as the app\'s choice seals new connections with the keyring', async () => {
      const { dispatch } = await desktop();
      expect(await dispatch('vault.choose', { cipher: 'keyring' })).toMatchObject({
        ok: true,
        result: { primary: 'keyring' },
      });
      expect(
        await dispatch('connections.add', {
          name: 'shared',
          clientId: SELF.clientId,
          clientType: 'self',
          clientSecret: SELF.clientSecret,
          ...where(),
        }),
      ).toMatchObject({ ok: true });
      await expect(
        (await cli().connections()).export('shared', 'json', { includeSecrets: true }),
      ).resolves.toContain(SELF.clientSecret);
    });
  },
);
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
    const back = await sim.consent(signInAddress(url), 'accept');
    await (await globalThis.fetch(back)).text();
  };

  it('on Linux, the browser is handed a 0600 page that forwards to the sign-in, never the address itself', async () => {
    const opened: string[] = [];
    const { dispatch } = await setup('gnome_libsecret', {
      fetch: globalThis.fetch,
      openExternal: async (url) => {
        opened.push(url);
        await acceptInBrowser(url);
      },
    });
    await addServerConnection(dispatch);
    const result = await dispatch('connections.authorizeServer', {
      name: 'globex',
      timeoutSeconds: 60,
    });
    expect(result).toMatchObject({ ok: true, result: { status: 'ready' } });
    expect(opened).toHaveLength(1);
    if (process.platform !== 'linux') return;
    expect(opened[0]).toMatch(/^file:\/\//);
    expect(opened[0]).not.toContain('state=');
    expect(opened[0]).not.toContain('code_challenge');
  });

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

  it('an export copied with secrets is put on the clipboard in main and cleared after the delay', async () => {
    const { dispatch, clipboard, timer } = await setup('gnome_libsecret');
    await dispatch('connections.add', newConnection);
    await dispatch('settings.set', { clipboardClearSeconds: 20 });
    const copied = await dispatch('connections.export', {
      name: 'acme-crm',
      format: 'env',
      includeSecrets: true,
      copy: true,
    });
    expect(copied).toMatchObject({ ok: true, result: { copied: { clearAfterSeconds: 20 } } });
    const { text } = (copied as { result: { text: string } }).result;
    expect(text).toContain(`ZOHO_CLIENT_SECRET=${CLIENT_SECRET}`);
    expect(clipboard.text).toBe(text);
    expect(timer.active.map((entry) => entry.delayMs)).toEqual([20_000]);
    timer.fireAll();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(clipboard.text).toBe('');

    // Without secrets it stays; without `copy` main does not touch the clipboard.
    await dispatch('connections.export', { name: 'acme-crm', format: 'json', copy: true });
    expect(clipboard.text).toContain('"client_id": "1000.ABC"');
    expect(timer.active).toHaveLength(0);
    const writes = clipboard.writes.length;
    await dispatch('connections.export', { name: 'acme-crm', format: 'env', includeSecrets: true });
    expect(clipboard.writes).toHaveLength(writes);
  });

  it('a refresh whose answer names an untrusted api_domain keeps the old one and tells the window', async () => {
    const { dispatch, emitted } = await setup('gnome_libsecret', { fetch: globalThis.fetch });
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
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.modules.ALL'],
    });
    await dispatch('connections.authorizeSelfClient', { name: 'acme', code });
    emitted.length = 0;
    sim.setTokenApiDomain('https://www.zohoapis.evil.example');
    try {
      const refreshed = await dispatch('tokens.refresh', { name: 'acme' });
      expect(refreshed).toMatchObject({ ok: true, result: { apiDomain: sim.apiDomain } });
    } finally {
      sim.setTokenApiDomain(undefined);
    }
    const notices = emitted.flatMap((e) => (e.event === 'connections.notice' ? [e.payload] : []));
    expect(notices).toEqual([
      {
        connection: 'acme',
        code: 'untrusted_api_domain',
        message: expect.stringContaining('https://www.zohoapis.evil.example'),
      },
    ]);
    expect(notices[0]!.message).toContain(`keeps sending requests to ${sim.apiDomain}`);
    for (const secret of sim.secrets) expect(JSON.stringify(notices)).not.toContain(secret);
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
    // The one row, with its new token masked: the window updates it without re-listing.
    const change = emitted.find((e) => e.event === 'connections.changed');
    expect(change?.payload).toEqual({
      connection: expect.objectContaining({
        name: 'acme',
        maskedAccessToken: expect.stringMatching(/^1000•{8}.{4}$/),
      }),
    });
    expect(JSON.stringify(emitted)).not.toContain(clipboard.text);
  });
});
