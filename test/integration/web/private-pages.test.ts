// The 0600 pages that stand between the system browser's command line and an address worth
// stealing: the forwarding opener for sign-in addresses, and the browser mode's hand-over page.

import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forwardingOpener } from '../../../main/platform/node/private-pages.js';
import { writeHandoffPage } from '../../../main/web/handoff-page.js';

const SIGN_IN =
  'https://accounts.zoho.com/oauth/v2/auth?client_id=1000.X&state=st4te-value&code_challenge=ch4llenge&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcb';

describe('private pages', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'td-pages-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('the opener gets a 0600 page that forwards to the sign-in address, never the address', async () => {
    const opened: string[] = [];
    const opener = forwardingOpener({
      home,
      opener: { open: async (url) => void opened.push(url) },
    });
    await opener.open(SIGN_IN);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^file:\/\//);
    for (const part of ['st4te-value', 'ch4llenge', 'accounts.zoho.com'])
      expect(opened[0]).not.toContain(part);
    const path = fileURLToPath(opened[0]!);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, 'pages'))).mode & 0o777).toBe(0o700);
    const html = await readFile(path, 'utf8');
    const escaped = SIGN_IN.replaceAll('&', '&#38;');
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${escaped}">`);
    expect(html).toContain(`<a href="${escaped}">`);
    // The next sign-in replaces the page.
    await opener.open(SIGN_IN.replace('st4te-value', 'second'));
    expect(await readdir(join(home, 'pages'))).toEqual([
      fileURLToPath(opened[1]!).split('/').pop(),
    ]);
  });

  it('forwards only web addresses, and a markup character cannot break out of the page', async () => {
    const opened: string[] = [];
    const opener = forwardingOpener({
      home,
      opener: { open: async (url) => void opened.push(url) },
    });
    await expect(opener.open('javascript:alert(1)')).rejects.toThrow(/javascript:/);
    await expect(opener.open('file:///etc/passwd')).rejects.toThrow(/file:/);
    expect(opened).toEqual([]);
    await opener.open('https://accounts.zoho.com/x?a="><script>');
    const html = await readFile(fileURLToPath(opened[0]!), 'utf8');
    expect(html).not.toContain('"><script>');
  });

  it('the hand-over page posts its code in a form, and is removed on request', async () => {
    const page = await writeHandoffPage({
      home,
      port: 4321,
      action: 'http://127.0.0.1:4321/handoff',
      code: 'one-time-code',
    });
    expect(page.url).not.toContain('one-time-code');
    expect((await stat(page.path)).mode & 0o777).toBe(0o600);
    const html = await readFile(page.path, 'utf8');
    expect(html).toContain('<form method="post" action="http://127.0.0.1:4321/handoff">');
    expect(html).toContain('<input type="hidden" name="code" value="one-time-code">');
    await page.remove();
    await expect(stat(page.path)).rejects.toThrow();
  });
});
