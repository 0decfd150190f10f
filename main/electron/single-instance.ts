// One Token Desk per user: a second launch hands over to the first (which shows its window) and
// exits, so two processes never hold the tray, the loopback port or the clipboard timer twice.

/** The part of Electron's `app` used here. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** The part of BrowserWindow used to bring it forward. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Takes the single-instance lock. False means another instance has it: this one quits (the other
 * got 'second-instance'). `onSecondInstance` is called in the first instance when someone else
 * starts; it shows the window, creating it if it was closed to the tray.
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondInstance);
  return true;
}
