// npm run screenshots: a PNG of each main screen, light and dark, in docs/screenshots/, taken in
// headless Chromium from the browser mode against the Zoho simulator (the README shows them).

import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { HARNESS_PASSPHRASE, rendererBuilt, startBrowserModeHarness } from '../test/support/browser-mode-harness.js';
import { createNodeServices } from '../main/platform/node/node-services.js';

const OUT = 'docs/screenshots';
const CLIENT = { clientId: '1000.SCREENSHOTS', clientSecret: 'screenshot-secret' };

if (!rendererBuilt()) {
  console.error('Build the window first: npm run build:renderer');
  process.exit(2);
}
await mkdir(OUT, { recursive: true });
const harness = await startBrowserModeHarness();
const browser = await launchChromium();

async function populate() {
  const { sim } = harness;
  sim.registerClient({ ...CLIENT, type: 'self' });
  const services = createNodeServices({ home: harness.home, env: { TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE } });
  const connections = await services.connections();
  const plan = [
    { name: 'acme-crm-eu', dc: 'eu', org: 'Acme GmbH', scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ', 'AaaServer.profile.READ'] },
    { name: 'acme-books-sandbox', dc: 'eu', org: 'Acme GmbH', scopes: ['ZohoBooks.invoices.READ', 'AaaServer.profile.READ'], environment: 'sandbox' as const, ttl: 170 },
    { name: 'globex-crm-in', dc: 'in', org: 'Globex', scopes: ['ZohoCRM.org.READ', 'AaaServer.profile.READ'] },
    { name: 'initech-desk', dc: 'us', org: 'Initech', scopes: ['Desk.tickets.READ'] },
  ];
  const authorize = (name: string, scopes: string[]) => connections.authorizeSelfClient(name, sim.issueSelfClientCode({ clientId: CLIENT.clientId, scopes }).code);
  for (const c of plan) {
    await connections.add({ name: c.name, dc: c.dc, org: c.org, environment: c.environment, scopes: c.scopes, clientId: CLIENT.clientId, clientType: 'self', accountsUrl: sim.accountsUrl, apiDomain: sim.apiDomain }, CLIENT.clientSecret);
    await authorize(c.name, c.scopes);
  }
  // Zoho forgets initech's grant (revoked elsewhere): its next refresh marks it for re-authorization.
  sim.revokeAll(CLIENT.clientId);
  await (await services.tokens()).refresh('initech-desk').catch(() => undefined);
  for (const c of plan.slice(0, 3)) {
    sim.setAccessTokenTtl(c.ttl ?? 3600);
    await authorize(c.name, c.scopes);
  }
  sim.setAccessTokenTtl(3600);
}

async function shoot(page: Page, name: string, theme: 'light' | 'dark') {
  // The window as a user sees it (a sticky header makes full-page captures misleading).
  // A string, so this Node-side file needs no DOM types.
  await page.evaluate(`(async () => {
    await document.fonts.ready;
    window.scrollTo(0, 0);
    for (const element of document.querySelectorAll('*')) if (element.scrollTop) element.scrollTop = 0;
  })()`);
  await page.screenshot({ path: `${OUT}/${name}-${theme}.png` });
  console.log(`${OUT}/${name}-${theme}.png`);
}

try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: theme });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.openUrl);
    if (theme === 'light') {
      await page.getByTestId('empty-state').waitFor();
      await shoot(page, 'empty', theme);
      await populate();
      await page.reload();
    }
    await page.getByTestId('connection-item-acme-crm-eu').click();
    await page.getByTestId('token-masked').waitFor();
    await shoot(page, 'workspace', theme);

    await page.getByTestId('tab-requests').click();
    await page.getByTestId('request-url').fill('/crm/v8/users?type=CurrentUser');
    await page.getByTestId('request-send').click();
    await page.getByTestId('response-status').waitFor();
    await shoot(page, 'request', theme);

    await page.getByTestId('new-connection').click();
    await page.getByTestId('wizard-name').fill('hooli-crm');
    await page.getByTestId('wizard-type-server').check();
    await page.getByTestId('wizard-client-id').fill('1000.HOOLI');
    await page.getByTestId('wizard-client-secret').fill('example-secret');
    await shoot(page, 'wizard', theme);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('catalog-product-crm').click();
    await page.getByTestId('preset-crm-read-all').click();
    await page.getByTestId('wizard-scopes-chosen').waitFor();
    await shoot(page, 'scopes', theme);

    await page.goto(harness.openUrl);
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings').waitFor();
    await shoot(page, 'settings', theme);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  await harness.close();
}
