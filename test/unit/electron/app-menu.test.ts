import { describe, expect, it, vi } from 'vitest';
import {
  applicationMenuTemplate,
  CHECK_FOR_UPDATES_ID,
  flattenMenu,
  QUIT_ID,
  toElectronMenu,
} from '../../../main/electron/app-menu.js';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

describe('application menu', () => {
  it.each(PLATFORMS)('has Quit, an Edit menu and Check for updates on %s', (platform) => {
    const template = applicationMenuTemplate(platform);
    const items = flattenMenu(template);
    expect(items.find((item) => item.id === QUIT_ID)).toMatchObject({ role: 'quit' });
    expect(items.find((item) => item.id === QUIT_ID)?.label).toMatch(/Quit Token Desk/);
    expect(template).toContainEqual({ role: 'editMenu' });
    expect(items.find((item) => item.id === CHECK_FOR_UPDATES_ID)).toMatchObject({
      action: 'check-for-updates',
    });
  });

  it('is the standard app menu on macOS (Cmd+C/V need the Edit menu)', () => {
    const template = applicationMenuTemplate('darwin');
    expect(template).toContainEqual({ role: 'editMenu' });
    expect(template).toContainEqual({ role: 'windowMenu' });
    const appMenu = template[0]!;
    expect(appMenu.label).toBe('Token Desk');
    expect(appMenu.submenu?.map((item) => item.role ?? item.id ?? item.type)).toEqual([
      'about',
      CHECK_FOR_UPDATES_ID,
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
  });

  it('has a File menu with Ctrl+Q on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const [file] = applicationMenuTemplate(platform);
      expect(file?.label).toBe('&File');
      expect(file?.submenu?.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    }
  });

  it('turns actions into clicks and keeps roles for Electron', () => {
    const run = vi.fn();
    const menu = toElectronMenu(applicationMenuTemplate('linux'), run);
    const items = flattenMenu(menu);
    expect(items.some((item) => 'action' in item)).toBe(false);
    items.find((item) => item.id === CHECK_FOR_UPDATES_ID)?.click?.();
    expect(run).toHaveBeenCalledWith('check-for-updates');
    expect(items.find((item) => item.id === QUIT_ID)).toMatchObject({ role: 'quit' });
    expect(items.find((item) => item.id === QUIT_ID)?.click).toBeUndefined();
  });
});
