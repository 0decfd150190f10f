// Pages only the user can read, for handing an address to the system browser without putting
// it on the opener's command line (every local user can read a process's arguments). The opener
// gets a file:// address of a 0600 page in `<home>/pages/` (a 0700 folder), and the page does the
// rest in the browser: the browser mode's hand-over posts a one-time code (main/web), and the
// forwarding opener here sends the browser on to a sign-in address (its `state` and PKCE
// challenge would let another user finish the sign-in with their own account).

import { rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserOpener } from '../../core/ports.js';

export interface PrivatePage {
  /** file:// address of the page: all the opener gets to see. */
  url: string;
  path: string;
  remove(): Promise<void>;
}

/** How long a forwarding page may stay: the browser reads it at once; a sign-in waits at most an hour. */
const FORWARDING_PAGE_MS = 60 * 60 * 1000;

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Writes `html` as `<home>/pages/<name>`, mode 0600, never through a file or link someone else
 * put there. The Token Desk home rather than the temp folder, which sandboxed browsers cannot read.
 * The page is removed by `remove()`, or when this process exits.
 */
export async function writePrivatePage(options: {
  home: string;
  name: string;
  html: string;
}): Promise<PrivatePage> {
  const dir = join(options.home, 'pages');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, options.name);
  // A page left by a run that crashed holds only a dead code or a finished sign-in.
  await rm(path, { force: true });
  await writeFile(path, options.html, { mode: 0o600, flag: 'wx' });
  const atExit = () => rmSync(path, { force: true });
  process.once('exit', atExit);
  return {
    url: pathToFileURL(path).href,
    path,
    async remove() {
      process.off('exit', atExit);
      await rm(path, { force: true });
    },
  };
}

export function forwardingHtml(target: string): string {
  const href = escapeHtml(target);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening the sign-in page…</title>
</head>
<body>
<p>Opening the sign-in page… If nothing happens, <a href="${href}">continue to the sign-in page</a>.</p>
</body>
</html>
`;
}

/**
 * An opener that hands `opener` a 0600 page forwarding to the address instead of the address.
 * Only http(s) addresses are forwarded. The last page is replaced by the next sign-in's, and gone
 * when the process ends (or after an hour).
 */
export function forwardingOpener(options: { home: string; opener: BrowserOpener }): BrowserOpener {
  let last: PrivatePage | undefined;
  return {
    async open(url) {
      const protocol = new URL(url).protocol;
      if (protocol !== 'https:' && protocol !== 'http:')
        throw new Error(`refusing to forward a ${protocol} address`);
      await last?.remove();
      const page = await writePrivatePage({
        home: options.home,
        name: `sign-in-${randomBytes(8).toString('hex')}.html`,
        html: forwardingHtml(url),
      });
      last = page;
      setTimeout(() => void page.remove(), FORWARDING_PAGE_MS).unref();
      await options.opener.open(page.url);
    },
  };
}
