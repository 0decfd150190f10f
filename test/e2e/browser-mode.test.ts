// The browser mode end to end: Debian's Chromium (playwright-core) drives the real UI served by
// `token-desk ui --no-open` against the Zoho simulator. The wizard for both client types (the
// Zoho consent page in a second tab), Copy, the request builder, and the errors a user meets
// (wrong secret, expired code, missing scope, Reject on the consent page). Every test has its own
// simulator, home folder and browser context; one Chromium serves the file. No fixed sleeps:
// Playwright's auto-waiting locators and vitest's expect.poll only.

import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort } from '../support/free-port.js';
import type { SelfClientJson } from '../support/zoho-simulator.js';
import {
  fillClientStep,
  missingForBrowserMode,
  openSelfClientScopes,
  openWizard,
  sidebarItem,
  skipBrowserMode,
  textOf,
  useUiSessions,
  waitForScopes,
  waitForText,
  type ClientStepInput,
  type UiSession,
} from './browser-mode/ui-session.js';
import { addSelfClientWithCli } from './browser-mode/cli-self-client.js';

const SELF = {
  clientId: '1000.E2ESELFCLIENT',
  clientSecret: 'e2e-self-secret-31c4',
  type: 'self' as const,
};
const SERVER = {
  clientId: '1000.E2ESERVERCLIENT',
  clientSecret: 'e2e-server-secret-77d0',
  type: 'server' as const,
};

const missing = missingForBrowserMode();
// Skipped only on a developer machine without Chromium or the build; CI must run them.
const skip = skipBrowserMode(missing);

/** What the page can read from the clipboard (a string: this Node-side file has no DOM types). */
async function clipboardText(page: Page): Promise<string> {
  return page.evaluate<string>('navigator.clipboard.readText()');
}

