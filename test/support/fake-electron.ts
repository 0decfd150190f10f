// A recording stand-in for the `electron` module, for the boot test (test/e2e/desktop-boot):
// a loader hook (electron-boot-child.ts) resolves `electron` to this file, so the built
// out/main/index.js runs against it in plain Node. Every call the app makes is recorded with
// whether 'ready' had fired; the test fires 'ready', drives windows, IPC and quitting, and reads
// the record. The renderer side (contextBridge, ipcRenderer) is here too, wired to the fake
// ipcMain as the window's main frame, so the built preload can be run as Electron's sandbox runs
// it. Only what Token Desk uses exists: anything else is undefined and fails loudly.

import { EventEmitter } from 'node:events';

export interface Call {
  name: string;
  args: unknown[];
  /** Whether app 'ready' had fired when the call was made. */
  afterReady: boolean;
}

export const calls: Call[] = [];
let isReady = false;
const record = (name: string, ...args: unknown[]) =>
  void calls.push({ name, args, afterReady: isReady });
export const callsNamed = (name: string) => calls.filter((call) => call.name === name);

/** Set by the test before importing the app. */
export const config = { singleInstanceLock: true, appPath: process.cwd(), userData: '' };

// ---------------------------------------------------------------------------------------- app

type Preventable = { preventDefault(): void; defaultPrevented: boolean };
const preventable = (): Preventable => {
  const event = {
    defaultPrevented: false,
    preventDefault: () => void (event.defaultPrevented = true),
  };
  return event;
};

let resolveReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
let quitCount = 0;
let resolveQuit: () => void = () => undefined;
/** Resolves when the app really quit (a quit that 'before-quit' did not prevent). */
export const quitted = new Promise<void>((resolve) => (resolveQuit = resolve));
export const state = { quit: false, exitCode: undefined as number | undefined };

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Token Desk';
  getAppPath() {
    return config.appPath;
  }
  getVersion() {
    return '0.0.0-boot';
  }
  getName() {
    return this.name;
  }
  getPath(name: string) {
    record('app.getPath', name);
    return `${config.userData}/${name}`;
  }
  setAppUserModelId(id: string) {
    record('app.setAppUserModelId', id);
  }
  enableSandbox() {
    record('app.enableSandbox');
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return config.singleInstanceLock;
  }
  isReady() {
    return isReady;
  }
  whenReady() {
    record('app.whenReady');
    return readyPromise;
  }
  quit() {
    quitCount += 1;
    record('app.quit');
    const event = preventable();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    const will = preventable();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    state.quit = true;
    this.emit('quit', preventable(), 0);
    resolveQuit();
  }
  exit(code = 0) {
    record('app.exit', code);
    state.exitCode = code;
    resolveQuit();
  }
}
export const app = new FakeApp();

/** Fires 'ready' (and resolves whenReady) as Electron would once it has started. */
export function fireReady(): void {
  isReady = true;
  app.emit('ready');
  resolveReady();
}
export const quitCalls = () => quitCount;

// ------------------------------------------------------------------------------------- windows

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null, processId: this.id, routingId: 1 };
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
}

export const windows: FakeBrowserWindow[] = [];
let resolveLoaded: (window: FakeBrowserWindow) => void = () => undefined;
let loaded = new Promise<FakeBrowserWindow>((resolve) => (resolveLoaded = resolve));
/** Resolves with the next window that calls loadURL (then arms for the one after). */
export const nextWindowLoaded = () => loaded;

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  progress: number[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    record('BrowserWindow.new', options);
    windows.push(this);
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  static getAllWindows() {
    return windows.filter((w) => !w.destroyed);
  }
  async loadURL(url: string) {
    record('BrowserWindow.loadURL', url);
    this.webContents.mainFrame.url = url;
    const resolve = resolveLoaded;
    loaded = new Promise((next) => (resolveLoaded = next));
    resolve(this);
    this.emit('ready-to-show');
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.visible = true;
  }
  focus() {}
  setProgressBar(value: number) {
    this.progress.push(value);
  }
  /** As the user closing it: 'closed', then 'window-all-closed' when it was the last one. */
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}
export const BrowserWindow = FakeBrowserWindow;

// ------------------------------------------------------------------------------------ IPC (main)

type Handler = (event: unknown, ...args: unknown[]) => unknown;
class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) {
    record('ipcMain.handle', channel);
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

// -------------------------------------------------------------------------- renderer side (preload)

/** What the preload passed to contextBridge.exposeInMainWorld, by key. */
export const exposed = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    record('contextBridge.exposeInMainWorld', key);
    exposed.set(key, api);
  },
};

