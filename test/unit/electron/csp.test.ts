import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAppOrigin } from '../../../main/electron/app-origin.js';
import {
  contentSecurityPolicy,
  installCspHeader,
  type WebRequestLike,
} from '../../../main/electron/csp.js';
import { DEV_SERVER_URL } from './fakes.js';

function capture() {
  let listener: Parameters<WebRequestLike['onHeadersReceived']>[0] | undefined;
  const webRequest: WebRequestLike = { onHeadersReceived: (l) => (listener = l) };
  const run = (details: {
    url: string;
    resourceType: string;
    responseHeaders?: Record<string, string[]>;
  }) => {
    let answer: unknown;
    listener!(details, (response) => (answer = response));
    return answer;
  };
  return { webRequest, run };
}

describe('content security policy', () => {
  it('is strict in a build: own scripts only, no connections, no frames, no plugins', () => {
    const policy = contentSecurityPolicy({ kind: 'app' });
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('lets the dev server talk to its HMR socket in development only', () => {
    const policy = contentSecurityPolicy({ kind: 'dev', serverUrl: DEV_SERVER_URL });
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
  });

  it('adds the header to the app documents only, replacing any other CSP', () => {
    const origin = createAppOrigin({ kind: 'dev', serverUrl: DEV_SERVER_URL });
    const { webRequest, run } = capture();
    installCspHeader(webRequest, { isAppUrl: origin.isAppUrl, policy: 'default-src x' });
    expect(
      run({
        url: DEV_SERVER_URL,
        resourceType: 'mainFrame',
        responseHeaders: { 'content-security-policy': ['loose'], 'Content-Type': ['text/html'] },
      }),
    ).toEqual({
      responseHeaders: {
        'Content-Security-Policy': ['default-src x'],
        'Content-Type': ['text/html'],
      },
    });
    // Zoho API answers fetched by main, and app assets, are left as they are.
    expect(run({ url: 'https://www.zohoapis.eu/crm/v8/users', resourceType: 'other' })).toEqual({});
    expect(run({ url: `${DEV_SERVER_URL}src/main.tsx`, resourceType: 'script' })).toEqual({});
    expect(run({ url: 'https://evil.example/', resourceType: 'mainFrame' })).toEqual({});
  });

  it("the meta tag of index.html is the same policy, but for frame-ancestors and browser mode's connect-src", () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'index.html has a CSP meta tag').toBeDefined();
    const directives = (policy: string) =>
      new Map(
        policy
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((parts) => parts[0])
          .map(([name, ...values]) => [name!, values.join(' ')]),
      );
    const header = directives(contentSecurityPolicy({ kind: 'app' }));
    const tag = directives(meta!);
    // A meta tag cannot carry frame-ancestors; the header does.
    header.delete('frame-ancestors');
    // Browser mode calls its rpc on its own origin; the desktop's header says 'none' (and wins,
    // since both policies apply).
    expect(header.get('connect-src')).toBe("'none'");
    expect(tag.get('connect-src')).toBe("'self'");
    header.delete('connect-src');
    tag.delete('connect-src');
    expect(Object.fromEntries(tag)).toEqual(Object.fromEntries(header));
  });
});
