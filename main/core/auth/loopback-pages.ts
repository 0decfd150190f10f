// The small self-contained HTML pages the loopback receiver answers the browser with: no script,
// no external resource, nothing cached, nothing that could leak the URL (which holds the code).

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

export function page(
  status: number,
  title: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): LoopbackResponse {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Token Desk</title>
<style>body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1f2937}h1{font-size:1.3rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
  return { status, headers: { ...PAGE_HEADERS, ...extraHeaders }, body };
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
