// The desktop app's entry: wires Electron's objects into the small modules beside this file and
// does nothing clever itself. Order matters in three places: the Windows app id, the sandbox and
// the app:// scheme before 'ready'; the single-instance lock before anything else starts; and the
// security guards before the window loads. Closing the window quits unless "keep running in the
// tray" is on (app-shell.ts); updates go through the update controller, packaged builds only.

import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import ElectronStore from 'electron-store';
import envPaths from 'env-paths';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTokenDeskError } from '../core/errors.js';
import { systemClock } from '../core/ports.js';
import { createFileLock } from '../platform/node/file-lock.js';
import { createOsKeyring } from '../platform/node/os-keyring.js';
import type { EventPayload } from '../rpc/contract.js';
import { createDispatcher } from '../rpc/dispatcher.js';
import { APP_SCHEME, createAppOrigin, resolveAppLocation } from './app-origin.js';
import { applicationMenuTemplate, toElectronMenu } from './app-menu.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.js';
import {
  APP_NAME,
  applyAppUserModelId,
  keepInTrayByDefault,
  onAllWindowsClosed,
  trayImage,
} from './app-shell.js';
import { clipboardPort, timerSchedule } from './clipboard-guard.js';
import { contentSecurityPolicy, installCspHeader } from './csp.js';
import { createDesktopServices, type DesktopServices } from './desktop-services.js';
import type { WrappedDocument } from './electron-store-document.js';
import { createEventEmitter, registerIpcHandlers } from './ipc-adapter.js';
import { installNavigationGuard } from './navigation-guard.js';
import { createNetFetch } from './net-fetch.js';
import { installPermissionGuard } from './permission-guard.js';
import { toSafeStoragePort } from './safe-storage.js';
import { bringToFront, claimSingleInstance } from './single-instance.js';
import { createTrayController, type TrayController } from './tray.js';
import { createUpdateController, type UpdateController } from './update-controller.js';
import { TEXT } from './update-flow.js';
import { createWindowOptions } from './window-options.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const env = process.env;
/** The same home as the CLI, so both see the same connections. */
const home = env.TOKEN_DESK_HOME
  ? resolve(env.TOKEN_DESK_HOME)
  : envPaths('token-desk', { suffix: '' }).config;
/** Icons: process.resourcesPath when packaged (electron-builder's extraResources), build/ otherwise. */
const resourceDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'build');
const iconPath = join(resourceDir, 'icon.png');
const origin = createAppOrigin(
  resolveAppLocation({ isPackaged: app.isPackaged, devServerUrl: env.ELECTRON_RENDERER_URL }),
);
/** The renderer build, served as app://token-desk/ (inside app.asar when packaged). */
const rendererRoot = join(here, '../renderer');

let window: BrowserWindow | undefined;
let tray: TrayController | undefined;
let services: DesktopServices | undefined;
let updates: UpdateController | undefined;
let quitting = false;
let started = false;

/** Before leaving (Quit, or installing an update): stop the timers, take our token off the clipboard. */
async function prepareToQuit(): Promise<void> {
  quitting = true;
  services?.refresher.stop();
  await services?.copier.clearNow().catch(() => undefined);
  tray?.destroy();
  tray = undefined;
}

/** A message box on the window when there is one (macOS: a sheet), else on its own. */
async function ask(options: Electron.MessageBoxOptions): Promise<number> {
  const parent = window && !window.isDestroyed() && window.isVisible() ? window : undefined;
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  return response;
}

/** An update question: true when the user takes the first button (Escape means the second). */
async function agrees(message: string, detail: string, yes: string, no: string): Promise<boolean> {
  const options = { type: 'info' as const, title: APP_NAME, message, detail };
  return (await ask({ ...options, buttons: [yes, no], defaultId: 0, cancelId: 1 })) === 0;
}

function createUpdates(): UpdateController {
  return createUpdateController({
    // Development and unpackaged runs have no release feed (no app-update.yml): never check.
    enabled: app.isPackaged,
    currentVersion: app.getVersion(),
    updater: async () => {
      const port = await (await import('./update-electron.js')).loadElectronUpdater();
      // "Restart now" leaves like Quit does: the clipboard cleared first.
      return { ...port, installNow: () => void prepareToQuit().finally(() => port.installNow()) };
    },
    ui: {
      askToDownload: (version) =>
        agrees(
          TEXT.available(version),
          TEXT.availableDetail,
          TEXT.downloadButton,
          TEXT.laterButton,
        ),
      askToRestart: (version) =>
        agrees(TEXT.ready(version), TEXT.readyDetail, TEXT.restartButton, TEXT.atQuitButton),
      tell: async ({ kind, message, detail }) => {
        await ask({ type: kind, title: APP_NAME, message, detail, buttons: ['OK'] });
      },
      progress: (fraction) => {
        if (window && !window.isDestroyed()) window.setProgressBar(fraction ?? -1);
      },
      log: (line) => console.error(`token-desk: ${line}`),
    },
  });
}

function showWindow(): void {
  if (window && !window.isDestroyed()) return bringToFront(window);
  window = new BrowserWindow(
    createWindowOptions({
      preloadPath: join(here, '../preload/index.cjs'),
      iconPath,
      devTools: !app.isPackaged,
    }),
  );
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = undefined));
  window
    .loadURL(origin.startUrl)
    .catch((error: unknown) => console.error('token-desk: the window did not load', error));
}

