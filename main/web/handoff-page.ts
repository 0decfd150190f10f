// The hand-over page of the browser mode: a small HTML file, readable only by its owner, that the
// system browser is asked to open instead of an address with a secret in it. The page posts a
// one-time code to the server (a form, so the code is in no address and no history entry); the
// server answers with a ticket cookie and sends the tab to Token Desk. The file's code dies with
// its first use, and the file is removed then and when the run ends.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HandoffPage {
  /** file:// address of the page: all the opener gets to see. */
  url: string;
  path: string;
  remove(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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

/**
 * Writes the page in `<home>/browser-mode/` (a folder only the user may enter; the Token Desk home
 * rather than the temp folder, which sandboxed browsers such as snaps cannot read).
 */
export async function writeHandoffPage(options: {
  home: string;
  port: number;
  action: string;
  code: string;
}): Promise<HandoffPage> {
  const dir = join(options.home, 'browser-mode');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `open-${options.port}.html`);
  // A page left by a run that crashed on this port holds only a dead code.
  await rm(path, { force: true });
  // 'wx': never through a file (or link) someone else put there.
  await writeFile(path, handoffHtml(options.action, options.code), { mode: 0o600, flag: 'wx' });
  return {
    url: pathToFileURL(path).href,
    path,
    remove: () => rm(path, { force: true }),
  };
}
