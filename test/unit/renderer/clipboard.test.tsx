import { describe, expect, it } from 'vitest';
import {
  copySecret,
  type ClearResult,
  type ClipboardLike,
  type FocusLike,
  type Timers,
} from '../../../renderer/src/lib/clipboard.js';

function fakes(options: { focused?: boolean } = {}) {
  let content = '';
  const clipboard: ClipboardLike = {
    writeText: async (t) => void (content = t),
    readText: async () => content,
  };
  const pending: Array<() => void> = [];
  const timers: Timers = { setTimeout: (cb) => pending.push(cb), clearTimeout: () => undefined };
  let focused = options.focused ?? true;
  const focusListeners: Array<() => void> = [];
  const focus: FocusLike = {
    hasFocus: () => focused,
    onFocus: (listener) => {
      focusListeners.push(listener);
      return () => focusListeners.splice(focusListeners.indexOf(listener), 1);
    },
  };
  const results: ClearResult[] = [];
  return {
    clipboard,
    timers,
    focus,
    pending,
    results,
    options: { clipboard, timers, focus, onClearResult: (r: ClearResult) => results.push(r) },
    read: () => content,
    set: (t: string) => (content = t),
    /** The user comes back to the page. */
    refocus() {
      focused = true;
      for (const listener of focusListeners.splice(0)) listener();
    },
    blur: () => (focused = false),
  };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('copySecret (browser mode)', () => {
  it('clears the clipboard after the delay if it still holds what we put there', async () => {
    const f = fakes();
    await copySecret('token-1', 30, f.options);
    expect(f.read()).toBe('token-1');
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('');
    expect(f.results).toEqual(['cleared']);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const f = fakes();
    await copySecret('token-1', 30, f.options);
    f.set('my notes');
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('my notes');
    expect(f.results).toEqual(['replaced']);
  });

  it('never clears with a delay of 0', async () => {
    const f = fakes();
    await copySecret('token-1', 0, f.options);
    expect(f.pending).toHaveLength(0);
    expect(f.results).toEqual([]);
  });

  it('reports a denied read as not allowed, and leaves the clipboard as it is', async () => {
    const f = fakes();
    const denied: ClipboardLike = {
      writeText: f.clipboard.writeText,
      readText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
    };
    await copySecret('token-2', 5, { ...f.options, clipboard: denied });
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('token-2');
    expect(f.results).toEqual(['not-allowed']);
  });

  it('reports a browser that cannot read the clipboard at all as not allowed', async () => {
    const f = fakes();
    await copySecret('token-3', 5, {
      ...f.options,
      clipboard: { writeText: f.clipboard.writeText },
    });
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('token-3');
    expect(f.results).toEqual(['not-allowed']);
  });

  it('without focus (the user went to Postman), waits until the page has focus again, then clears', async () => {
    const f = fakes();
    await copySecret('token-4', 30, f.options);
    f.blur();
    f.pending.shift()!();
    await flush();
    // Nothing tried yet: the browser would refuse without focus.
    expect(f.read()).toBe('token-4');
    expect(f.results).toEqual([]);
    f.refocus();
    await flush();
    expect(f.read()).toBe('');
    expect(f.results).toEqual(['cleared']);
  });

  it('a newer copy supersedes the pending clear of the older one', async () => {
    const f = fakes();
    await copySecret('token-5', 30, f.options);
    f.blur();
    f.pending.shift()!();
    await copySecret('token-6', 30, f.options);
    f.refocus();
    await flush();
    // The older clear never ran (it would have seen token-6 and reported 'replaced').
    expect(f.results).toEqual([]);
    expect(f.read()).toBe('token-6');
    f.pending.shift()!();
    await flush();
    expect(f.results).toEqual(['cleared']);
  });
});
