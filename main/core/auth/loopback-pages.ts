// The small self-contained HTML pages the loopback receiver answers the browser with: no external
// resource, nothing cached, nothing that could leak the URL (which holds the code). The one script
// any page may run is `window.close()` on a success page (the tab is done with), allowed by its
// hash alone.

import { createHash } from 'node:crypto';
import type { LoopbackResponse } from '../ports.js';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Self-contained page: no script, no external resource, nothing that could leak the URL.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // One request per connection, so closing the servers leaves no keep-alive socket behind.
  connection: 'close',
} as const;

/**
 * Closes the tab. Browsers honour it only for a tab a script opened (the browser mode's sign-in
 * tab); elsewhere it does nothing and the page's text says the tab can be closed.
 */
const CLOSE_SCRIPT = 'window.close();';
const CLOSE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(CLOSE_SCRIPT).digest('base64')}'`;

export function page(
  status: number,
  title: string,
  message: string,
  extraHeaders: Record<string, string> = {},
  closeSelf = false,
): LoopbackResponse {
  const script = closeSelf ? `<script>${CLOSE_SCRIPT}</script>` : '';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Token Desk</title>
<style>body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1f2937}h1{font-size:1.3rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${script}</body></html>
`;
  const headers: Record<string, string> = { ...PAGE_HEADERS, ...extraHeaders };
  if (closeSelf)
    headers['content-security-policy'] =
      `${PAGE_HEADERS['content-security-policy']}; script-src ${CLOSE_SCRIPT_HASH}`;
  return { status, headers, body };
}

/** A success page: says the tab can be closed, and tries to close it. */
export function donePage(title: string, message: string): LoopbackResponse {
  return page(200, title, message, {}, true);
}

/** The one page for anything unknown, so a forged request learns nothing. */
export function notFound(): LoopbackResponse {
  return page(
    404,
    'Not found',
    'Nothing is here. Token Desk is waiting for the Zoho sign-in page to send you back. If you came from an older Zoho tab, use the newest one, or start the authorization again.',
  );
}

/** A request that raced in while the servers close: it must not become a second result. */
export function alreadyFinished(): LoopbackResponse {
  return page(
    410,
    'Already finished',
    'Token Desk has already received an answer for this sign-in. You can close this tab.',
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
