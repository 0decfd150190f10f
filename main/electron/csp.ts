// The Content-Security-Policy of the app page, sent as a header: by the app:// protocol handler
// with every file of the build (app-protocol.ts), and on the dev server's documents through
// webRequest. The renderer's index.html carries the same policy as a meta tag, except what a meta
// tag cannot say (frame-ancestors) and connect-src 'self', which browser mode needs for its rpc
// calls (both policies apply, so the desktop still gets connect-src 'none'); a test keeps the two
// in step. Only the app's documents get the webRequest header; other responses (net.fetch to
// Zoho) are left alone.

import type { AppLocation } from './app-origin.js';

export function contentSecurityPolicy(location: AppLocation): string {
  const dev = location.kind === 'dev';
  const devServer = dev ? new URL(location.serverUrl) : undefined;
  // Vite's dev server needs its HMR socket and React Refresh's inline preamble; a build needs neither.
  const hmr = devServer
    ? ` ${devServer.protocol === 'https:' ? 'wss:' : 'ws:'}//${devServer.host}`
    : '';
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // Mantine sets style attributes and injects <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? `connect-src 'self'${hmr}` : "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "media-src 'none'",
  ].join('; ');
}

interface HeadersDetails {
  url: string;
  resourceType: string;
  responseHeaders?: Record<string, string[]>;
}

/** The part of Electron's session.webRequest used here. */
export interface WebRequestLike {
  onHeadersReceived(
    listener: (
      details: HeadersDetails,
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void,
  ): void;
}

export function installCspHeader(
  webRequest: WebRequestLike,
  options: { isAppUrl(url: string): boolean; policy: string },
): void {
  webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!isDocument || !options.isAppUrl(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(details.responseHeaders ?? {})) {
      if (key.toLowerCase() !== 'content-security-policy') headers[key] = value;
    }
    headers['Content-Security-Policy'] = [options.policy];
    callback({ responseHeaders: headers });
  });
}
