import { describe, expect, it, vi } from 'vitest';
import { createAppOrigin } from '../../../main/electron/app-origin.js';
import {
  installNavigationGuard,
  isAllowedExternalLink,
  type GuardedContents,
} from '../../../main/electron/navigation-guard.js';
import { APP_INDEX_URL } from './fakes.js';

type Listener = (event: { preventDefault(): void; url: string; isMainFrame: boolean }) => void;

class FakeGuardedContents implements GuardedContents {
  readonly listeners = new Map<string, Listener>();
  windowOpenHandler?: (details: { url: string }) => { action: 'deny' };
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires an event; returns whether the guard prevented it. */
  fire(event: string, url: string, isMainFrame = true): boolean {
    let prevented = false;
    this.listeners.get(event)!({ url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

async function setup() {
  const origin = createAppOrigin({ kind: 'app' });
  const contents = new FakeGuardedContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  const blocked: string[] = [];
  installNavigationGuard(contents, {
    isAppUrl: origin.isAppUrl,
    openExternal,
    onBlocked: (_url, reason) => blocked.push(reason),
  });
  // openExternal runs on a later microtask.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { contents, openExternal, blocked, settle };
}

const DOCS_URL = 'https://www.zoho.com/crm/developer/docs/api/v8/oauth-overview.html';

describe('navigation guard', () => {
  it('denies navigation to any other page, and opens nothing', async () => {
    const { contents, openExternal, blocked, settle } = await setup();
    expect(contents.fire('will-navigate', 'https://evil.example/login')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    await settle();
    expect(openExternal).not.toHaveBeenCalled();
    expect(blocked).toEqual(['navigation', 'navigation']);
  });

  it('lets the app page itself load (a reload)', async () => {
    const { contents } = await setup();
    expect(contents.fire('will-navigate', `${APP_INDEX_URL}#/settings`)).toBe(false);
  });

  it('opens an allow-listed Zoho docs link in the system browser instead of the window', async () => {
    const { contents, openExternal, settle } = await setup();
    expect(contents.fire('will-navigate', DOCS_URL)).toBe(true);
    await settle();
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(DOCS_URL);
  });

  it('denies redirects and sub-frame navigations', async () => {
    const { contents } = await setup();
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-frame-navigate', 'https://evil.example/frame', false)).toBe(true);
    expect(contents.fire('will-frame-navigate', APP_INDEX_URL, false)).toBe(true);
    // The main frame's navigations are will-navigate's business.
    expect(contents.fire('will-frame-navigate', APP_INDEX_URL, true)).toBe(false);
  });

  it('refuses to attach a <webview>', async () => {
    const { contents } = await setup();
    let prevented = false;
    contents.listeners.get('will-attach-webview')!({
      url: '',
      isMainFrame: true,
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
  });

  it('denies every window.open; only an allow-listed link reaches the system browser', async () => {
    const { contents, openExternal, settle } = await setup();
    for (const url of [
      DOCS_URL,
      'https://evil.example/',
      'javascript:alert(1)',
      APP_INDEX_URL,
      'https://accounts.zoho.eu/oauth/v2/auth?client_id=x',
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    expect(openExternal.mock.calls).toEqual([[DOCS_URL]]);
  });
});

describe('external link allow-list', () => {
  it.each([
    [DOCS_URL, true],
    ['https://help.zoho.com/portal/en/kb', true],
    ['https://api-console.zoho.eu/', true],
    ['https://api-console.zohocloud.ca/', true],
    ['http://www.zoho.com/crm/', false],
    ['https://www.zoho.com.evil.example/', false],
    ['https://user:pass@www.zoho.com/', false],
    ['https://accounts.zoho.com/oauth/v2/auth', false],
    ['mailto:someone@zoho.com', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedExternalLink(url)).toBe(allowed);
  });
});
