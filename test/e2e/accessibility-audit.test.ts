// An axe-core audit of every main screen of the browser mode, light and dark, in Debian's
// Chromium against the Zoho simulator: empty state, workspace, request builder, details, the
// wizard (client step, its error, scopes, Self Client code, server sign-in, success) and
// settings. A serious or critical violation (WCAG 2.2 AA colour contrast among them) fails the
// test, listed by screen and element so the failure says what to fix. axe-core is injected from
// its own package (axe.min.js), so no extra Playwright plugin is needed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort } from '../support/free-port.js';
import {
  fillClientStep,
  missingForBrowserMode,
  sidebarItem,
  skipBrowserMode,
  useUiSessions,
  type UiSession,
  type UiSessions,
} from './browser-mode/ui-session.js';
import { addSelfClientWithCli } from './browser-mode/cli-self-client.js';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const SELF = {
  clientId: '1000.A11YSELF',
  clientSecret: 'a11y-self-secret-5e1d',
  type: 'self' as const,
};
const SERVER = {
  clientId: '1000.A11YSERVER',
  clientSecret: 'a11y-server-secret-90ab',
  type: 'server' as const,
};
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const missing = missingForBrowserMode();
// Skipped only on a developer machine without Chromium or the build; CI must run it.
const skip = skipBrowserMode(missing);

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * The serious and critical violations on the page as it is now, one line per element. Waits for
 * running transitions first: a half-faded element has a contrast it never has at rest.
 */
async function audit(page: Page, screen: string): Promise<string[]> {
  await page.evaluate(`(async () => {
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  })()`);
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"')))
    // Evaluated over the DevTools protocol: the page's CSP (script-src 'self') refuses a script tag.
    await page.evaluate(AXE_SOURCE);
  // WCAG 2.0-2.2 A and AA plus axe's best practices; only what a user is actually stopped by
  // (serious, critical) fails the audit.
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
    .then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${screen}: ${v.id} (${v.impact}) ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`,
      ),
    );
}

/** Two connections the CLI added and authorized on the session's home folder. */
async function addConnections(s: UiSession): Promise<void> {
  const { sim } = s.harness;
  sim.registerClient(SELF);
  for (const [name, scopes] of [
    ['acme-crm-eu', ['ZohoCRM.users.READ', 'ZohoCRM.modules.ALL', 'AaaServer.profile.READ']],
    ['globex-books', ['ZohoBooks.invoices.READ']],
  ] as const) {
    await addSelfClientWithCli(s.harness, SELF, name, scopes);
  }
}

async function auditEveryScreen(ui: UiSessions, theme: Theme): Promise<string[]> {
  const s = await ui.open();
  const { page, harness } = s;
  const { sim } = harness;
  await page.emulateMedia({ colorScheme: theme });
  await page.locator(`html[data-mantine-color-scheme="${theme}"]`).waitFor({ state: 'attached' });
  const found: string[] = [];
  const check = async (screen: string) =>
    found.push(...(await audit(page, `${screen} (${theme})`)));

  await page.getByTestId('empty-state').waitFor();
  await check('empty state');

  // The wizard, Self Client: the client step, the error that stops it, then the code.
  await page.getByTestId('empty-start').click();
  await page.getByTestId('wizard-name').waitFor();
  await check('wizard: client step');
  await fillClientStep(s, {
    name: 'initech-desk',
    type: 'self',
    clientId: SELF.clientId,
    clientSecret: '',
  });
  await page.getByTestId('wizard-next').click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await check('wizard: client step with an error');
  await page.getByTestId('wizard-client-secret').fill(SELF.clientSecret);
  sim.registerClient(SELF);
  await page.getByTestId('wizard-next').click();
  const scopes = page.getByTestId('wizard-scopes-typed');
  const code = page.getByTestId('wizard-code');
  await scopes.or(code).first().waitFor();
  if (await scopes.isVisible()) {
    await page.getByTestId('catalog-product-desk').click();
    await scopes.fill('Desk.tickets.READ');
    await page.getByTestId('wizard-scopes-chosen').getByText('Desk.tickets.READ').waitFor();
    await check('wizard: scopes');
    await page.getByTestId('wizard-next').click();
  }
  await code.waitFor();
  const issued = sim.issueSelfClientCode({
    clientId: SELF.clientId,
    scopes: ['Desk.tickets.READ'],
  });
  await code.fill(issued.code);
  await page.getByTestId('wizard-code-countdown').waitFor();
  await check('wizard: Self Client code');
  await page.getByTestId('wizard-authorize').click();
  await page.getByTestId('wizard-success').waitFor();
  await check('wizard: success');

  // The workspace with connections, then the request builder with a response, then details.
  await addConnections(s);
  await page.reload();
  await sidebarItem(page, 'acme-crm-eu').click();
  await page.getByTestId('token-masked').waitFor();
  await check('workspace');
  await page.getByTestId('tab-requests').click();
  await page.getByTestId('request-url').fill('/crm/v8/users?type=CurrentUser');
  await page.getByTestId('request-send').click();
  await page.getByTestId('response-status').waitFor();
  await check('request builder');
  await page.getByTestId('tab-details').click();
  await page.getByTestId('export-run').click();
  await page.getByTestId('export-text').waitFor();
  await check('details');

  // The wizard, server-based client: the sign-in waiting screen.
  const redirectUri = `http://localhost:${await freePort()}/callback`;
  sim.registerClient({ ...SERVER, redirectUris: [redirectUri] });
  await page.getByTestId('new-connection').click();
  await fillClientStep(s, {
    name: 'hooli-crm',
    type: 'server',
    clientId: SERVER.clientId,
    clientSecret: SERVER.clientSecret,
    redirectUri,
  });
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('catalog-product-crm').click();
  await page.getByTestId('wizard-scopes-typed').fill('ZohoCRM.users.READ');
  await page.getByTestId('wizard-scopes-chosen').getByText('ZohoCRM.users.READ').waitFor();
  await check('wizard: scopes (server-based)');
  // "Sign in with Zoho" starts the sign-in on this click, opening Zoho's page in a new tab.
  const signInTab = page.context().waitForEvent('page');
  await page.getByTestId('wizard-next').click();
  await (await signInTab).close();
  await page.getByTestId('wizard-authorize-url').waitFor();
  await check('wizard: sign-in');
  await page.getByTestId('wizard-cancel').click();
  // Its page, from the sidebar (the wizard keeps it): a server-based client's Details tab has the
  // Multi-DC secrets form.
  await sidebarItem(page, 'hooli-crm').click();
  await page.getByTestId('tab-details').click();
  await page.getByTestId('dc-secret-save').waitFor();
  await check('details (server-based)');

  await page.reload();
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings').waitFor();
  await check('settings');
  return found;
}

describe.skipIf(skip)('accessibility audit (axe-core in Chromium, light and dark)', () => {
  const ui = useUiSessions('accessibility audit', missing);

  for (const theme of THEMES)
    it(
      `${theme}: no serious or critical violation on any main screen`,
      { timeout: 120_000 },
      async () => {
        const found = await auditEveryScreen(ui, theme);
        expect(found, found.join('\n')).toEqual([]);
      },
    );
});
