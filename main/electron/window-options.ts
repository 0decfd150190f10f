// The options of Token Desk's one window. Every security-relevant webPreference is written out,
// even where it matches Electron's default, so a reviewer (or Electronegativity) sees it and a
// changed default upstream cannot loosen it.

import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Window icon (Linux/Windows); macOS takes the app bundle's icon. */
  iconPath?: string;
  /** DevTools only in development builds. */
  devTools: boolean;
}

export const WINDOW_TITLE = 'Token Desk';

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1180,
    height: 780,
    minWidth: 820,
    minHeight: 560,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1f2229',
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click opens links in new windows through a path window.open handlers once missed.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}

/**
 * The application menu: none on Windows and Linux (the window has no menu bar); on macOS the
 * standard app, Edit and Window menus, without which Cmd+C / Cmd+V do not work in text fields.
 */
export function applicationMenuTemplate(
  platform: NodeJS.Platform,
): Array<{ role: 'appMenu' | 'editMenu' | 'windowMenu' }> | null {
  return platform === 'darwin'
    ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]
    : null;
}
