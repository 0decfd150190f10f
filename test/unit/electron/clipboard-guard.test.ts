import { describe, expect, it } from 'vitest';
import {
  clearIfUnchanged,
  clipboardPort,
  copyWithAutoClear,
} from '../../../main/electron/clipboard-guard.js';
import { FakeClipboard, ManualSchedule } from './fakes.js';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('copyWithAutoClear', () => {
  it('writes the text and clears it after the delay when the clipboard still holds it', async () => {
    const clipboard = new FakeClipboard();
    const timer = new ManualSchedule();
    const settled: boolean[] = [];
    await copyWithAutoClear({
      clipboard,
      text: '1000.secret',
      clearAfterMs: 30_000,
      schedule: timer.schedule,
      onSettled: (c) => settled.push(c),
    });
    expect(clipboard.text).toBe('1000.secret');
    expect(timer.active.map((entry) => entry.delayMs)).toEqual([30_000]);
    timer.fireAll();
    await flush();
    expect(clipboard.text).toBe('');
    expect(settled).toEqual([true]);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clipboard = new FakeClipboard();
    const timer = new ManualSchedule();
    const settled: boolean[] = [];
    await copyWithAutoClear({
      clipboard,
      text: '1000.secret',
      clearAfterMs: 30_000,
      schedule: timer.schedule,
      onSettled: (c) => settled.push(c),
    });
    await clipboard.writeText('the user’s own text');
    timer.fireAll();
    await flush();
    expect(clipboard.text).toBe('the user’s own text');
    expect(settled).toEqual([false]);
  });

  it('does not clear after cancel', async () => {
    const clipboard = new FakeClipboard();
    const timer = new ManualSchedule();
    const cancel = await copyWithAutoClear({
      clipboard,
      text: '1000.secret',
      clearAfterMs: 30_000,
      schedule: timer.schedule,
    });
    cancel();
    expect(timer.active).toHaveLength(0);
    timer.fireAll();
    await flush();
    expect(clipboard.text).toBe('1000.secret');
  });

  it('schedules nothing when clearing is turned off (0 s)', async () => {
    const clipboard = new FakeClipboard();
    const timer = new ManualSchedule();
    await copyWithAutoClear({ clipboard, text: 'x', clearAfterMs: 0, schedule: timer.schedule });
    expect(timer.pending).toHaveLength(0);
    expect(clipboard.text).toBe('x');
  });

  it('clearIfUnchanged compares exactly', async () => {
    const clipboard = new FakeClipboard();
    await clipboard.writeText('abc ');
    expect(await clearIfUnchanged(clipboard, 'abc')).toBe(false);
    expect(await clearIfUnchanged(clipboard, 'abc ')).toBe(true);
    expect(clipboard.text).toBe('');
  });

  it('adapts Electron’s synchronous clipboard', async () => {
    let held = '';
    const port = clipboardPort({ writeText: (text) => void (held = text), readText: () => held });
    await port.writeText('t');
    expect(await port.readText()).toBe('t');
  });

  it('adapts Electron’s clipboard of Electron 44 and later (promises)', async () => {
    let held = '';
    const port = clipboardPort({
      writeText: async (text) => void (held = text),
      readText: async () => held,
    });
    await port.writeText('t');
    expect(await port.readText()).toBe('t');
  });

  it('awaits the promise-returning clipboard of Electron 44 and later', async () => {
    let held = '';
    const settled: string[] = [];
    // Each call settles a turn later, as an asynchronous clipboard does.
    const later = <T>(value: () => T) =>
      new Promise<T>((resolve) => setImmediate(() => resolve(value())));
    const port = clipboardPort({
      writeText: (text) =>
        later(() => {
          held = text;
          settled.push(`write ${text}`);
        }),
      readText: () => later(() => held),
    });
    await port.writeText('secret');
    expect(settled).toEqual(['write secret']);
    expect(await port.readText()).toBe('secret');
    expect(await clearIfUnchanged(port, 'secret')).toBe(true);
    expect(held).toBe('');
    expect(settled).toEqual(['write secret', 'write ']);
  });
});
