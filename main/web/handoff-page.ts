// The hand-over page of the browser mode: what the system browser is asked to open instead of an
// address with a secret in it. A 0600 file (platform/node/private-pages.ts) whose form posts a
// one-time code to the server (a POST, so the code is in no address and no history entry); the
// server answers with a ticket cookie and sends the tab to Token Desk. The code dies with its
// first use; the file is removed then, and when the run ends.

import { escapeHtml, writePrivatePage, type PrivatePage } from '../platform/node/private-pages.js';

export type HandoffPage = PrivatePage;

export function handoffHtml(action: string, code: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Opening Token Desk…</title>
</head>
<body>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="code" value="${escapeHtml(code)}">
<p>Opening Token Desk… If nothing happens, <button type="submit">Open Token Desk</button></p>
</form>
<script>document.forms[0].submit();</script>
</body>
</html>
`;
}

export function writeHandoffPage(options: {
  home: string;
  port: number;
  action: string;
  code: string;
}): Promise<HandoffPage> {
  return writePrivatePage({
    home: options.home,
    name: `open-${options.port}.html`,
    html: handoffHtml(options.action, options.code),
  });
}
