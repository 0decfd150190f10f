// The loopback receiver's pages in a real browser: the success page closes the tab Token Desk's
// window opened for Zoho (its one script is allowed by its CSP hash, so Chromium runs it), and a
// page the user must read (Zoho refused) stays open. A tab the user opened by hand cannot be
// closed by a script; its page says it can be closed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startLoopbackReceiver } from '../../main/core/auth/loopback-receiver.js';
import { nodeLoopbackListener } from '../../main/platform/node/loopback-listener.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';

const STATE = 'state-for-the-closing-page-test';
// Skipped only on a developer machine without Chromium; CI must run it.
const skip = !chromiumAvailable() && !process.env.CI;

let browser: Browser | undefined;

beforeAll(async () => {
  if (!skip) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A tab opened by a script (as the browser mode's "Sign in with Zoho" opens one), sent to url. */
async function scriptOpenedTab(url: string): Promise<{ opener: Page; tab: Page }> {
  const opener = await browser!.newPage();
  const popup = opener.waitForEvent('popup');
  await opener.evaluate(`window.open(${JSON.stringify(url)}, '_blank')`);
  return { opener, tab: await popup };
}

describe.skipIf(skip)('the callback page in Chromium', () => {
  it('closes the tab after Zoho sent the code back, and Token Desk gets the code', async () => {
    const receiver = await startLoopbackReceiver(nodeLoopbackListener, {
      redirectUri: 'http://127.0.0.1:0/callback',
      expectedState: STATE,
    });
    const url = `${receiver.redirectUri}?state=${STATE}&code=1000.closing.code`;
    const { opener, tab } = await scriptOpenedTab(url);
    const problems: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await tab.waitForEvent('close');
    expect(tab.isClosed()).toBe(true);
    expect(problems, 'no CSP refusal of the closing script').toEqual([]);
    await expect(receiver.result).resolves.toMatchObject({ code: '1000.closing.code' });
    await opener.close();
  });

  it('keeps a refusal page open, for the user to read', async () => {
    const receiver = await startLoopbackReceiver(nodeLoopbackListener, {
      redirectUri: 'http://127.0.0.1:0/callback',
      expectedState: STATE,
    });
    const url = `${receiver.redirectUri}?state=${STATE}&error=access_denied`;
    const { opener, tab } = await scriptOpenedTab(url);
    await tab.getByText('You declined access').waitFor();
    await expect(receiver.result).rejects.toMatchObject({ code: 'access_denied' });
    // The page has loaded and run whatever it would run: it is still open.
    await tab.evaluate('document.readyState');
    expect(tab.isClosed()).toBe(false);
    await opener.close();
  });
});
