// How `token-desk ui` hands the browser its way in, end to end: the real command as a child
// process, a stand-in system browser (an `xdg-open` on PATH that records its arguments), and
// Debian's Chromium with a real profile. The run's secret is in no argument the opener saw (a
// command line every local user can read), the app opens from exactly what the opener received,
// Chromium's History keeps no secret, a tab at the bare address needs the terminal's code, and
// SIGTERM / Ctrl+C end the run promptly even with an event stream open.

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { RPC_EVENTS_PATH, RPC_SECRET_HEADER } from '../../main/rpc/contract.js';
import { chromiumAvailable, CHROMIUM_PATH, CHROMIUM_ARGS } from '../support/browser.js';
import { RENDERER_DIR, rendererBuilt } from '../support/browser-mode-harness.js';
import {
  startUiProcess,
  startWithStandInOpener,
  type UiProcess,
} from '../support/browser-mode-process.js';
import { cliEnv, runCliProcess } from '../support/cli-runner.js';
import { freePort } from '../support/free-port.js';
import { startZohoSimulator } from '../support/zoho-simulator.js';

const missing = [
  ...(chromiumAvailable() ? [] : [`Chromium (${CHROMIUM_PATH})`]),
  ...(rendererBuilt() ? [] : [`the renderer build (${RENDERER_DIR}; npm run build)`]),
];
// Skipped only on a developer machine without Chromium or the build; CI must run them.
const skip = missing.length > 0 && !process.env.CI;
const PASSPHRASE = 'handoff test passphrase';

let ui: UiProcess | undefined;
afterEach(async () => {
  await ui?.cleanUp();
  ui = undefined;
});

/** The run's secret, as the page holds it (sessionStorage of its tab). */
const SECRET_KEY = 'token-desk.rpc-secret';