/** The renderer of the first live window: invoke reaches ipcMain as its main frame. */
export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]) {
    const window = FakeBrowserWindow.getAllWindows()[0];
    const handler = ipcMain.handlers.get(channel);
    if (!window || !handler) throw new Error(`No handler registered for '${channel}'`);
    const contents = window.webContents;
    return handler({ sender: contents, senderFrame: contents.mainFrame }, ...args);
  },
  on(channel: string, listener: (...args: unknown[]) => void) {
    record('ipcRenderer.on', channel);
    void listener;
    return ipcRenderer;
  },
  removeListener() {
    return ipcRenderer;
  },
};

// ------------------------------------------------------------------------------ the rest, recorded

let clipboardText = '';
/** Electron 44 and later: the clipboard answers with promises. */
export const clipboard = {
  writes: [] as string[],
  async writeText(text: string) {
    record('clipboard.writeText');
    clipboardText = text;
    clipboard.writes.push(text);
  },
  async readText() {
    record('clipboard.readText');
    return clipboardText;
  },
  current: () => clipboardText,
};

export const dialog = {
  /** Which button each showMessageBox answers with (1: "Later"/cancel by default). */
  answer: 1,
  shown: [] as Array<Record<string, unknown>>,
  showErrorBox(title: string, content: string) {
    record('dialog.showErrorBox', title, content);
  },
  async showMessageBox(...args: unknown[]) {
    const options = args.at(-1) as Record<string, unknown>;
    record('dialog.showMessageBox', options);
    dialog.shown.push(options);
    return { response: dialog.answer, checkboxChecked: false };
  },
};

export interface MenuTemplateItem {
  id?: string;
  label?: string;
  role?: string;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}
export class FakeMenu {
  constructor(readonly template: MenuTemplateItem[]) {}
  static buildFromTemplate(template: MenuTemplateItem[]) {
    record('Menu.buildFromTemplate');
    return new FakeMenu(template);
  }
  static applicationMenu: FakeMenu | null = null;
  static setApplicationMenu(menu: FakeMenu | null) {
    record('Menu.setApplicationMenu', menu?.template);
    FakeMenu.applicationMenu = menu;
  }
}
export const Menu = FakeMenu;

export const nativeImage = {
  createFromPath(path: string) {
    record('nativeImage.createFromPath', path);
    const image = {
      path,
      width: undefined as number | undefined,
      resize: (size: { width: number }) => ({ ...image, width: size.width }),
    };
    return image;
  },
};

export const net = {
  async fetch(url: string) {
    record('net.fetch', url);
    throw new Error('The boot test has no network.');
  },
};

export class Notification {
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    record('Notification.new', options.title);
  }
  show() {
    record('Notification.show');
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown) {
    record('protocol.registerSchemesAsPrivileged', schemes);
  },
};

/** Sealed text is reversible and marked, so a test can tell it from plaintext. */
export const safeStorage = {
  isEncryptionAvailable() {
    record('safeStorage.isEncryptionAvailable');
    return true;
  },
  encryptString(text: string) {
    record('safeStorage.encryptString');
    return Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`);
  },
  decryptString(sealed: Buffer) {
    record('safeStorage.decryptString');
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('not sealed by this fake');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  },
  getSelectedStorageBackend() {
    record('safeStorage.getSelectedStorageBackend');
    return isReady ? 'gnome_libsecret' : 'unknown';
  },
};

type ProtocolHandler = (request: Request) => Promise<Response>;
export const session = {
  defaultSession: {
    protocolHandlers: new Map<string, ProtocolHandler>(),
    protocol: {
      handle(scheme: string, handler: ProtocolHandler) {
        record('session.protocol.handle', scheme);
        session.defaultSession.protocolHandlers.set(scheme, handler);
      },
    },
    webRequest: {
      onHeadersReceived(listener: unknown) {
        record('session.webRequest.onHeadersReceived', typeof listener);
      },
    },
    setPermissionRequestHandler(handler: unknown) {
      record('session.setPermissionRequestHandler', typeof handler);
    },
    setPermissionCheckHandler(handler: unknown) {
      record('session.setPermissionCheckHandler', typeof handler);
    },
    setDevicePermissionHandler(handler: unknown) {
      record('session.setDevicePermissionHandler', typeof handler);
    },
  },
};

export const shell = {
  async openExternal(url: string) {
    record('shell.openExternal', url);
  },
  async openPath(path: string) {
    record('shell.openPath', path);
    return '';
  },
};

export const trays: FakeTray[] = [];
export class FakeTray extends EventEmitter {
  menu: FakeMenu | undefined;
  toolTip = '';
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    record('Tray.new', image);
    trays.push(this);
  }
  setContextMenu(menu: FakeMenu) {
    this.menu = menu;
  }
  setToolTip(toolTip: string) {
    this.toolTip = toolTip;
  }
  destroy() {
    record('Tray.destroy');
    this.destroyed = true;
  }
}
export const Tray = FakeTray;

// electron-store does `import electron from 'electron'` and destructures it.
export default {
  app,
  BrowserWindow,
  clipboard,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  net,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
};
