import { describe, expect, it } from 'vitest';
import {
  copySecret,
  type ClipboardLike,
  type Timers,
} from '../../../renderer/src/lib/clipboard.js';

function fakes() {
  let content = '';
  const clipboard: ClipboardLike = {
    writeText: async (t) => void (content = t),
    readText: async () => content,
  };
  const pending: Array<() => void> = [];
  const timers: Timers = { setTimeout: (cb) => pending.push(cb), clearTimeout: () => undefined };
  return { clipboard, timers, pending, read: () => content, set: (t: string) => (content = t) };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('copySecret (browser mode)', () => {
  it('clears the clipboard after the delay if it still holds what we put there', async () => {
    const f = fakes();
    await copySecret('token-1', 30, f.clipboard, f.timers);
    expect(f.read()).toBe('token-1');
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const f = fakes();
    await copySecret('token-1', 30, f.clipboard, f.timers);
    f.set('my notes');
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('my notes');
  });

  it('never clears with a delay of 0, and survives a denied read', async () => {
    const f = fakes();
    await copySecret('token-1', 0, f.clipboard, f.timers);
    expect(f.pending).toHaveLength(0);
    const denied: ClipboardLike = {
      writeText: f.clipboard.writeText,
      readText: () => Promise.reject(new Error('denied')),
    };
    await copySecret('token-2', 5, denied, f.timers);
    f.pending.shift()!();
    await flush();
    expect(f.read()).toBe('token-2');
  });
});
