// The app:// protocol: which requests map to which files of the renderer build, and what the
// handler answers (the real file system on a temp folder standing in for out/renderer).

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../main/electron/app-protocol.js';
import { contentSecurityPolicy } from '../../../main/electron/csp.js';

const POSIX_ROOT = '/opt/Token Desk/resources/app.asar/out/renderer';
const WIN_ROOT = 'C:\\Program Files\\Token Desk\\resources\\app.asar\\out\\renderer';

describe('resolveAppRequest', () => {
  const get = (url: string, root = POSIX_ROOT, api: typeof path.posix = path.posix) =>
    resolveAppRequest('GET', url, root, api);

  it('maps the app page and its assets to files of the build, with their type', () => {
    expect(get('app://token-desk/index.html')).toEqual({
      kind: 'file',
      path: `${POSIX_ROOT}/index.html`,
      contentType: 'text/html; charset=utf-8',
    });
    expect(get('app://token-desk/')).toMatchObject({
      kind: 'file',
      path: `${POSIX_ROOT}/index.html`,
    });
    expect(get('app://token-desk/assets/index-B1x2.js?v=1#x')).toEqual({
      kind: 'file',
      path: `${POSIX_ROOT}/assets/index-B1x2.js`,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(get('app://token-desk/assets/index-C3.css')).toMatchObject({
      contentType: 'text/css; charset=utf-8',
    });
    // A percent-encoded space is a file name, not an attack.
    expect(get('app://token-desk/assets/my%20icon.svg')).toMatchObject({
      kind: 'file',
      path: `${POSIX_ROOT}/assets/my icon.svg`,
      contentType: 'image/svg+xml',
    });
  });

  it.each([
    [
      'app://token-desk/../../../../etc/passwd.txt',
      'dot segments (resolved by the URL parser, still inside)',
    ],
    ['app://token-desk/assets/%2e%2e/%2e%2e/secret.txt', 'encoded dot segments'],
  ])('never leaves the build folder: %s (%s)', (url) => {
    const answer = get(url);
    if (answer.kind === 'file') expect(answer.path.startsWith(`${POSIX_ROOT}/`)).toBe(true);
  });

  it.each([
    ['app://token-desk/assets%2f..%2f..%2fvault.json', 400],
    ['app://token-desk/..%2F..%2Fvault.json', 400],
    ['app://token-desk/assets%5c..%5c..%5cvault.json', 400],
    ['app://token-desk/index.html%00.png', 400],
    ['app://token-desk/%E0%A4%A', 400],
    ['app://token-desk/C:/Windows/win.ini', 400],
    ['app://token-desk/.env', 404],
    ['app://token-desk/assets/.hidden.js', 404],
    ['app://token-desk/assets/', 404],
    ['app://token-desk/index.js.map', 404],
    ['app://token-desk/assets', 404],
    ['app://other-host/index.html', 404],
    ['app://user:pw@token-desk/index.html', 400],
    ['file:///etc/passwd', 404],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    expect(get(url)).toMatchObject({ kind: 'refused', status });
  });

  it('refuses every method but GET (and HEAD)', () => {
    expect(resolveAppRequest('POST', 'app://token-desk/index.html', POSIX_ROOT)).toMatchObject({
      kind: 'refused',
      status: 405,
    });
    expect(resolveAppRequest('HEAD', 'app://token-desk/index.html', POSIX_ROOT)).toMatchObject({
      kind: 'file',
    });
  });

  it('keeps to the build folder with Windows paths too', () => {
    expect(get('app://token-desk/assets/index.js', WIN_ROOT, path.win32)).toEqual({
      kind: 'file',
      path: `${WIN_ROOT}\\assets\\index.js`,
      contentType: 'text/javascript; charset=utf-8',
    });
    for (const url of [
      'app://token-desk/..%5c..%5cvault.json',
      'app://token-desk/assets%5C..%5C..%5Cvault.json',
      'app://token-desk/C:%5cWindows%5cwin.ini',
      'app://token-desk/C:/Windows/win.ini',
    ]) {
      expect(get(url, WIN_ROOT, path.win32), url).toMatchObject({ kind: 'refused' });
    }
  });

  it('registers app:// as a standard, secure scheme without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers');
  });
});

describe('the app:// handler', () => {
  let root: string;
  const policy = contentSecurityPolicy({ kind: 'app' });
  beforeEach(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'td-app-protocol-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Token Desk</title>');
    writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
    // A secret next to the build folder, as the vault file would be somewhere on the disk.
    writeFileSync(path.join(base, 'vault.json'), '{"secret":"do-not-serve"}');
  });
  afterEach(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  const handler = () => createAppProtocolHandler({ root, policy, readFile: (p) => readFile(p) });

  it('serves the page with the strict CSP header and its content type', async () => {
    const response = await handler()(new Request('app://token-desk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Token Desk</title>');

    const script = await handler()(new Request('app://token-desk/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for a missing file and refuses a way out of the build folder', async () => {
    expect((await handler()(new Request('app://token-desk/missing.js'))).status).toBe(404);
    for (const url of [
      'app://token-desk/..%2fvault.json',
      'app://token-desk/%2e%2e/vault.json',
      'app://token-desk/../vault.json',
    ]) {
      const response = await handler()(new Request(url));
      expect(response.status, url).not.toBe(200);
      expect(await response.text()).not.toContain('do-not-serve');
      expect(response.headers.get('content-security-policy')).toBe(policy);
    }
    expect(
      (await handler()(new Request('app://token-desk/index.html', { method: 'POST' }))).status,
    ).toBe(405);
  });
});
