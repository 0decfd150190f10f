// Token Desk's page needs no browser permission (no camera, notifications, clipboard read,
// geolocation, HID...): every request and every check is answered "no". Copying happens in main.

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
    onDenied?.(permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}
