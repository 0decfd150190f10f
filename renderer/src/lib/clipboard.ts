// Clipboard writes done by this window (browser mode, and non-secret values everywhere). A token
// written here is cleared after the user's delay, but only if the clipboard still holds what we
// put there. A browser lets a page read and write the clipboard only while the page has focus,
// and reading needs the clipboard-read permission: so the clear waits until the page has focus
// again, and when the browser refuses, the caller hears about it (it must tell the user, who
// would otherwise believe the token is gone). Never overwrites what it cannot see.

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?(): Promise<string>;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Whether the page has focus, and a way to hear when it gets it back. */
export interface FocusLike {
  hasFocus(): boolean;
  /** Calls the listener on the next focus; returns an unsubscribe function. */
  onFocus(listener: () => void): () => void;
}

/**
 * What became of a scheduled clear: 'cleared'; 'replaced' (the clipboard held something else by
 * then, so it was left alone); 'not-allowed' (the browser refused to read or write it: the token
 * may still be there).
 */
export type ClearResult = 'cleared' | 'replaced' | 'not-allowed';

const browserTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const browserFocus: FocusLike = {
  hasFocus: () => typeof document === 'undefined' || document.hasFocus(),
  onFocus(listener) {
    if (typeof window === 'undefined') return () => undefined;
    const once = () => {
      window.removeEventListener('focus', once);
      listener();
    };
    window.addEventListener('focus', once);
    return () => window.removeEventListener('focus', once);
  },
};

export class ClipboardUnavailableError extends Error {
  readonly remedy =
    'Select the text and copy it with Ctrl+C (Cmd+C on a Mac), or allow clipboard access for this page.';
  constructor() {
    super('This window could not write to the clipboard.');
    this.name = 'ClipboardUnavailableError';
  }
}

function systemClipboard(): ClipboardLike | undefined {
  return typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
}

/**
 * The pre-Clipboard-API way, for when writeText is refused (Electron's permission guard denies
 * every permission request, clipboard-sanitized-write included): copy a selected hidden textarea.
 */
function legacyCopy(text: string): boolean {
  if (typeof document === 'undefined' || typeof document.execCommand !== 'function') return false;
  const previous = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus?.();
  return ok;
}

export async function copyText(
  text: string,
  clipboard: ClipboardLike | undefined = systemClipboard(),
): Promise<void> {
  try {
    if (!clipboard) throw new ClipboardUnavailableError();
    await clipboard.writeText(text);
  } catch {
    if (!legacyCopy(text)) throw new ClipboardUnavailableError();
  }
}

export interface CopySecretOptions {
  clipboard?: ClipboardLike;
  timers?: Timers;
  focus?: FocusLike;
  /** Told once what became of the clear (not called when a newer copy superseded it). */
  onClearResult?(result: ClearResult): void;
}

/** The one pending clear (a newer copy supersedes it). */
let pendingClear: { cancel(): void } | undefined;

/** Copies a secret and schedules its removal after `clearAfterSeconds` (0 = never). */
export async function copySecret(
  text: string,
  clearAfterSeconds: number,
  options: CopySecretOptions = {},
): Promise<void> {
  const clipboard = 'clipboard' in options ? options.clipboard : systemClipboard();
  const timers = options.timers ?? browserTimers;
  const focus = options.focus ?? browserFocus;
  await copyText(text, clipboard);
  pendingClear?.cancel();
  pendingClear = undefined;
  if (clearAfterSeconds <= 0) return;
  if (!clipboard) {
    // Copied the legacy way: nothing here can read or clear the clipboard later.
    options.onClearResult?.('not-allowed');
    return;
  }

  let live = true;
  let stopWaiting: (() => void) | undefined;
  const entry = {
    cancel() {
      live = false;
      timers.clearTimeout(handle);
      stopWaiting?.();
    },
  };
  const report = (result: ClearResult) => {
    if (!live) return;
    live = false;
    if (pendingClear === entry) pendingClear = undefined;
    options.onClearResult?.(result);
  };
  const attempt = () => {
    if (!live) return;
    // Without focus the browser refuses both reading and writing: try when the user is back.
    if (!focus.hasFocus()) {
      stopWaiting = focus.onFocus(attempt);
      return;
    }
    void clearIfUnchanged(clipboard, text).then(report);
  };
  const handle = timers.setTimeout(attempt, clearAfterSeconds * 1000);
  pendingClear = entry;
}

async function clearIfUnchanged(clipboard: ClipboardLike, expected: string): Promise<ClearResult> {
  if (!clipboard.readText) return 'not-allowed';
  let current: string;
  try {
    current = await clipboard.readText();
  } catch {
    // Reading was denied: never overwrite something we cannot see.
    return 'not-allowed';
  }
  if (current !== expected) return 'replaced';
  try {
    await clipboard.writeText('');
    return 'cleared';
  } catch {
    return 'not-allowed';
  }
}
