import { describe, expect, it, vi } from 'vitest';
import {
  APP_ID,
  applyAppUserModelId,
  keepInTrayByDefault,
  onAllWindowsClosed,
  trayImage,
} from '../../../main/electron/app-shell.js';

describe('desktop shell decisions', () => {
  it("sets Windows' app user model id to electron-builder's appId, on Windows only", () => {
    expect(APP_ID).toBe('com.tokendesk.app');
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const app = { setAppUserModelId: vi.fn() };
      applyAppUserModelId(app, platform);
      expect(app.setAppUserModelId.mock.calls).toEqual(platform === 'win32' ? [[APP_ID]] : []);
    }
  });

  it('keeps running in the tray by default on macOS and Windows, not on Linux', () => {
    expect(keepInTrayByDefault('darwin')).toBe(true);
    expect(keepInTrayByDefault('win32')).toBe(true);
    expect(keepInTrayByDefault('linux')).toBe(false);
    expect(keepInTrayByDefault('freebsd')).toBe(false);
  });

  it('quits when the last window closes unless the setting says stay; unreadable settings quit', () => {
    expect(onAllWindowsClosed(() => true)).toBe('stay');
    expect(onAllWindowsClosed(() => false)).toBe('quit');
    expect(
      onAllWindowsClosed(() => {
        throw new Error('damaged settings');
      }),
    ).toBe('quit');
  });

  it('loads the template tray image on macOS as is, and the app icon scaled elsewhere', () => {
    expect(trayImage('darwin', '/r')).toEqual({ path: '/r/trayTemplate.png' });
    expect(trayImage('linux', '/r')).toEqual({ path: '/r/icon.png', resizeTo: 24 });
    expect(trayImage('win32', '/r')).toEqual({ path: '/r/icon.png', resizeTo: 24 });
  });
});