/** What a page (not a browser) must do to get the secret: the printed address, then /session. */
async function secretFor(address: string): Promise<string> {
  const landing = await fetch(address, { redirect: 'manual' });
  expect(landing.status).toBe(303);
  const ticket = (landing.headers.get('set-cookie') ?? '').split(';')[0]!;
  const origin = new URL(address).origin;
  const answer = await fetch(`${origin}/session`, {
    method: 'POST',
    headers: { cookie: ticket, origin, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await answer.json()) as { ok: boolean; result: { secret: string } };
  expect(body.ok).toBe(true);
  return body.result.secret;
}

describe.skipIf(skip)('browser mode hand-over (token-desk ui + stand-in opener + Chromium)', () => {
  it('the opener sees no secret; the app opens from what it received; History keeps no secret; a bare tab needs the code', async () => {
    if (missing.length > 0)
      throw new Error(`CI must run this, but ${missing.join(' and ')} is missing`);
    ui = await startUiProcess({ passphrase: PASSPHRASE });
    const printed = await ui.address();
    const origin = new URL(printed).origin;
    await expect.poll(() => ui!.openerArguments(), { timeout: 20_000 }).toHaveLength(1);
    const [opened] = await ui.openerArguments();
    // The opener got a file, not the server's address: nothing in it opens Token Desk by itself.
    expect(opened).toMatch(/^file:\/\//);
    expect(opened).not.toContain(origin);
    const page0600 = fileURLToPath(opened!);
    expect((await stat(page0600)).mode & 0o777).toBe(0o600);
    expect((await stat(join(page0600, '..'))).mode & 0o777).toBe(0o700);

    const profile = await mkdtemp(join(tmpdir(), 'td-chromium-profile-'));
    try {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
      });
      let secret: string;
      try {
        context.setDefaultTimeout(15_000);
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(opened!);
        await page.getByTestId('empty-state').waitFor();
        expect(page.url()).toBe(`${origin}/`);
        secret = String(await page.evaluate(`sessionStorage.getItem('${SECRET_KEY}')`));
        expect(secret.length).toBeGreaterThanOrEqual(32);
        // A reload of the same tab stays in.
        await page.reload();
        await page.getByTestId('empty-state').waitFor();

        // The hand-over page's code is spent, and its file is gone.
        await expect
          .poll(() =>
            stat(page0600).then(
              () => 'there',
              () => 'gone',
            ),
          )
          .toBe('gone');

        // A new tab at the bare address: no secret, no way in without the terminal.
        const bare = await context.newPage();
        await bare.goto(`${origin}/`);
        await bare.getByTestId('handoff-code').waitFor();
        expect(await bare.getByTestId('error-remedy').textContent()).toContain('token-desk ui');
        await bare.getByTestId('handoff-code').fill('not-the-code');
        await bare.getByTestId('handoff-submit').click();
        await bare.getByText('used already, mistyped').waitFor();
        // The label names the field for a screen reader.
        await bare.getByLabel('One-time code from the terminal').fill(printed);
        await bare.getByTestId('handoff-submit').click();
        await bare.getByTestId('empty-state').waitFor();
        // The printed code is spent: the terminal shows a fresh one for the next browser.
        const next = await ui.address(1);
        expect(next).not.toBe(printed);
        expect(next.startsWith(`${origin}/handoff?code=`)).toBe(true);
      } finally {
        await context.close();
      }

      // Nothing the opener received, and nothing printed, carries the secret.
      for (const argument of await ui.openerArguments()) expect(argument).not.toContain(secret);
      for (const address of ui.addresses) expect(address).not.toContain(secret);
      expect(ui.stderr()).not.toContain(secret);
      // Chromium wrote its History (it names the visits) and kept no secret in it.
      const history = await readFile(join(profile, 'Default', 'History'));
      expect(history.includes(Buffer.from(`${origin}/`))).toBe(true);
      expect(history.includes(Buffer.from(secret))).toBe(false);
      // The addresses it did keep open nothing any more (their codes are spent).
      const kept = history
        .toString('latin1')
        .match(/http:\/\/127\.0\.0\.1:\d+\/handoff\?code=[\w-]+/g);
      for (const address of kept ?? []) {
        const again = await fetch(address, { redirect: 'manual' });
        expect(again.headers.get('set-cookie')).toBeNull();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
    expect(await ui.stop('SIGTERM')).toMatchObject({ code: 0 });
  }, 90_000);

  it('token-desk authorize: the opener gets a 0600 page, not the sign-in address; Chromium follows it to Zoho; the account is named', async () => {
    const sim = await startZohoSimulator();
    const dir = await mkdtemp(join(tmpdir(), 'td-authorize-'));
    const profile = await mkdtemp(join(tmpdir(), 'td-chromium-profile-'));
    try {
      const redirectUri = `http://localhost:${await freePort()}/callback`;
      const client = { clientId: '1000.HANDOFFSERVER', clientSecret: 'handoff-server-secret-5e1f' };
      sim.registerClient({ ...client, type: 'server', redirectUris: [redirectUri] });
      const added = await runCliProcess(
        [
          'add',
          'signed-in',
          '--client-id',
          client.clientId,
          '--type',
          'server',
          '--scopes',
          'ZohoCRM.modules.leads.READ,AaaServer.profile.READ',
          '--redirect-uri',
          redirectUri,
          '--org',
          'Acme Ltd',
          '--accounts-url',
          sim.accountsUrl,
          '--api-domain',
          sim.apiDomain,
        ],
        cliEnv({ home: join(dir, 'token-desk'), passphrase: PASSPHRASE }),
        `${client.clientSecret}\n`,
      );
      expect(added.code, added.stderr).toBe(0);
      ui = await startWithStandInOpener(['authorize', 'signed-in', '--timeout', '60'], {
        passphrase: PASSPHRASE,
        home: dir,
      });
      await expect.poll(() => ui!.openerArguments(), { timeout: 20_000 }).toHaveLength(1);
      const [opened] = await ui.openerArguments();
      expect(opened).toMatch(/^file:\/\//);
      for (const part of ['state=', 'code_challenge', new URL(sim.accountsUrl).host])
        expect(opened).not.toContain(part);
      expect((await stat(fileURLToPath(opened!))).mode & 0o777).toBe(0o600);

      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
      });
      try {
        context.setDefaultTimeout(15_000);
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(opened!);
        await page.getByTestId('consent-scopes').waitFor();
        expect(page.url().startsWith(`${sim.accountsUrl}/oauth/v2/auth?`)).toBe(true);
        await page.getByTestId('consent-accept').click();
        expect(await ui.exited, ui.stderr()).toBe(0);
      } finally {
        await context.close();
      }
      expect(ui.stderr()).toMatch(/Authorized signed-in \(US\) as ada\.lovelace@example\.com/);
      expect(ui.stderr()).toContain('Client org: Acme Ltd.');
      // The forwarding page is gone with the process.
      await expect(stat(fileURLToPath(opened!))).rejects.toThrow();
    } finally {
      await sim.close();
      await rm(profile, { recursive: true, force: true });
    }
  }, 90_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} stops the browser mode within a second, even with an event stream open`, async () => {
      ui = await startUiProcess({ args: ['--no-open'], passphrase: PASSPHRASE });
      const printed = await ui.address();
      const origin = new URL(printed).origin;
      expect(await ui.openerArguments()).toEqual([]);
      const secret = await secretFor(printed);
      const stream = await fetch(`${origin}${RPC_EVENTS_PATH}`, {
        headers: { [RPC_SECRET_HEADER]: secret },
      });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      await reader.read();
      const stopped = await ui.stop(signal);
      expect(stopped.code).toBe(0);
      expect(stopped.ms).toBeLessThan(1000);
      // The stream ended with the run.
      await expect(
        (async () => {
          for (;;) if ((await reader.read()).done) return 'ended';
        })(),
      ).resolves.toBe('ended');
    }, 30_000);
  }
});