/** The CLI's idea of the connection's access token, on the same home folder. */
async function cliToken(s: UiSession, name: string): Promise<string> {
  const result = await s.harness.cli(['token', name]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** The rendered text colour of an element, as [r, g, b]. */
async function textColour(page: Page, testId: string): Promise<[number, number, number]> {
  // A string, so this Node-side file needs no DOM types.
  // Runs in the page; typed by hand, since this Node-side file has no DOM types.
  type Styles = { getComputedStyle(element: unknown): { color: string } };
  const colour = await page
    .getByTestId(testId)
    .evaluate((element) => (globalThis as unknown as Styles).getComputedStyle(element).color);
  const channels = /^rgba?\((\d+), (\d+), (\d+)/.exec(colour);
  if (!channels) throw new Error(`unexpected colour ${colour}`);
  return [Number(channels[1]), Number(channels[2]), Number(channels[3])];
}

/** From the empty state, the wizard's client step filled in as given, then Next. */
async function passClientStep(s: UiSession, input: ClientStepInput): Promise<void> {
  await openWizard(s.page);
  await fillClientStep(s, input);
  await s.page.getByTestId('wizard-next').click();
}

/** A Self Client's code step: scopes typed in the optional chooser, and checked by the core. */
async function typeSelfClientScopes(page: Page, scopes: readonly string[]): Promise<void> {
  await openSelfClientScopes(page);
  await page.getByTestId('wizard-scopes-typed').fill(scopes.join(', '));
  await waitForScopes(page, scopes);
}

/**
 * "Sign in with Zoho" on the Scopes step: the sign-in starts on that click, which opens a new tab
 * (the page event) that Token Desk sends to Zoho's consent page.
 */
async function signInWithZoho(s: UiSession, scopes: readonly string[]): Promise<Page> {
  const { page, harness, context } = s;
  await waitForScopes(page, scopes);
  const opened = context.waitForEvent('page');
  await page.getByTestId('wizard-next').click();
  const consent = await opened;
  await page.getByTestId('wizard-waiting').waitFor();
  // `token-desk ui --no-open` opened no browser: the tab of the click shows Zoho's page, and the
  // screen offers the address too.
  await waitForText(page.getByTestId('wizard-status'), 'Zoho’s page is open in a new tab');
  await page.getByTestId('wizard-authorize-url').waitFor();
  const address = await textOf(page.getByTestId('wizard-authorize-url'));
  expect(await page.getByTestId('wizard-open-sign-in').getAttribute('href')).toBe(address);
  expect(address.startsWith(`${harness.sim.accountsUrl}/oauth/v2/auth?`)).toBe(true);
  await consent.waitForURL(address);
  const listed = consent.getByTestId('consent-scopes');
  for (const scope of scopes) await listed.getByText(scope, { exact: true }).waitFor();
  return consent;
}

/**
 * The answer of Token Desk's loopback receiver to the consent tab's return, read from the HTTP
 * response itself (at once: on success Token Desk closes that tab, so its page cannot be read
 * afterwards). The simulator answers Accept or Reject with a redirect to the redirect URI. The
 * success page closes its own tab too, at once (test/e2e/callback-page-closes.test.ts); here its
 * `window.close` is made a no-op, so the answer can be read before Token Desk closes the tab.
 */
async function callbackAnswer(
  consent: Page,
  redirectUri: string,
): Promise<{ answer: Promise<{ url: string; body: string }> }> {
  await consent.addInitScript('window.close = () => undefined;');
  const answer = consent
    .waitForResponse((response) => response.url().startsWith(`${redirectUri}?`))
    .then(async (response) => ({ url: response.url(), body: await response.text() }));
  return { answer };
}

/** Closes the consent tab unless Token Desk already did, and goes back to Token Desk's tab. */
async function backToTokenDesk(s: UiSession, consent: Page): Promise<void> {
  if (!consent.isClosed()) await consent.close();
  // A background tab gets no animation frames.
  await s.page.bringToFront();
}

describe.skipIf(skip)('browser mode end to end (Chromium + Zoho simulator)', () => {
  const ui = useUiSessions('browser-mode end-to-end tests', missing);
  // A fresh harness + context for each test; closed (and checked for page errors) after it.
  const start = () => ui.open();

  it('Self Client wizard: code pasted, success shows user, DC and scopes; token masked; Copy puts the CLI token on the clipboard', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    sim.registerClient(SELF);
    const name = 'acme-crm-eu';
    const scopes = ['ZohoCRM.users.READ', 'ZohoCRM.modules.leads.READ', 'AaaServer.profile.READ'];

    await passClientStep(s, {
      name,
      dc: 'eu',
      type: 'self',
      clientId: SELF.clientId,
      clientSecret: SELF.clientSecret,
    });

    // A Self Client goes straight to the code; "Not sure which scopes" helps choose them.
    await openSelfClientScopes(page);
    await page.getByTestId('wizard-scopes-typed').fill(scopes.join(', '));
    // What the user pastes into Generate Code in the API Console.
    await waitForText(page.getByTestId('wizard-scopes-text'), scopes.join(','));
    const consoleScopes = (await textOf(page.getByTestId('wizard-scopes-text'))).split(',');
    expect(consoleScopes).toEqual(scopes);
    await waitForScopes(page, scopes);

    const { code } = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: consoleScopes });
    await page.getByTestId('wizard-code').fill(code);
    await page.getByTestId('wizard-code-countdown').waitFor();
    await page.getByTestId('wizard-authorize').click();

    const success = page.getByTestId('wizard-success');
    await success.waitFor();
    expect(await textOf(page.getByTestId('success-user'))).toContain(sim.user.email);
    expect(await textOf(page.getByTestId('success-dc'))).toContain('Europe');
    const shownScopes = await page
      .getByTestId('success-scopes')
      .locator('.mantine-Badge-root')
      .allTextContents();
    expect(shownScopes.map((t) => t.trim()).sort()).toEqual([...scopes].sort());
    expect(sim.stats.tokenCalls.authorization_code).toBe(1);

    await page.getByTestId('success-open').click();
    await page.getByTestId('connection-page').waitFor();
    const masked = await textOf(page.getByTestId('token-masked'));
    const token = await cliToken(s, name);
    expect(token).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    expect(masked).not.toEqual(token);
    expect(masked).not.toContain(token.slice(4, -4));
    expect(masked).toContain('•');
    // The mask keeps the ends, so a user can tell which token it is.
    expect(masked.endsWith(token.slice(-4))).toBe(true);
    // The token never reached the page before the user asked for it.
    expect(await page.content()).not.toContain(token);

    await page.getByTestId('token-copy').click();
    await waitForText(page.getByTestId('token-feedback'), 'Access token copied.');
    expect(await clipboardText(page)).toBe(token);
    // Copying a token that is valid for an hour does not refresh it.
    expect(sim.stats.tokenCalls.refresh_token).toBe(0);
    expect(sim.stats.secretsInQuery).toBe(0);
  });

  it('Self Client from self_client.json: a fresh file fills the wizard and authorizes; an expired one says so and calls nothing', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    sim.registerClient(SELF);
    const scopes = ['ZohoCRM.org.READ', 'AaaServer.profile.READ'];
    const pick = (json: SelfClientJson) =>
      page.getByTestId('wizard-file-input').setInputFiles({
        name: 'self_client.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(json, null, 2)),
      });

    // An expired file first: the wizard explains, offers the remedy, and never calls Zoho.
    const expired = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes }).selfClientJson;
    expired.expiry_time = Date.now() - 60_000;
    await openWizard(page);
    await pick(expired);
    await waitForText(page.getByTestId('wizard-file-loaded'), 'already expired');
    expect(await page.getByTestId('wizard-client-id').inputValue()).toBe(SELF.clientId);
    await fillClientStep(s, { name: 'old-file' });
    await page.getByTestId('wizard-next').click();
    // The file's scopes, one click away on the code step.
    await openSelfClientScopes(page);
    await waitForScopes(page, scopes);
    expect(await page.getByTestId('wizard-code').inputValue()).toBe(expired.code);
    await waitForText(page.getByTestId('error-message'), 'past its expiry time');
    expect(await textOf(page.getByTestId('error-remedy'))).toMatch(/Generate Code.*new code/);
    expect(await page.getByTestId('wizard-authorize').isDisabled()).toBe(true);
    // Enter in the code field is refused too.
    await page.getByTestId('wizard-code').press('Enter');
    const listed = await harness.cli(['list']);
    expect(listed.stderr).toContain('No connections yet');
    expect(sim.stats.tokenCalls.total).toBe(0);
    expect(await page.getByTestId('wizard-code-countdown').count()).toBe(0);

    // A fresh file: everything is filled in, the exact countdown shows, and it authorizes.
    await page.getByTestId('wizard-cancel-wizard').click();
    const fresh = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes }).selfClientJson;
    await openWizard(page);
    await pick(fresh);
    await waitForText(page.getByTestId('wizard-file-loaded'), 'expires in');
    expect(await page.getByTestId('wizard-client-id').inputValue()).toBe(fresh.client_id);
    expect(await page.getByTestId('wizard-client-secret').inputValue()).toBe(fresh.client_secret);
    await fillClientStep(s, { name: 'from-file' });
    await page.getByTestId('wizard-next').click();
    // The file's scopes, one click away on the code step.
    await openSelfClientScopes(page);
    await waitForScopes(page, scopes);
    expect(await page.getByTestId('wizard-code').inputValue()).toBe(fresh.code);
    await waitForText(page.getByTestId('wizard-code-countdown'), 'self_client.json expires in');
    await page.getByTestId('wizard-authorize').click();
    await page.getByTestId('wizard-success').waitFor();
    expect(await textOf(page.getByTestId('success-user'))).toContain(sim.user.email);
    for (const scope of scopes)
      await page.getByTestId('success-scopes').getByText(scope, { exact: true }).waitFor();
    expect(sim.stats.tokenCalls).toMatchObject({ authorization_code: 1, total: 1 });
    await sidebarItem(page, 'from-file').waitFor();
    expect(await sidebarItem(page, 'old-file').count()).toBe(0);
  });

  it('Server-based wizard: Accept on the consent page in a second tab; then the request builder, and a missing scope', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    const redirectUri = `http://localhost:${await freePort()}/callback`;
    sim.registerClient({ ...SERVER, redirectUris: [redirectUri] });
    const name = 'globex-crm';
    // A preset (leads, contacts, accounts: no org scope) plus one typed scope for the user's name.
    const scopes = [
      'ZohoCRM.modules.leads.READ',
      'ZohoCRM.modules.contacts.READ',
      'ZohoCRM.modules.accounts.READ',
      'AaaServer.profile.READ',
    ];

    await passClientStep(s, {
      name,
      type: 'server',
      clientId: SERVER.clientId,
      clientSecret: SERVER.clientSecret,
      redirectUri,
    });
    // Presets live in their product's section, collapsed at first.
    await page.getByTestId('catalog-product-crm').click();
    await page.getByTestId('preset-crm-read-leads-contacts').click();
    await page.getByTestId('wizard-scopes-typed').fill('AaaServer.profile.READ');

    const consent = await signInWithZoho(s, scopes);
    expect(await textOf(page.getByTestId('wizard-redirect-uri'))).toBe(redirectUri);
    const { answer } = await callbackAnswer(consent, redirectUri);
    await consent.getByTestId('consent-accept').click();
    // The simulator sends the second tab to Token Desk's loopback receiver.
    const callback = await answer;
    expect(callback.body).toContain('Token Desk received the authorization');
    expect(callback.url.startsWith(`${redirectUri}?`)).toBe(true);
    await backToTokenDesk(s, consent);

    await page.getByTestId('wizard-success').waitFor();
    expect(await textOf(page.getByTestId('success-user'))).toContain(sim.user.email);
    expect(await textOf(page.getByTestId('success-dc'))).toContain('United States');
    for (const scope of scopes)
      await page.getByTestId('success-scopes').getByText(scope, { exact: true }).waitFor();
    expect(sim.stats.tokenCalls.authorization_code).toBe(1);

    // Try a request: the builder opens on the new connection, in a 1280x800 window.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('success-try').click();
    await page.getByTestId('request-url').fill('/crm/v8/Leads?fields=Last_Name,Email');
    await page.getByTestId('request-send').click();
    const status = page.getByTestId('response-status');
    await waitForText(status, /^200\b/);
    // The response's status is in view without scrolling.
    await expect
      .poll(async () => {
        const box = await status.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 800;
      })
      .toBe(true);
    expect(await textOf(page.getByTestId('response-time'))).toMatch(/^Time: \d+(\.\d+)? ?(ms|s)$/);
    expect(await textOf(page.getByTestId('response-size'))).toMatch(
      /^Size: \d+(\.\d+)? ?(B|KB|kB)$/,
    );
    const body = (await page.getByTestId('response-body').textContent()) ?? '';
    const parsed = JSON.parse(body) as { data: Array<{ Last_Name?: string; Email?: string }> };
    expect(body).toBe(JSON.stringify(parsed, null, 2));
    expect(parsed.data.length).toBeGreaterThan(0);
    expect(parsed.data[0]).toHaveProperty('Last_Name');
    const apiCall = sim.requests.find((r) => r.path.toLowerCase() === '/crm/v8/leads');
    expect(apiCall?.query.fields).toBe('Last_Name,Email');

    // The org needs ZohoCRM.org.READ, which this connection was not granted.
    await page.getByTestId('request-url').fill('/crm/v8/org');
    await page.getByTestId('request-send').click();
    await waitForText(status, /^401\b/);
    await page.getByTestId('scope-mismatch').waitFor();
    expect(await textOf(page.getByTestId('missing-scope'))).toBe('ZohoCRM.org.READ');
    await waitForText(page.getByTestId('reauthorize-with-scope'), 'ZohoCRM.org.READ');
    expect(sim.stats.secretsInQuery).toBe(0);
  });

  it('Reject on the consent page: a plain error with a remedy, and the connection stays not authorized', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    const redirectUri = `http://localhost:${await freePort()}/callback`;
    sim.registerClient({ ...SERVER, redirectUris: [redirectUri] });
    const name = 'initech-crm';
    const scopes = ['ZohoCRM.users.READ'];

    await passClientStep(s, {
      name,
      type: 'server',
      clientId: SERVER.clientId,
      clientSecret: SERVER.clientSecret,
      redirectUri,
    });
    await page.getByTestId('wizard-scopes-typed').fill(scopes.join(', '));

    const consent = await signInWithZoho(s, scopes);
    const { answer } = await callbackAnswer(consent, redirectUri);
    await consent.getByTestId('consent-reject').click();
    expect((await answer).body).toContain('Authorization not completed');
    await backToTokenDesk(s, consent);

    await waitForText(page.getByTestId('error-message'), 'You declined access on the Zoho page');
    expect(await textOf(page.getByTestId('error-remedy'))).toContain('press Accept');
    // The user may try again from here.
    await waitForText(page.getByTestId('wizard-authorize'), 'Try again');
    expect(await page.getByTestId('wizard-waiting').count()).toBe(0);
    expect(sim.stats.tokenCalls.total).toBe(0);

    const item = sidebarItem(page, name);
    await waitForText(item, 'Not authorized yet');
    await item.click();
    await page.getByTestId('not-authorized').waitFor();
    expect(await page.getByTestId('token-copy').isDisabled()).toBe(true);
    const token = await harness.cli(['token', name]);
    expect(token.code).not.toBe(0);
    expect(token.stdout).toBe('');
  });

  it('Wrong client secret: the error says to copy the secret again; nothing is lost and the fixed secret works', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    sim.registerClient(SELF);
    const name = 'hooli-crm';
    const scopes = ['ZohoCRM.users.READ', 'AaaServer.profile.READ'];

    await passClientStep(s, {
      name,
      type: 'self',
      clientId: SELF.clientId,
      clientSecret: 'not-the-secret',
    });
    await typeSelfClientScopes(page, scopes);
    await page
      .getByTestId('wizard-code')
      .fill(sim.issueSelfClientCode({ clientId: SELF.clientId, scopes }).code);
    await page.getByTestId('wizard-authorize').click();

    await waitForText(page.getByTestId('error-message'), 'refused the client secret');
    expect(await textOf(page.getByTestId('error-remedy'))).toContain(
      'Copy the Client Secret again',
    );
    expect(sim.stats.tokenCalls).toMatchObject({ authorization_code: 1, total: 1 });
    // The connection is kept (not authorized), and so is everything typed.
    await waitForText(sidebarItem(page, name), 'Not authorized yet');

    // "Fix the client secret" goes back to the client step, the field that holds it.
    await page.getByTestId('wizard-fix-secret').click();
    expect(await page.getByTestId('wizard-name').inputValue()).toBe(name);
    expect(await page.getByTestId('wizard-client-id').inputValue()).toBe(SELF.clientId);
    await page.getByTestId('wizard-client-secret').fill(SELF.clientSecret);
    await page.getByTestId('wizard-next').click();
    await openSelfClientScopes(page);
    await waitForScopes(page, scopes);
    await page
      .getByTestId('wizard-code')
      .fill(sim.issueSelfClientCode({ clientId: SELF.clientId, scopes }).code);
    await page.getByTestId('wizard-authorize').click();
    await page.getByTestId('wizard-success').waitFor();
    expect(await textOf(page.getByTestId('success-user'))).toContain(sim.user.email);
    expect(sim.stats.tokenCalls).toMatchObject({ authorization_code: 2, total: 2 });
    // One connection of that name, authorized: the first attempt left nothing behind.
    expect(await page.locator(`[data-testid="connection-item-${name}"]`).count()).toBe(1);
    expect(await cliToken(s, name)).toMatch(/^1000\./);
  });

  it('Expired grant code: Zoho refuses it, the error says to generate a new one, and a new code works on the same screen', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    sim.registerClient(SELF);
    const name = 'umbrella-crm';
    const scopes = ['ZohoCRM.users.READ'];

    await passClientStep(s, {
      name,
      type: 'self',
      clientId: SELF.clientId,
      clientSecret: SELF.clientSecret,
    });
    await typeSelfClientScopes(page, scopes);

    // The admin waited too long: the code has expired at Zoho.
    const stale = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes, ttlMs: 60_000 });
    sim.advanceTime(61_000);
    await page.getByTestId('wizard-code').fill(stale.code);
    await page.getByTestId('wizard-authorize').click();
    await waitForText(
      page.getByTestId('error-message'),
      'Zoho refused the grant code: it has expired',
    );
    expect(await textOf(page.getByTestId('error-remedy'))).toContain(
      'generate a new code in the API Console',
    );

    await page
      .getByTestId('wizard-code')
      .fill(sim.issueSelfClientCode({ clientId: SELF.clientId, scopes }).code);
    await page.getByTestId('wizard-authorize').click();
    await page.getByTestId('wizard-success').waitFor();
    expect(sim.stats.tokenCalls).toMatchObject({ authorization_code: 2, total: 2 });
    // No user-info scope: the success page says how to see the user.
    expect(await textOf(page.getByTestId('success-user'))).toContain('AaaServer.profile.READ');
  });

  it('Revoke… and Remove… are red in the dark theme and the light one; an export copied with secrets leaves the clipboard after the delay', async () => {
    const s = await start();
    const { page, harness } = s;
    harness.sim.registerClient(SELF);
    const name = 'themes';
    await addSelfClientWithCli(harness, SELF, name, ['ZohoCRM.org.READ']);
    await page.reload();

    // A 1 s clipboard delay, saved the way a user saves it.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-clipboard').fill('1');
    await page.getByTestId('settings-clipboard').press('Enter');
    await waitForText(page.getByTestId('settings'), 'Clipboard delay saved.');
    await page.getByTestId('settings-close').click();

    await sidebarItem(page, name).click();
    await page.getByTestId('connection-page').waitFor();
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect
        .poll(() => page.evaluate('document.documentElement.dataset.mantineColorScheme'))
        .toBe(scheme);
      await page.getByRole('tab', { name: 'Token' }).click();
      const [r, g, b] = await textColour(page, 'token-revoke');
      expect(r - Math.max(g, b), `Revoke… in ${scheme}: rgb(${r}, ${g}, ${b})`).toBeGreaterThan(80);
      await page.getByTestId('tab-details').click();
      const [r2, g2, b2] = await textColour(page, 'connection-remove');
      expect(
        r2 - Math.max(g2, b2),
        `Remove… in ${scheme}: rgb(${r2}, ${g2}, ${b2})`,
      ).toBeGreaterThan(80);
    }

    await page.getByTestId('export-secrets').check();
    await page.getByTestId('export-run').click();
    await page.getByTestId('export-text').waitFor();
    await page.getByTestId('export-copy').click();
    await waitForText(
      page.getByTestId('export-copied'),
      'Token Desk tries to clear the clipboard in 1 s',
    );
    const exported = await page.getByTestId('export-text').inputValue();
    expect(exported).toMatch(/^ZOHO_REFRESH_TOKEN=1000\./m);
    // On the clipboard at first, gone after the delay (the page has focus, and may read it).
    expect(await clipboardText(page)).toBe(exported);
    await expect.poll(() => clipboardText(page)).toBe('');
    expect(await page.getByTestId('notice-clipboard-not-cleared').count()).toBe(0);
  });

  it('A refresh that names an untrusted api_domain, and a corrupt connections file: the window says so', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    sim.registerClient(SELF);
    const name = 'watchful';
    await addSelfClientWithCli(harness, SELF, name, ['ZohoCRM.org.READ']);
    await page.reload();
    await sidebarItem(page, name).click();
    await page.getByTestId('connection-page').waitFor();

    sim.setTokenApiDomain('https://api.evil.example');
    await page.getByTestId('token-refresh').click();
    await waitForText(page.getByTestId('token-feedback'), 'Access token refreshed.');
    const notice = page.getByTestId(`notice-connection-notice:${name}:untrusted_api_domain`);
    await waitForText(notice, `${name}: API domain not changed`);
    expect(await textOf(notice)).toContain(
      `named https://api.evil.example as its API domain, which is not a Zoho API host`,
    );
    expect(await textOf(notice)).toContain(`keeps sending requests to ${sim.apiDomain}`);
    sim.setTokenApiDomain(undefined);
    await page.getByTestId('tab-details').click();
    expect(await textOf(page.getByTestId('connection-details'))).toContain(sim.apiDomain);

    // Something broke connections.json: the next start says so, and after Try again the
    // workspace names the backup and what to do.
    await writeFile(join(harness.home, 'connections.json'), '{ "connections": [ not json');
    await page.reload();
    await waitForText(page.getByTestId('error-message'), 'not valid JSON');
    await page.getByRole('button', { name: 'Try again' }).click();
    const banner = page.getByTestId('corrupt-backup-connections');
    await waitForText(banner, 'Some connections could not be read');
    const [backup] = (await readdir(harness.home)).filter((f) =>
      f.startsWith('connections.corrupt-'),
    );
    expect(backup).toBeDefined();
    expect(await textOf(banner)).toContain(join(harness.home, backup!));
    expect(await textOf(banner)).toContain('move it back to connections.json');

    // Once the backup is gone, so is the banner.
    await rm(join(harness.home, backup!));
    await page.reload();
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('corrupt-backup-connections').count()).toBe(0);
  });

  it('A connection added with the CLI shows up after a reload; Refresh now makes exactly one refresh_token call', async () => {
    const s = await start();
    const { page, harness } = s;
    const { sim } = harness;
    sim.registerClient(SELF);
    const name = 'cli-added';
    const scopes = ['ZohoCRM.users.READ', 'AaaServer.profile.READ'];
    await page.getByTestId('empty-state').waitFor();

    await addSelfClientWithCli(harness, SELF, name, scopes, { dc: 'us' });
    const before = await cliToken(s, name);

    await page.reload();
    const item = sidebarItem(page, name);
    await waitForText(item, sim.user.email);
    await item.click();
    await page.getByTestId('connection-page').waitFor();
    expect((await textOf(page.getByTestId('token-masked'))).endsWith(before.slice(-4))).toBe(true);

    const calls = sim.stats.tokenCalls;
    expect(calls.refresh_token).toBe(0);
    await page.getByTestId('token-refresh').click();
    await waitForText(page.getByTestId('token-feedback'), 'Access token refreshed.');
    expect(sim.stats.tokenCalls).toEqual({ ...calls, refresh_token: 1, total: calls.total + 1 });

    // The CLI sees the refreshed token, and the page shows its mask.
    const after = await cliToken(s, name);
    expect(after).not.toBe(before);
    await expect
      .poll(async () => (await textOf(page.getByTestId('token-masked'))).endsWith(after.slice(-4)))
      .toBe(true);
    expect(sim.stats.tokenCalls.refresh_token).toBe(1);
  });
});
