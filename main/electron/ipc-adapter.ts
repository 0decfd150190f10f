// The one place where IPC meets the rpc contract (like VS Code's validatedIpcMain): one
// `ipcMain.handle` per contract method on its own channel, and before anything else each call's
// sender is checked: it must be the main frame of our window, showing the app page. A call from
// anywhere else (a frame that is gone, an iframe, another page, another webContents) is answered
// with a forbidden_sender envelope and never reaches a handler. Arguments go through the
// dispatcher, which parses them with the contract's schemas. Events main pushes are parsed with
// their schema too, and only sent while the window still shows the app page.

import {
  channelOf,
  events,
  METHOD_NAMES,
  type EventName,
  type EventPayload,
  type RpcEnvelope,
} from '../rpc/contract.js';
import type { Dispatch } from '../rpc/dispatcher.js';

/** The part of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
  readonly processId: number;
  readonly routingId: number;
}

/** The part of Electron's WebContents the adapter uses. */
export interface AppContents {
  readonly mainFrame: SenderFrame;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** The part of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
  readonly sender: unknown;
}

/** The part of Electron's ipcMain the adapter uses. */
export interface IpcMainPort {
  handle(
    channel: string,
    listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface TrustedTarget {
  /** The window's webContents, or undefined when there is no window (closed, not created yet). */
  contents(): AppContents | undefined;
  isAppUrl(url: string): boolean;
}

export type SenderRejection =
  'no_frame' | 'no_window' | 'other_contents' | 'subframe' | 'not_main_frame' | 'foreign_origin';
export type SenderVerdict = { ok: true } | { ok: false; reason: SenderRejection };

export function checkSender(event: InvokeEvent, target: TrustedTarget): SenderVerdict {
  const frame = event.senderFrame;
  // Null when the frame navigated away or was destroyed after sending: nobody to trust.
  if (!frame) return { ok: false, reason: 'no_frame' };
  const contents = target.contents();
  if (!contents || contents.isDestroyed()) return { ok: false, reason: 'no_window' };
  if (event.sender !== contents) return { ok: false, reason: 'other_contents' };
  if (frame.parent !== null) return { ok: false, reason: 'subframe' };
  const main = contents.mainFrame;
  if (
    frame !== main &&
    (frame.processId !== main.processId || frame.routingId !== main.routingId)
  ) {
    return { ok: false, reason: 'not_main_frame' };
  }
  if (!target.isAppUrl(frame.url)) return { ok: false, reason: 'foreign_origin' };
  return { ok: true };
}

export const FORBIDDEN_SENDER: RpcEnvelope<never> = {
  ok: false,
  error: {
    code: 'forbidden_sender',
    message: 'This request did not come from the Token Desk window, so it was refused.',
    remedy: 'Use the Token Desk window. If you see this there, restart Token Desk.',
  },
};

const EXTRA_ARGUMENTS: RpcEnvelope<never> = {
  ok: false,
  error: {
    code: 'bad_params',
    message: 'The request carried more than one argument.',
    remedy: 'Update Token Desk: the window and the app are out of step.',
  },
};

export interface IpcAdapterOptions extends TrustedTarget {
  ipcMain: IpcMainPort;
  dispatch: Dispatch;
  /** For a log line (method and reason only; never the arguments). */
  onRejected?(method: string, reason: SenderRejection): void;
}

/** Registers one handler per contract method; returns a function that removes them all. */
export function registerIpcHandlers(options: IpcAdapterOptions): () => void {
  const { ipcMain, dispatch } = options;
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), async (event, ...args) => {
      const verdict = checkSender(event, options);
      if (!verdict.ok) {
        options.onRejected?.(method, verdict.reason);
        return FORBIDDEN_SENDER;
      }
      if (args.length > 1) return EXTRA_ARGUMENTS;
      return dispatch(method, args[0]);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channelOf(method));
  };
}

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Sends contract events to the window. A payload that fails its schema is a bug in main: it is
 * reported through onInvalid and not sent. Parsing also drops fields the schema does not name, so
 * nothing extra (a secret in a stray property) can ride along.
 */
export function createEventEmitter(
  target: TrustedTarget,
  onInvalid?: (event: EventName) => void,
): EmitEvent {
  return (event, payload) => {
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) {
      onInvalid?.(event);
      return;
    }
    const contents = target.contents();
    if (!contents || contents.isDestroyed() || !target.isAppUrl(contents.mainFrame.url)) return;
    contents.send(channelOf(event), parsed.data);
  };
}
