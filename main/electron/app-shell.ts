// Small decisions of the desktop shell that depend on the platform, kept as pure functions so
// tests check every OS: the Windows app id (without it Windows shows no notifications), the
// default of "keep running in the tray", what closing the last window does, and which tray image
// to load.

import { join } from 'node:path';

/** productName in electron-builder.yml: menus and dialogs say it. */
export const APP_NAME = 'Token Desk';

/** appId in electron-builder.yml: Windows ties notifications and the taskbar to it. */
export const APP_ID = 'com.tokendesk.app';

/** The part of Electron's app used to set the Windows app id. */
export interface AppIdTarget {
  setAppUserModelId(id: string): void;
}

/** Windows only, and before any notification is shown: call it before 'ready'. */
export function applyAppUserModelId(app: AppIdTarget, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}

/**
 * "Keep running in the tray" when the user never chose. Off on Linux: GNOME shows no tray icon
 * without the AppIndicator extension, and Electron cannot tell, so a closed window would leave a
 * process nobody can see or quit.
 */
export function keepInTrayByDefault(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** What happens when the last window closes: stay in the tray, or quit. */
export function onAllWindowsClosed(keepInTray: () => boolean): 'stay' | 'quit' {
  try {
    return keepInTray() ? 'stay' : 'quit';
  } catch {
    // Settings unreadable: quitting is the choice that never strands an invisible process.
    return 'quit';
  }
}

export interface TrayImage {
  path: string;
  /** Pixel width to resize to, or undefined to load as is (a macOS template with its @2x). */
  resizeTo?: number;
}

/**
 * The tray image. macOS: the monochrome template (build/trayTemplate.png with @2x), which the
 * menu bar tints for light and dark; the "Template" suffix is what marks it, and resizing would
 * drop the @2x variant. Elsewhere the app icon, scaled to a tray's size. `dir` is
 * process.resourcesPath when packaged, the project's build/ folder otherwise.
 */
export function trayImage(platform: NodeJS.Platform, dir: string): TrayImage {
  if (platform === 'darwin') return { path: join(dir, 'trayTemplate.png') };
  return { path: join(dir, 'icon.png'), resizeTo: 24 };
}
