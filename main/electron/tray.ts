// The tray icon: created through an injected factory (Signal's pattern), so this logic runs in
// tests without Electron. It rebuilds the menu from buildTrayTemplate whenever asked (connections
// changed, and on a timer so "58 min left" stays true) and turns menu actions into calls.

import { actionsToClicks, type WithClicks } from './menu-clicks.js';
import {
  buildTrayTemplate,
  trayToolTip,
  type TrayAction,
  type TrayMenuItem,
  type TrayState,
} from './tray-menu.js';

/** The part of Electron's Tray used here. */
export interface TrayLike {
  setContextMenu(menu: unknown): void;
  setToolTip(toolTip: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** A template item as Menu.buildFromTemplate takes it: actions became clicks. */
export type MenuTemplateItem = WithClicks<TrayMenuItem>;

export interface TrayActions {
  copy(name: string, as: 'token' | 'header'): Promise<void>;
  open(): void;
  quit(): void;
}

export interface TrayControllerOptions {
  createTray(icon: string): TrayLike;
  /** Menu.buildFromTemplate in the app. */
  buildMenu(template: MenuTemplateItem[]): unknown;
  icon: string;
  getState(): TrayState;
  actions: TrayActions;
  /** Left click opens the window on Windows and Linux; macOS shows the menu on click anyway. */
  platform: NodeJS.Platform;
}

export interface TrayController {
  refresh(): void;
  destroy(): void;
}

export function toMenuTemplate(
  items: TrayMenuItem[],
  run: (action: TrayAction) => void,
): MenuTemplateItem[] {
  return actionsToClicks(items, run);
}

export function createTrayController(options: TrayControllerOptions): TrayController {
  const tray = options.createTray(options.icon);
  const run = (action: TrayAction) => {
    if (action.kind === 'copy') void options.actions.copy(action.name, action.as);
    else if (action.kind === 'open') options.actions.open();
    else options.actions.quit();
  };
  if (options.platform !== 'darwin') tray.on('click', () => options.actions.open());

  const refresh = () => {
    let state: TrayState;
    try {
      state = options.getState();
    } catch {
      state = {
        connections: [],
        now: Date.now(),
        problem: 'Connections unavailable: open Token Desk',
      };
    }
    tray.setToolTip(trayToolTip(state));
    tray.setContextMenu(options.buildMenu(toMenuTemplate(buildTrayTemplate(state), run)));
  };
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}
