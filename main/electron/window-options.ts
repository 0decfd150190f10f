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
    // The menu bar stays visible on Windows and Linux: its File menu holds Quit, the way out
    // where no tray icon shows (app-menu.ts).
    autoHideMenuBar: false,
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
