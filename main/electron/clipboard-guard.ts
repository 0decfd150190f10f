// Puts a secret on the clipboard and takes it off again after a delay, but only if the clipboard
// still holds exactly what we put there: if the user copied something else in the meantime, that
// is theirs and stays. Time comes through an injected scheduler, so tests drive it.

import type { ClipboardPort } from '../core/ports.js';

/** Runs `callback` after `delayMs`; returns a function that cancels it. */
export type Schedule = (callback: () => void, delayMs: number) => () => void;

export const timerSchedule: Schedule = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

/**
 * The part of Electron's clipboard module used here: synchronous up to Electron 43, promises from
 * Electron 44 on. Both are awaited, so a write has landed before the clear timer starts and a
 * read compares the clipboard's text, not a pending promise.
 */
export interface ElectronClipboardLike {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
}

export function clipboardPort(clipboard: ElectronClipboardLike): ClipboardPort {
  return {
    writeText: async (text) => {
      await clipboard.writeText(text);
    },
    readText: async () => await clipboard.readText(),
  };
}

/** Empties the clipboard if it still holds `text`; true when it did. */
export async function clearIfUnchanged(clipboard: ClipboardPort, text: string): Promise<boolean> {
  if ((await clipboard.readText()) !== text) return false;
  await clipboard.writeText('');
  return true;
}

export interface CopyWithAutoClearOptions {
  clipboard: ClipboardPort;
  text: string;
  /** 0 or less: never clear (the user turned it off in the settings). */
  clearAfterMs: number;
  schedule: Schedule;
  /** Called after the delay with whether the clipboard was cleared. */
  onSettled?(cleared: boolean): void;
}

/** Writes `text`, schedules the guarded clear, and returns a function that cancels the clear. */
export async function copyWithAutoClear(options: CopyWithAutoClearOptions): Promise<() => void> {
  const { clipboard, text } = options;
  await clipboard.writeText(text);
  if (!(options.clearAfterMs > 0)) return () => undefined;
  let cancelled = false;
  const cancelTimer = options.schedule(() => {
    if (cancelled) return;
    clearIfUnchanged(clipboard, text).then(
      (cleared) => options.onSettled?.(cleared),
      () => options.onSettled?.(false),
    );
  }, options.clearAfterMs);
  return () => {
    cancelled = true;
    cancelTimer();
  };
}
