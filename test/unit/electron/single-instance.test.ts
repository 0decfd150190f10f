import { describe, expect, it, vi } from 'vitest';
import {
  bringToFront,
  claimSingleInstance,
  type FocusableWindow,
} from '../../../main/electron/single-instance.js';

function fakeApp(gotLock: boolean) {
  const listeners: Array<() => void> = [];
  return {
    listeners,
    requestSingleInstanceLock: vi.fn(() => gotLock),
    on: vi.fn((_event: 'second-instance', listener: () => void) => listeners.push(listener)),
    quit: vi.fn(),
  };
}

function fakeWindow(minimized: boolean): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
}

describe('single instance', () => {
  it('a second launch quits at once and registers nothing', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('the first instance brings its window forward when another launch happens', () => {
    const app = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app, () => bringToFront(window))).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.listeners.forEach((listener) => listener());
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('bringToFront does not restore a window that is not minimized, and ignores a missing one', () => {
    const window = fakeWindow(false);
    bringToFront(window);
    expect(window.calls).toEqual(['show', 'focus']);
    expect(() => bringToFront(undefined)).not.toThrow();
  });
});
