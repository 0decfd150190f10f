// Keeps the window on the app page. Navigation, redirects, sub-frame navigation, <webview> and
// window.open are all denied; the one exception is a link the user clicked to a page of Zoho's
// documentation or API Console, which opens in the system browser (never in our window).
// Sign-in URLs are not on the list: the authorization opener (authorization-opener.ts) opens only
// the URLs main built itself.

import { DATA_CENTRES } from '../core/zoho/data-centres.js';

interface PreventableEvent {
  preventDefault(): void;
}
interface NavigationEvent extends PreventableEvent {
  url: string;
}
interface FrameNavigationEvent extends NavigationEvent {
  isMainFrame: boolean;
}

/** The part of Electron's WebContents this guard uses. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Hosts whose pages the user may open from the app: Zoho's docs, help and API Consoles. */
export const ZOHO_DOCS_HOSTS: ReadonlySet<string> = new Set([
  'www.zoho.com',
  'help.zoho.com',
  ...Object.values(DATA_CENTRES).map((dc) => new URL(dc.consoleUrl).host),
]);

export interface NavigationGuardOptions {
  isAppUrl(url: string): boolean;
  /** shell.openExternal in the app; only ever called with an allow-listed https URL. */
  openExternal(url: string): Promise<void> | void;
  allowedExternalHosts?: ReadonlySet<string>;
  /** For a log line; never shown to the page. */
  onBlocked?(
    url: string,
    reason: 'navigation' | 'redirect' | 'frame' | 'window-open' | 'webview',
  ): void;
}

/** An https link to an allow-listed host, without credentials: safe to hand to the system browser. */
export function isAllowedExternalLink(
  url: string,
  allowedHosts: ReadonlySet<string> = ZOHO_DOCS_HOSTS,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    allowedHosts.has(parsed.host.toLowerCase())
  );
}

export function installNavigationGuard(
  contents: GuardedContents,
  options: NavigationGuardOptions,
): void {
  const allowed = options.allowedExternalHosts ?? ZOHO_DOCS_HOSTS;
  const blocked = options.onBlocked ?? (() => undefined);
  const openIfAllowed = (url: string) => {
    if (!isAllowedExternalLink(url, allowed)) return;
    // A failure to start the browser must not surface as an unhandled rejection in main.
    void Promise.resolve()
      .then(() => options.openExternal(url))
      .catch(() => undefined);
  };

  contents.on('will-navigate', (event) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    blocked(event.url, 'navigation');
    openIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    blocked(event.url, 'redirect');
  });
  // The app has no frames: any sub-frame navigation is someone else's page.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    event.preventDefault();
    blocked(event.url, 'frame');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    blocked('', 'webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    blocked(url, 'window-open');
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
