// The boot test's child process: registers the loader hook that resolves `electron` to the
// recording fake, imports the built out/main/index.js, then plays the start-up story (ready, the
// window, the app:// scheme, IPC through the built preload run as Electron's sandbox runs it, the
// tray, the menu, closing the window) and prints what happened as one JSON line for
// test/e2e/desktop-boot.test.ts to judge. It runs in its own process so the hook and the app's
// state (timers, listeners) leave nothing behind in other tests.
//
// Environment: BOOT_ROOT (the project folder holding out/), BOOT_SCENARIO ('start' or
// 'second-instance'), TOKEN_DESK_HOME (a temp folder) and BOOT_USER_DATA.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { MenuTemplateItem } from './fake-electron.js';

export const REPORT_MARK = 'BOOT-REPORT ';

const root = process.env.BOOT_ROOT!;
const scenario = process.env.BOOT_SCENARIO ?? 'start';
const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));
process.on('uncaughtException', (error) => unhandled.push(`uncaught: ${String(error)}`));

const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
register(new URL('./electron-loader-hook.ts', import.meta.url).href, { data: { fakeUrl } });
const fake = await import('./fake-electron.js');
fake.config.appPath = root;
fake.config.singleInstanceLock = scenario !== 'second-instance';
fake.config.userData = process.env.BOOT_USER_DATA!;

const report: Record<string, unknown> = { scenario };
const finish = (code = 0) => {
  report.unhandled = unhandled;
  report.calls = fake.calls.map(({ name, afterReady }) => ({ name, afterReady }));
  // Exit once written (pipes are asynchronous on Windows): the app's timers (tray refresh, the
  // background refresher) would keep the process alive otherwise.
  process.stdout.write(`\n${REPORT_MARK}${JSON.stringify(report)}\n`, () => process.exit(code));
};

