import { describe, expect, it } from 'vitest';
import {
  installPermissionGuard,
  type GuardedSession,
} from '../../../main/electron/permission-guard.js';

describe('permission guard', () => {
  it('denies every permission request and check, and every device', () => {
    let request: Parameters<GuardedSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<GuardedSession['setPermissionCheckHandler']>[0] | undefined;
    let device: ((details: unknown) => boolean) | undefined;
    const denied: string[] = [];
    installPermissionGuard(
      {
        setPermissionRequestHandler: (handler) => (request = handler),
        setPermissionCheckHandler: (handler) => (check = handler),
        setDevicePermissionHandler: (handler) => (device = handler),
      },
      (permission) => denied.push(permission),
    );

    const answers: boolean[] = [];
    for (const permission of [
      'notifications',
      'media',
      'clipboard-read',
      'geolocation',
      'openExternal',
      'fullscreen',
    ]) {
      request!({}, permission, (granted) => answers.push(granted));
      expect(check!({}, permission)).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
    expect(denied).toContain('clipboard-read');
    expect(device!({ deviceType: 'usb' })).toBe(false);
  });

  it('allows only plain clipboard writes, for the copy buttons of non-secret values', () => {
    let request: Parameters<GuardedSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<GuardedSession['setPermissionCheckHandler']>[0] | undefined;
    installPermissionGuard({
      setPermissionRequestHandler: (handler) => (request = handler),
      setPermissionCheckHandler: (handler) => (check = handler),
    });
    const answers: boolean[] = [];
    request!({}, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    request!({}, 'clipboard-read', (granted) => answers.push(granted));
    expect(answers).toEqual([true, false]);
    expect(check!({}, 'clipboard-sanitized-write')).toBe(true);
    expect(check!({}, 'clipboard-read')).toBe(false);
  });
});
