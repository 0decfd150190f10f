import { describe, expect, it } from 'vitest';
import { createAppOrigin, resolveAppLocation } from '../../../main/electron/app-origin.js';
import { APP_INDEX_URL, DEV_SERVER_URL } from './fakes.js';

describe('app origin', () => {
  it('a build is app://token-desk/index.html, whatever the hash or query', () => {
    const origin = createAppOrigin({ kind: 'app' });
    expect(origin.startUrl).toBe(APP_INDEX_URL);
    expect(origin.isAppUrl(`${APP_INDEX_URL}#/connections/acme`)).toBe(true);
    expect(origin.isAppUrl(`${APP_INDEX_URL}?x=1`)).toBe(true);
    // Another file of the build, another host or scheme, credentials: not the app page.
    expect(origin.isAppUrl('app://token-desk/assets/index-abc.js')).toBe(false);
    expect(origin.isAppUrl('app://token-desk/other.html')).toBe(false);
    expect(origin.isAppUrl('app://other/index.html')).toBe(false);
    expect(origin.isAppUrl('app://token-desk:8080/index.html')).toBe(false);
    expect(origin.isAppUrl('app://user:pw@token-desk/index.html')).toBe(false);
    expect(
      origin.isAppUrl('file:///opt/Token%20Desk/resources/app.asar/out/renderer/index.html'),
    ).toBe(false);
    expect(origin.isAppUrl('https://token-desk/index.html')).toBe(false);
    expect(origin.isAppUrl('not a url')).toBe(false);
  });

  it('uses the dev server only when not packaged and electron-vite gave its URL', () => {
    expect(resolveAppLocation({ isPackaged: false, devServerUrl: DEV_SERVER_URL })).toEqual({
      kind: 'dev',
      serverUrl: DEV_SERVER_URL,
    });
    expect(resolveAppLocation({ isPackaged: false, devServerUrl: undefined })).toEqual({
      kind: 'app',
    });
    expect(resolveAppLocation({ isPackaged: true, devServerUrl: DEV_SERVER_URL })).toEqual({
      kind: 'app',
    });
  });

  it('refuses a dev server that is not http(s)', () => {
    expect(() => createAppOrigin({ kind: 'dev', serverUrl: 'file:///x' })).toThrow();
  });
});
