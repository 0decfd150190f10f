// npm run screenshots: a PNG of each main screen, light and dark, in docs/screenshots/, taken in
// headless Chromium from the browser mode against the Zoho simulator (the README shows them):
// empty state, workspace, request builder, details & export, the wizard (client, scopes, the
// sign-in waiting screen, success) and settings.

import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import {
  HARNESS_PASSPHRASE,
  rendererBuilt,
  startBrowserModeHarness,
} from '../test/support/browser-mode-harness.js';
import { freePort } from '../test/support/free-port.js';
import { createCommandLineServices } from '../main/platform/node/command-line-services.js';

const OUT = 'docs/screenshots';
const CLIENT = { clientId: '1000.SCREENSHOTS', clientSecret: 'screenshot-secret' };
const SERVER = { clientId: '1000.SCREENSHOTSERVER', clientSecret: 'screenshot-server-secret' };
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

if (!rendererBuilt()) {
  console.error('Build the window first: npm run build:renderer');
  process.exit(2);
}
await mkdir(OUT, { recursive: true });
const harness = await startBrowserModeHarness();
const browser = await launchChromium();
const services = createCommandLineServices({
  home: harness.home,
  env: { TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE },
});
const redirectUri = `http://localhost:${await freePort()}/callback`;

async function populate() {
  const { sim } = harness;
  sim.registerClient({ ...CLIENT, type: 'self' });
  sim.registerClient({ ...SERVER, type: 'server', redirectUris: [redirectUri] });
  const connections = await services.connections();
  const plan = [
    {
      name: 'acme-crm-eu',
      dc: 'eu',
      org: 'Acme GmbH',
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ', 'AaaServer.profile.READ'],
    },
    {
      name: 'acme-books-sandbox',
      dc: 'eu',
      org: 'Acme GmbH',
      scopes: ['ZohoBooks.invoices.READ', 'AaaServer.profile.READ'],
      environment: 'sandbox' as const,
      ttl: 170,
    },
    {
      name: 'globex-crm-in',
      dc: 'in',
      org: 'Globex',
      scopes: ['ZohoCRM.org.READ', 'AaaServer.profile.READ'],
    },
    { name: 'initech-desk', dc: 'us', org: 'Initech', scopes: ['Desk.tickets.READ'] },
  ];
  const authorize = (name: string, scopes: string[]) =>
    connections.authorizeSelfClient(
      name,
      sim.issueSelfClientCode({ clientId: CLIENT.clientId, scopes }).code,
    );
  for (const c of plan) {
    await connections.add(
      {
        name: c.name,
        dc: c.dc,
        org: c.org,
        environment: c.environment,
        scopes: c.scopes,
        clientId: CLIENT.clientId,
        clientType: 'self',
        accountsUrl: sim.accountsUrl,
        apiDomain: sim.apiDomain,
      },
      CLIENT.clientSecret,
    );
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

async function shoot(page: Page, name: string, theme: Theme, height = 860) {
  // The window as a user sees it (a sticky header makes full-page captures misleading); a
  // taller window for a screen whose point is further down. A string, so this Node-side file
  // needs no DOM types. Waits for running transitions (the stepper's check mark, say) to end.
  await page.setViewportSize({ width: 1280, height });
  await page.evaluate(`(async () => {
    await document.fonts.ready;
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
    for (const element of document.querySelectorAll('*')) if (element.scrollTop) element.scrollTop = 0;
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  })()`);
  await page.screenshot({ path: `${OUT}/${name}-${theme}.png` });
  console.log(`${OUT}/${name}-${theme}.png`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** The first wizard step, with the simulator as the custom servers (Advanced, closed again). */
async function fillClient(
  page: Page,
  input: {
    name: string;
    type: 'self' | 'server';
    clientId: string;
    clientSecret: string;
    org?: string;
  },
) {
  await page.getByTestId('new-connection').click();
  await page.getByTestId('wizard-name').fill(input.name);
  if (input.org) await page.getByTestId('wizard-org').fill(input.org);
  await page.getByTestId(`wizard-type-${input.type}`).check();
  await page.getByTestId('wizard-client-id').fill(input.clientId);
  await page.getByTestId('wizard-client-secret').fill(input.clientSecret);
  await page.getByTestId('wizard-advanced-toggle').click();
  await page.getByTestId('wizard-accounts-url').fill(harness.sim.accountsUrl);
  await page.getByTestId('wizard-api-domain').fill(harness.sim.apiDomain);
  if (input.type === 'server')
    await page.getByTestId('wizard-redirect-uri-input').fill(redirectUri);
  await page.getByTestId('wizard-advanced-toggle').click();
}

const pages = new Map<Theme, Page>();
const errors: string[] = [];
try {
  for (const theme of THEMES) {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
      colorScheme: theme,
    });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => errors.push(`${theme}: ${error.message}`));
    page.on(
      'console',
      (message) => message.type() === 'error' && errors.push(`${theme}: ${message.text()}`),
    );
    pages.set(theme, page);
    await page.goto(harness.newAddress());
    await page.getByTestId('empty-state').waitFor();
    await shoot(page, 'empty', theme);
  }
  await populate();

  for (const theme of THEMES) {
    const page = pages.get(theme)!;
    await page.reload();
    await page.getByTestId('connection-item-acme-crm-eu').click();
    await page.getByTestId('token-masked').waitFor();
    await shoot(page, 'workspace', theme);

    await page.getByTestId('tab-requests').click();
    await page.getByTestId('request-url').fill('/crm/v8/users?type=CurrentUser');
    await page.getByTestId('request-send').click();
    await page.getByTestId('response-status').waitFor();
    await shoot(page, 'request', theme);

    await page.getByTestId('tab-details').click();
    await page.getByTestId('export-run').click();
    await page.getByTestId('export-text').waitFor();
    await shoot(page, 'details', theme, 1300);

    // A Server-based client: the first step, the scopes, then the sign-in waiting screen.
    await fillClient(page, {
      name: 'hooli-crm',
      type: 'server',
      clientId: SERVER.clientId,
      clientSecret: SERVER.clientSecret,
      org: 'Hooli',
    });
    await shoot(page, 'wizard', theme);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('catalog-product-crm').click();
    await page.getByTestId('preset-crm-read-all').click();
    await page.getByTestId('wizard-scopes-typed').fill('AaaServer.profile.READ');
    await page
      .getByTestId('wizard-scopes-chosen')
      .getByText('AaaServer.profile.READ', { exact: true })
      .waitFor();
    await shoot(page, 'scopes', theme);
    // "Sign in with Zoho" starts the sign-in on that click, in a new tab for Zoho's page.
    const opened = page.context().waitForEvent('page');
    await page.getByTestId('wizard-next').click();
    const zohoTab = await opened;
    await page.getByTestId('wizard-authorize-url').waitFor();
    await shoot(page, 'sign-in', theme);
    // Sign in as the user would, in another tab: the wizard ends on its success screen.
    const address = ((await page.getByTestId('wizard-authorize-url').textContent()) ?? '').trim();
    await (await fetch(await harness.sim.consent(address, 'accept'))).text();
    await page.getByTestId('wizard-success').waitFor();
    await zohoTab.close();
    await shoot(page, 'success', theme);
    // The next theme starts from the same connections.
    await (await services.connections()).remove('hooli-crm');

    // A reload (the same address with another hash would not reload): the list is read again.
    await page.reload();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings').waitFor();
    await shoot(page, 'settings', theme);
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await harness.close();
}