/** For events that may come before start() finished (a second launch, a Dock click). */
function showWindowWhenStarted(): void {
  if (started) showWindow();
}

async function start(): Promise<void> {
  updates = createUpdates();
  const menu = toElectronMenu(applicationMenuTemplate(process.platform), (action) => {
    if (action === 'check-for-updates') updates?.checkFromMenu();
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  installPermissionGuard(session.defaultSession);
  const policy = contentSecurityPolicy(origin.location);
  // The build's files, with the CSP as a header (a file:// page could get neither).
  session.defaultSession.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ root: rendererRoot, policy, readFile: (path) => readFile(path) }),
  );
  installCspHeader(session.defaultSession.webRequest, { isAppUrl: origin.isAppUrl, policy });
  // Every webContents, present and future, gets the navigation guard.
  app.on('web-contents-created', (_event, contents) =>
    installNavigationGuard(contents, {
      isAppUrl: origin.isAppUrl,
      openExternal: (url) => shell.openExternal(url),
    }),
  );

  // electron-store registers (once per process) a sync IPC listener for renderer-side stores; we
  // have none, so register it now and remove it: nothing reaches main outside the validated channels.
  ElectronStore.initRenderer();
  ipcMain.removeAllListeners('electron-store-get-data');

  const target = {
    contents: () => (window && !window.isDestroyed() ? window.webContents : undefined),
    isAppUrl: origin.isAppUrl,
  };
  const sendToWindow = createEventEmitter(target, (event) =>
    console.error(`token-desk: invalid payload for event ${event} not sent`),
  );

  const notify = ({ title, body }: { title: string; body: string }) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
  };
  services = await createDesktopServices({
    home,
    version: app.getVersion(),
    env,
    clock: systemClock,
    createStore: (options) => new ElectronStore<WrappedDocument>(options),
    lock: createFileLock({ home }),
    safeStorage: toSafeStoragePort(safeStorage, process.platform),
    // The CLI's cipher too (N-API, so it loads in the main process): connections made with the
    // CLI open here, and "Share with the command line" re-seals the app's for the CLI.
    keyring: createOsKeyring(),
    fetch: createNetFetch(net),
    openExternal: (url) => shell.openExternal(url),
    clipboard: clipboardPort(clipboard),
    schedule: timerSchedule,
    notify,
    keepInTrayByDefault: keepInTrayByDefault(process.platform),
    emit: (event, payload) => {
      sendToWindow(event, payload);
      if (event === 'connections.changed') tray?.refresh();
      // With the window closed (a tray copy, the scheduler), a notice would reach nobody.
      if (event === 'connections.notice' && !target.contents()) {
        const notice = payload as EventPayload<'connections.notice'>;
        notify({ title: `Token Desk: ${notice.connection}`, body: notice.message });
      }
    },
  });
  registerIpcHandlers({
    ...target,
    ipcMain,
    dispatch: createDispatcher(services.handlers),
    onRejected: (method, reason) =>
      console.warn(`token-desk: refused ${method} from an untrusted sender (${reason})`),
  });

  const ready = services;
  const trayIcon = trayImage(process.platform, resourceDir);
  tray = createTrayController({
    createTray: (icon) => {
      const image = nativeImage.createFromPath(icon);
      return new Tray(trayIcon.resizeTo ? image.resize({ width: trayIcon.resizeTo }) : image);
    },
    buildMenu: (items) => Menu.buildFromTemplate(items),
    icon: trayIcon.path,
    getState: () => ready.trayState(),
    actions: {
      copy: (name, as) => ready.copier.copyAndReport(name, as),
      open: showWindow,
      quit: () => app.quit(),
    },
    platform: process.platform,
  });
  // Keeps "58 min left" honest and picks up changes the CLI made.
  setInterval(() => tray?.refresh(), 60_000);
  // "Refresh access tokens automatically" (Settings): checked every minute.
  ready.refresher.start();
  void ready.refresher.tick();

  started = true;
  showWindow();
  updates.checkAtStart();
}

// Windows shows notifications only for an app with its app id (before any notification).
applyAppUserModelId(app, process.platform);
// Every renderer sandboxed, whatever a future window's options say (must precede 'ready').
app.enableSandbox();
// The app:// scheme must be known as privileged (an origin, a secure context) before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (claimSingleInstance(app, showWindowWhenStarted)) {
  // Closing the window quits, unless "keep running in the tray" is on (then Quit in the tray or
  // the menu ends it). Without this listener Electron would quit on every OS but macOS.
  app.on('window-all-closed', () => {
    if (quitting) return;
    if (onAllWindowsClosed(() => services?.keepInTray() ?? false) === 'quit') app.quit();
  });
  app.on('activate', showWindowWhenStarted);
  app.on('before-quit', (event) => {
    if (quitting || !services) return;
    // Take our token off the clipboard before leaving, if it is still there.
    event.preventDefault();
    void prepareToQuit().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const detail = isTokenDeskError(error)
        ? `${error.message}\n\n${error.remedy}`
        : String(error);
      dialog.showErrorBox('Token Desk could not start', detail);
      app.exit(1);
    });
}
