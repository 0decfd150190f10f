// The boot test: the built desktop main process (out/main/index.js, from `npx electron-vite
// build`, which needs no Electron binary) runs in a child process under a recording fake of the
// `electron` module (test/support/fake-electron.ts, resolved by a loader hook), and its start-up
// story is checked: what happens before 'ready', the single-instance lock, the app:// scheme
// serving the renderer build, the window's security options, IPC and the built preload run as
// Electron's sandbox runs it, the tray and the menu, and quitting. Electron itself cannot run
// here: this proves the wiring of the real bundle, not Chromium's behaviour.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepInTrayByDefault } from '../../main/electron/app-shell.js';
import { OPEN_LABEL, QUIT_LABEL } from '../../main/electron/tray-menu.js';
import { channelOf, EVENT_NAMES, METHOD_NAMES } from '../../main/rpc/contract.js';

const root = join(import.meta.dirname, '../..');
const child = join(root, 'test/support/electron-boot-child.ts');
const MARK = 'BOOT-REPORT ';
const SECRET = 'boot-client-secret-value';

/** What each file type of the build must be served as (written out here, not imported). */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

interface Boot {
  report: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stdout: string;
  stderr: string;
}

const temps: string[] = [];

async function boot(scenario: 'start' | 'second-instance'): Promise<Boot> {
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-boot-'));
  temps.push(dir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BOOT_ROOT: root,
    BOOT_SCENARIO: scenario,
    BOOT_USER_DATA: join(dir, 'user-data'),
    TOKEN_DESK_HOME: join(dir, 'home'),
  };
  // A dev server URL or a passphrase from the outside would change the story.
  delete env.ELECTRON_RENDERER_URL;
  delete env.TOKEN_DESK_PASSPHRASE;
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>(
    (resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', child],
        { cwd: root, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error && !stdout.includes(MARK)
            ? reject(new Error(`boot child failed: ${error.message}\n${stderr}`))
            : resolve({ stdout, stderr }),
      ),
  );
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`no boot report\n${stdout}\n${stderr}`);
  const report = JSON.parse(line.slice(MARK.length)) as Boot['report'];
  if (report.error) throw new Error(`the boot failed: ${report.error}\n${stderr}`);
  return { report, stdout, stderr };
}

afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('desktop boot (built out/main/index.js under a fake electron)', () => {
  let first: Boot;

  beforeAll(async () => {
    if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer')))
      throw new Error('No desktop build: run `npx electron-vite build` (npm test builds it).');
    first = await boot('start');
  }, 90_000);

  it('before ready: sandbox on, the app:// scheme registered once as privileged, then the single-instance lock', () => {
    const { report } = first;
    expect(report.beforeReady).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      'app.whenReady',
    ]);
    expect(report.schemes).toEqual([
      [
        {
          scheme: 'app',
          privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
        },
      ],
    ]);
    const calls = report.calls as Array<{ name: string; afterReady: boolean }>;
    const registrations = calls.filter((c) => c.name === 'protocol.registerSchemesAsPrivileged');
    expect(registrations).toEqual([
      { name: 'protocol.registerSchemesAsPrivileged', afterReady: false },
    ]);
    // Linux here: no Windows app id (app-shell.test.ts checks Windows).
    if (process.platform !== 'win32')
      expect(calls.some((c) => c.name === 'app.setAppUserModelId')).toBe(false);
  });

  it('touches safeStorage only after ready, and does touch it (the vault uses it)', () => {
    const calls = first.report.calls as Array<{ name: string; afterReady: boolean }>;
    const safeStorage = calls.filter((c) => c.name.startsWith('safeStorage.'));
    expect(safeStorage.length).toBeGreaterThan(0);
    expect(safeStorage.filter((c) => !c.afterReady)).toEqual([]);
  });

  it('a second instance quits at once and starts nothing', async () => {
    const { report } = await boot('second-instance');
    expect(report.beforeReady).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      'app.quit',
    ]);
    expect(report.windows).toBe(0);
    expect(report.calls.map((c: { name: string }) => c.name)).not.toContain('app.whenReady');
    expect(report.unhandled).toEqual([]);
  }, 90_000);

  it('serves every file of the renderer build over app:// with its MIME type, the CSP and nosniff', () => {
    const { report } = first;
    expect(report.startUrl).toBe('app://token-desk/index.html');
    expect(report.protocolSchemes).toEqual(['app']);
    const served = report.served as Array<Record<string, unknown> & { file: string }>;
    expect(served.map((s) => s.file)).toContain('index.html');
    expect(served.some((s) => s.file.endsWith('.js'))).toBe(true);
    for (const file of served) {
      expect(file, file.file).toMatchObject({
        status: 200,
        contentType: MIME[extname(file.file)],
        nosniff: 'nosniff',
        sameBytes: true,
      });
      const csp = String(file.csp);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('refuses traversal, encoded separators, other hosts and POST, with a short plain answer', () => {
    const refused = first.report.refused as Array<Record<string, unknown>>;
    expect(refused.length).toBeGreaterThanOrEqual(9);
    for (const answer of refused) {
      expect(answer.status, String(answer.url)).toBeGreaterThanOrEqual(400);
      expect(answer.contentType).toBe('text/plain; charset=utf-8');
      expect(answer.bodyLength as number).toBeLessThan(100);
      expect(String(answer.csp)).toContain("default-src 'none'");
    }
  });

  it('opens a sandboxed, context-isolated window whose preload file exists', () => {
    const { report } = first;
    expect(report.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(report.webPreferences.preload).toBe(join(root, 'out/preload/index.cjs'));
    expect(report.preloadExists).toBe(true);
  });

  it('has one IPC handler per contract method, and the sandboxed preload exposes exactly the contract', () => {
    const { report } = first;
    expect([...report.ipcChannels].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
    expect(report.preloadRequired).toEqual(['electron']);
    expect(report.exposedKeys).toEqual(['tokenDesk']);
    expect([...report.exposedApi].sort()).toEqual(['call', 'on']);
    expect([...report.exposedMethods].sort()).toEqual([...METHOD_NAMES].sort());
    expect([...report.exposedEvents].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('answers the window through preload, IPC and the core, and refuses a foreign sender', () => {
    const { report } = first;
    expect(report.appInfo).toMatchObject({ ok: true, result: { shell: 'electron' } });
    expect(report.settings).toMatchObject({
      ok: true,
      result: { keepInTray: keepInTrayByDefault(process.platform) },
    });
    expect(report.added).toMatchObject({ ok: true, result: { name: 'boot-test' } });
    for (const answer of Object.values(report.foreign as Record<string, unknown>)) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(Object.keys(report.foreign as object).sort()).toEqual([
      'otherContents',
      'otherPage',
      'subframe',
    ]);
  });

  it('builds the tray menu, and a menu with Quit and Check for updates (no check in a development run)', () => {
    const { report } = first;
    expect(report.trays).toHaveLength(1);
    const menu = report.trays[0].menu as unknown[];
    expect(menu).toContain(OPEN_LABEL);
    expect(menu).toContain(QUIT_LABEL);
    expect(JSON.stringify(menu)).toContain('boot-test');
    expect(report.quitItem).toMatchObject({ role: 'quit' });
    expect(JSON.stringify(report.appMenu)).toMatch(/Check for updates…/i);
    expect(report.updateDialogs).toEqual(['Updates are checked in installed builds only.']);
    expect(report.netFetches).toBe(0);
  });

  it('closing the window stays in the tray when the setting is on, and quits when it is off, clearing the clipboard', () => {
    const { report } = first;
    expect(report.exported).toMatchObject({
      ok: true,
      withSecret: true,
      copied: { clearAfterSeconds: 30 },
    });
    expect(report.clipboardHeldSecret).toBe(true);
    expect(report.keepOn).toMatchObject({ ok: true, result: { keepInTray: true } });
    expect(report.afterCloseWithTray).toEqual({ quit: false, quitCalls: 0 });
    expect(report.keepOff).toMatchObject({ ok: true, result: { keepInTray: false } });
    expect(report.quitCalledOnClose).toBe(true);
    expect(report.afterCloseWithoutTray).toMatchObject({
      quit: true,
      clipboardAfterQuit: '',
      trayDestroyed: true,
    });
  });

  it('has no unhandled rejection, and no secret in its output', () => {
    expect(first.report.unhandled).toEqual([]);
    expect(first.stderr).not.toContain(SECRET);
    expect(first.stdout).not.toContain(SECRET);
  });
});
