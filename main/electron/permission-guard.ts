// Token Desk's page needs one browser permission: writing plain text to the clipboard, for the
// copy buttons of non-secret values (redirect URI, cURL, export). Everything else (camera,
// notifications, clipboard READ, geolocation, HID...) is answered "no". Tokens are copied in main.

/** The only permission granted: clipboard writes (Chromium sanitizes them to plain text). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The part of Electron's Session this guard uses. */
export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler?(handler: (details: unknown) => boolean): void;
}

export function installPermissionGuard(
  session: GuardedSession,
  onDenied?: (permission: string) => void,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = ALLOWED_PERMISSIONS.has(permission);
    if (!granted) onDenied?.(permission);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.setDevicePermissionHandler?.(() => false);
}