try {
  await import(pathToFileURL(join(root, 'out/main/index.js')).href);
  report.beforeReady = fake.calls.map(({ name }) => name);
  report.schemes = fake
    .callsNamed('protocol.registerSchemesAsPrivileged')
    .map(({ args }) => args[0]);

  if (scenario === 'second-instance') {
    fake.fireReady();
    // Let anything the app scheduled on 'ready' run; a second instance schedules nothing.
    await new Promise((resolve) => setImmediate(resolve));
    report.windows = fake.windows.length;
    report.quitCalls = fake.quitCalls();
    finish();
  } else {
    const loaded = fake.nextWindowLoaded();
    fake.fireReady();
    const window = await loaded;
    report.startUrl = window.webContents.mainFrame.url;
    report.webPreferences = window.options.webPreferences;
    const preloadPath = (window.options.webPreferences as { preload: string }).preload;
    report.preloadExists = existsSync(preloadPath);

    // The app:// scheme: every file of the renderer build, then what must be refused.
    const handler = fake.session.defaultSession.protocolHandlers.get('app');
    report.protocolSchemes = [...fake.session.defaultSession.protocolHandlers.keys()];
    const rendererRoot = join(root, 'out/renderer');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(relative(rendererRoot, path).split(sep).join('/'));
      }
    };
    walk(rendererRoot);
    const ask = async (url: string, method = 'GET') => {
      const response = await handler!(new Request(url, { method }));
      const body = Buffer.from(await response.arrayBuffer());
      return {
        url,
        status: response.status,
        contentType: response.headers.get('content-type'),
        csp: response.headers.get('content-security-policy'),
        nosniff: response.headers.get('x-content-type-options'),
        body,
      };
    };
    const served = [];
    for (const file of files) {
      const answer = await ask(`app://token-desk/${file}`);
      served.push({
        file,
        status: answer.status,
        contentType: answer.contentType,
        csp: answer.csp,
        nosniff: answer.nosniff,
        sameBytes: answer.body.equals(readFileSync(join(rendererRoot, file))),
      });
    }
    report.served = served;
    const refusedUrls = [
      'app://token-desk/../main/index.js',
      'app://token-desk/%2e%2e/main/index.js',
      'app://token-desk/assets/..%2f..%2fmain%2findex.js',
      'app://token-desk/..%5c..%5cmain%5cindex.js',
      'app://token-desk/%2e%2e%5cpreload%5cindex.cjs',
      'app://token-desk/%252e%252e/main/index.js',
      'app://token-desk/assets%2f..%2f..%2f..%2fpackage.json',
      'app://other-host/index.html',
    ];
    const refused = [];
    for (const url of refusedUrls) {
      const answer = await ask(url);
      refused.push({
        url,
        status: answer.status,
        contentType: answer.contentType,
        bodyLength: answer.body.length,
        csp: answer.csp,
      });
    }
    const post = await ask('app://token-desk/index.html', 'POST');
    refused.push({
      url: 'POST index.html',
      status: post.status,
      contentType: post.contentType,
      bodyLength: post.body.length,
      csp: post.csp,
    });
    report.refused = refused;

    // IPC: the handlers main registered, and the built preload run as the sandbox runs it.
    report.ipcChannels = [...fake.ipcMain.handlers.keys()];
    const preloadSource = readFileSync(preloadPath, 'utf8');
    const required: string[] = [];
    const sandboxModule = { exports: {} as unknown };
    const context = vm.createContext({
      module: sandboxModule,
      exports: sandboxModule.exports,
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return fake;
        throw new Error(
          `Cannot find module '${id}' (a sandboxed preload can require only electron)`,
        );
      },
      console,
    });
    vm.runInContext(preloadSource, context, { filename: preloadPath });
    report.preloadRequired = required;
    report.exposedKeys = [...fake.exposed.keys()];
    const api = fake.exposed.get('tokenDesk') as {
      call: Record<string, (params: unknown) => Promise<unknown>>;
      on: Record<string, unknown>;
    };
    report.exposedApi = Object.keys(api);
    report.exposedMethods = Object.keys(api.call);
    report.exposedEvents = Object.keys(api.on);

    // Through the whole chain: preload -> ipcMain -> sender check -> dispatcher -> core.
    report.appInfo = await api.call['app.info']!({});
    report.settings = await api.call['settings.get']!({});

    // A foreign sender: another webContents, and the window's own frame on another page.
    const channel = 'token-desk:app.info';
    const invoke = fake.ipcMain.handlers.get(channel)!;
    const stranger = new fake.FakeWebContents();
    stranger.mainFrame.url = 'app://token-desk/index.html';
    report.foreign = {
      otherContents: await invoke({ sender: stranger, senderFrame: stranger.mainFrame }),
      otherPage: await invoke({
        sender: window.webContents,
        senderFrame: { ...window.webContents.mainFrame, url: 'https://evil.example/' },
      }),
      subframe: await invoke({
        sender: window.webContents,
        senderFrame: { ...window.webContents.mainFrame, parent: window.webContents.mainFrame },
      }),
    };

    // A connection, and its export with secrets copied to the clipboard (main clears it later).
    report.added = await api.call['connections.add']!({
      name: 'boot-test',
      dc: 'us',
      clientId: '1000.BOOTTEST',
      clientType: 'self',
      clientSecret: 'boot-client-secret-value',
      scopes: ['ZohoCRM.modules.ALL'],
    });
    const exported = (await api.call['connections.export']!({
      name: 'boot-test',
      format: 'env',
      includeSecrets: true,
      copy: true,
    })) as { ok: boolean; result?: { text: string; copied?: unknown } };
    // The secret itself stays out of the report (it is printed).
    report.exported = {
      ok: exported.ok,
      copied: exported.result?.copied,
      withSecret: exported.result?.text.includes('boot-client-secret-value'),
    };
    report.clipboardHeldSecret = fake.clipboard.current().includes('boot-client-secret-value');

    // The tray and the application menu.
    const labels = (items: MenuTemplateItem[] | undefined): unknown[] =>
      (items ?? []).map((item) =>
        item.submenu
          ? { label: item.label ?? item.role, submenu: labels(item.submenu) }
          : (item.label ?? item.role ?? item.id ?? '-'),
      );
    report.trays = fake.trays.map((tray) => ({
      image: tray.image,
      toolTip: tray.toolTip,
      menu: labels(tray.menu?.template),
    }));
    const appMenu = fake.Menu.applicationMenu?.template ?? [];
    report.appMenu = labels(appMenu);
    const flat = (items: MenuTemplateItem[]): MenuTemplateItem[] =>
      items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);
    report.quitItem = flat(appMenu).find((item) => item.id === 'quit');
    // Check for updates in a development run: a plain message, no updater loaded, no network.
    flat(appMenu)
      .find((item) => item.id === 'check-for-updates')
      ?.click?.();
    await new Promise((resolve) => setImmediate(resolve));
    report.updateDialogs = fake.dialog.shown.map((options) => options.message);

    // "Keep running in the tray" on: closing the window leaves the app running.
    report.keepOn = await api.call['settings.set']!({ keepInTray: true });
    window.close();
    report.afterCloseWithTray = { quit: fake.state.quit, quitCalls: fake.quitCalls() };

    // A second launch shows a new window; with the setting off, closing it quits.
    const reloaded = fake.nextWindowLoaded();
    fake.app.emit('second-instance', {}, [], root);
    const second = await reloaded;
    report.keepOff = await api.call['settings.set']!({ keepInTray: false });
    second.close();
    // window-all-closed calls app.quit() synchronously when it quits; the quit itself finishes
    // after the clipboard is cleared. No call: the app stayed, and the report says so.
    report.quitCalledOnClose = fake.quitCalls() > 0;
    if (fake.quitCalls() > 0) await fake.quitted;
    report.afterCloseWithoutTray = {
      quit: fake.state.quit,
      clipboardAfterQuit: fake.clipboard.current(),
      clipboardWrites: fake.clipboard.writes.length,
      trayDestroyed: fake.trays.every((tray) => tray.destroyed),
    };
    report.netFetches = fake.callsNamed('net.fetch').length;
    finish();
  }
} catch (error) {
  report.error = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  finish(1);
}
