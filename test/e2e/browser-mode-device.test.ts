// The invitation screen of the device flow in Chromium (browser mode against the Zoho simulator):
// a Non-browser application added in the wizard, the code shown large with copy buttons for the
// code and the message, a countdown, "New code" (a fresh code to wait for), and the connection
// appearing when the simulated admin accepts on the verification page; a refused code says so.
// No fixed sleeps: Playwright's auto-waiting locators only.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  fillClientStep,
  missingForBrowserMode,
  openWizard,
  sidebarItem,
  skipBrowserMode,
  textOf,
  useUiSessions,
  waitForText,
  waitForScopes,
  type UiSession,
  type UiSessions,
} from './browser-mode/ui-session.js';

const DEVICE = {
  clientId: '1000.E2EDEVICECLIENT',
  clientSecret: 'e2e-device-secret-4b2a',
  type: 'device' as const,
};
const SCOPES = ['ZohoCRM.modules.leads.READ', 'AaaServer.profile.READ'];

const missing = missingForBrowserMode();
const skip = skipBrowserMode(missing);

async function start(ui: UiSessions): Promise<UiSession> {
  // A fast interval keeps the wait short; the pace itself is the core's unit tests' business.
  const session = await ui.open({
    simulator: { deviceIntervalMs: 1_000, deviceMinPollGapMs: 500 },
  });
  session.harness.sim.registerClient(DEVICE);
  return session;
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate<string>('navigator.clipboard.readText()');
}

/** The wizard up to the invitation screen, with a code shown. */
async function inviteAdmin(s: UiSession, name: string): Promise<string> {
  const { page } = s;
  await openWizard(page);
  await fillClientStep(s, {
    name,
    type: 'device',
    clientId: DEVICE.clientId,
    clientSecret: DEVICE.clientSecret,
  });
  await page.getByTestId('wizard-help-device').waitFor();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-scopes-typed').fill(SCOPES.join(', '));
  await waitForScopes(page, SCOPES);
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-device-start').click();
  const code = page.getByTestId('wizard-device-code');
  await waitForText(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return textOf(code);
}

describe.skipIf(skip)('browser mode: invite the client’s admin (device flow)', () => {
  const ui = useUiSessions('browser-mode end-to-end tests', missing);

  it('shows the code with its message and countdown, New code replaces it, and the connection appears when the admin accepts', async () => {
    const s = await start(ui);
    const { page, harness } = s;
    const { sim } = harness;
    const first = await inviteAdmin(s, 'acme-invite');

    // What the consultant sends: the page, the code and the permissions, ready to paste.
    const message = await textOf(page.getByTestId('wizard-device-message'));
    expect(message).toBe(
      `Open ${sim.accountsUrl}/oauth/v3/device, sign in with the Zoho account of your organisation, ` +
        `enter ${first} and press Accept. This gives acme-invite these permissions: ` +
        `${SCOPES.join(', ')}. The code works for 5 minutes.`,
    );
    expect(await textOf(page.getByTestId('wizard-device-url'))).toBe(
      `${sim.accountsUrl}/oauth/v3/device`,
    );
    await waitForText(page.getByTestId('wizard-device-countdown'), /^[45]:\d\d$/);
    await expect
      .poll(async () => textOf(page.getByTestId('wizard-status')))
      .toMatch(/Waiting for the admin/);

    // The copy buttons have names a screen reader says, and copy exactly what is shown.
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => clipboardText(page)).toBe(first);
    await page.getByRole('button', { name: 'Copy message for the admin' }).click();
    await expect.poll(() => clipboardText(page)).toBe(message);

    // New code: another code, and the wait is now for that one.
    await page.getByTestId('wizard-device-new-code').click();
    const code = page.getByTestId('wizard-device-code');
    await expect.poll(async () => textOf(code)).not.toBe(first);
    const second = await textOf(code);
    expect(second).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(sim.stats.deviceCalls.code).toBe(2);
    await expect
      .poll(async () => textOf(page.getByTestId('wizard-status')))
      .toMatch(/Waiting for the admin/);

    // The admin, on their own computer: the verification page, the code, Accept.
    const admin = await s.context.newPage();
    await admin.goto(`${sim.accountsUrl}/oauth/v3/device`);
    await admin.getByLabel('Code', { exact: true }).fill(second);
    await admin.getByTestId('device-verify').click();
    for (const scope of SCOPES)
      await admin.getByTestId('consent-scopes').getByText(scope, { exact: true }).waitFor();
    await admin.getByTestId('consent-accept').click();
    await admin.getByTestId('device-done').waitFor();
    await admin.close();

    await page.getByTestId('wizard-success').waitFor();
    expect(await textOf(page.getByTestId('success-user'))).toContain(sim.user.email);
    await sidebarItem(page, 'acme-invite').waitFor();
    const token = await harness.cli(['token', 'acme-invite']);
    expect(token.code, token.stderr).toBe(0);
    expect(await page.content()).not.toContain(token.stdout.trim());
    expect(sim.stats.secretsInQuery).toBe(0);
  });

  it('says so, with a way to try again, when the admin refuses', async () => {
    const s = await start(ui);
    const { page, harness } = s;
    const code = await inviteAdmin(s, 'acme-refused');
    await harness.sim.deviceConsent(code, 'reject');
    await waitForText(page.getByTestId('error-message'), 'The code was refused on the Zoho page');
    await waitForText(page.getByTestId('error-remedy'), /new code/i);
    await page.getByTestId('wizard-device-start').waitFor();
    expect(await textOf(page.getByTestId('wizard-device-start'))).toBe('New code');
    const listed = await harness.cli(['list', '--json']);
    expect(JSON.parse(listed.stdout)[0].status).toBe('new');
  });
});
