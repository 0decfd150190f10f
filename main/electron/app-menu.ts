// The window's application menu as data, per platform: Quit on every OS (closing the window may
// not quit when "keep running in the tray" is on, and where no tray icon shows, the menu is the
// way out), an Edit menu so copy and paste work in text fields, and "Check for updates…". On
// macOS the standard app menu (About, Services, Hide, Quit) and Window menu. Items carry an
// `action` name instead of a click function, so tests compare templates; toElectronMenu turns
// actions into clicks.

import { APP_NAME } from './app-shell.js';
import { actionsToClicks, type WithClicks } from './menu-clicks.js';

export type AppMenuAction = 'check-for-updates';

export type AppMenuRole =
  'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'editMenu' | 'windowMenu';

export interface AppMenuItem {
  id?: string;
  label?: string;
  role?: AppMenuRole;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  submenu?: AppMenuItem[];
  action?: AppMenuAction;
}

export const CHECK_FOR_UPDATES_ID = 'check-for-updates';
export const QUIT_ID = 'quit';

const separator: AppMenuItem = { type: 'separator' };

export function applicationMenuTemplate(platform: NodeJS.Platform): AppMenuItem[] {
  if (platform === 'darwin') {
    return [
      {
        label: APP_NAME,
        submenu: [
          { role: 'about' },
          { id: CHECK_FOR_UPDATES_ID, label: 'Check for Updates…', action: 'check-for-updates' },
          separator,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { id: QUIT_ID, role: 'quit', label: `Quit ${APP_NAME}` },
        ],
      },
      { role: 'editMenu' },
      { role: 'windowMenu' },
    ];
  }
  // Windows and Linux: "&" marks the access key (Alt+F); Ctrl+Q as on Linux desktops.
  return [
    {
      label: '&File',
      submenu: [
        { id: CHECK_FOR_UPDATES_ID, label: 'Check for updates…', action: 'check-for-updates' },
        separator,
        { id: QUIT_ID, role: 'quit', label: `&Quit ${APP_NAME}`, accelerator: 'Ctrl+Q' },
      ],
    },
    { role: 'editMenu' },
  ];
}

/** A template item as Menu.buildFromTemplate takes it: actions became clicks. */
export type ElectronMenuItem = WithClicks<AppMenuItem>;

export function toElectronMenu(
  items: AppMenuItem[],
  run: (action: AppMenuAction) => void,
): ElectronMenuItem[] {
  return actionsToClicks(items, run);
}

/** Every item of a template, submenus included (for finding one by id). */
export function flattenMenu<T extends { submenu?: T[] }>(items: T[]): T[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
