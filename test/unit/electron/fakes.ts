// Plain-object stand-ins for the Electron objects the shell's modules take as parameters.

import type {
  AppContents,
  InvokeEvent,
  IpcMainPort,
  SenderFrame,
} from '../../../main/electron/ipc-adapter.js';
import type { ClipboardPort } from '../../../main/core/ports.js';
import type { Schedule } from '../../../main/electron/clipboard-guard.js';

export const APP_INDEX_URL = 'app://token-desk/index.html';
export const DEV_SERVER_URL = 'http://localhost:5173/';

export function frame(
  url: string,
  options: { parent?: SenderFrame | null; processId?: number; routingId?: number } = {},
): SenderFrame {
  return {
    url,
    parent: options.parent ?? null,
    processId: options.processId ?? 1,
    routingId: options.routingId ?? 1,
  };
}

export class FakeContents implements AppContents {
  destroyed = false;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  constructor(public mainFrame: SenderFrame) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `event`'s sender would get back. */
  invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}

export class FakeClipboard implements ClipboardPort {
  text = '';
  writes: string[] = [];
  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
  async readText(): Promise<string> {
    return this.text;
  }
}

/** A scheduler the test fires by hand: `fireAll()` runs what is due, as if the delay passed. */
export class ManualSchedule {
  readonly pending: Array<{ callback: () => void; delayMs: number; cancelled: boolean }> = [];
  readonly schedule: Schedule = (callback, delayMs) => {
    const entry = { callback, delayMs, cancelled: false };
    this.pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };
  get active() {
    return this.pending.filter((entry) => !entry.cancelled);
  }
  fireAll(): void {
    for (const entry of this.pending.splice(0)) if (!entry.cancelled) entry.callback();
  }
}
