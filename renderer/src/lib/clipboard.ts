// Clipboard writes done by this window (browser mode, and non-secret values everywhere). A token
// written here is cleared after the user's delay, but only if the clipboard still holds what we
// put there (best effort: reading the clipboard may be denied, and then we leave it alone).

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?(): Promise<string>;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
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

let pendingClear: unknown;

/** Copies a secret and schedules its removal after `clearAfterSeconds` (0 = never). */
export async function copySecret(
  text: string,
  clearAfterSeconds: number,
  clipboard: ClipboardLike | undefined = systemClipboard(),
  timers: Timers = browserTimers,
): Promise<void> {
  await copyText(text, clipboard);
  if (pendingClear !== undefined) timers.clearTimeout(pendingClear);
  pendingClear = undefined;
  if (clearAfterSeconds <= 0 || !clipboard) return;
  pendingClear = timers.setTimeout(() => {
    pendingClear = undefined;
    void clearIfUnchanged(clipboard, text);
  }, clearAfterSeconds * 1000);
}

async function clearIfUnchanged(clipboard: ClipboardLike, expected: string): Promise<void> {
  try {
    if (!clipboard.readText) return;
    if ((await clipboard.readText()) === expected) await clipboard.writeText('');
  } catch {
    // Reading was denied or the page lost focus: never overwrite something we cannot see.
  }
}
