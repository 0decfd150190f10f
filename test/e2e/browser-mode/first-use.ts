// The two first-use flows a new admin takes in the browser mode, from the empty workspace to the
// first successful test call, with every user action counted: each click, typed or pasted field,
// file drop and switch of window or tab. What is needed only to point Token Desk at the Zoho
// simulator (the Advanced section's custom servers, a free port for the redirect URI on a shared
// test machine) is done too, but listed apart as not counted. The work done inside Zoho's API
// Console (creating the client, Generate Code) is the simulator's stand-in and is not counted
// either: only the switch there and back is. Used by test/e2e/first-use.test.ts and npm run bench.

import type { Page } from 'playwright-core';
import type { UiSession } from './ui-session.js';

export interface FirstUseRun {
  /** Counted user actions, in order. */
  actions: string[];
  /** Actions done only to point Token Desk at the simulator. */
  notCounted: string[];
  /** HTTP status of the test call's response, as shown. */
  status: string;
}

export const SELF_CLIENT = { clientId: '1000.FIRSTUSESELF', clientSecret: 'first-use-self-9a1' };
export const SERVER_CLIENT = {
  clientId: '1000.FIRSTUSESERVER',
  clientSecret: 'first-use-server-4b2',
};

function recorder() {
  const run = { actions: [] as string[], notCounted: [] as string[] };
  return {
    run,
    async act(label: string, step: () => Promise<unknown>) {
      run.actions.push(label);
      await step();
    },
    async point(label: string, step: () => Promise<unknown>) {
      run.notCounted.push(label);
      await step();
    },
  };
}

/** The simulator's servers in the Advanced section: not a user's action, only the test's. */
async function pointAtSimulator(
  s: UiSession,
  point: (label: string, step: () => Promise<unknown>) => Promise<void>,
) {
  const { page, harness } = s;
  await point('open Advanced', () => page.getByTestId('wizard-advanced-toggle').click());
  await point('type the simulator accounts URL', () =>
    page.getByTestId('wizard-accounts-url').fill(harness.sim.accountsUrl),
  );
  await point('type the simulator API domain', () =>
    page.getByTestId('wizard-api-domain').fill(harness.sim.apiDomain),
  );
}

async function waitForTestCall(page: Page): Promise<string> {
  const status = page.getByTestId('response-status');
  await status.filter({ hasText: /^\d{3}\b/ }).waitFor();
  return ((await status.textContent()) ?? '').trim();
}

/** Self Client: a self_client.json downloaded from Generate Code fills the client and the code. */
export async function selfClientFirstUse(s: UiSession): Promise<FirstUseRun> {
  const { page, harness } = s;
  const { sim } = harness;
  sim.registerClient({ ...SELF_CLIENT, type: 'self' });
  const { act, point, run } = recorder();

  await page.getByTestId('empty-state').waitFor();
  await act('click "Add your first connection"', () => page.getByTestId('empty-start').click());
  await page.getByTestId('wizard-dropzone').waitFor();
  await pointAtSimulator(s, point);
  // In the console: Self Client > Generate Code > scopes > Create > Download (Zoho's screens).
  let fileText = '';
  await act('switch to the Zoho API Console', async () => {
    fileText = JSON.stringify(
      sim.issueSelfClientCode({
        clientId: SELF_CLIENT.clientId,
        scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ', 'AaaServer.profile.READ'],
      }).selfClientJson,
    );
  });
  await act('switch back to Token Desk', () => page.bringToFront());
  await act('drop self_client.json on the drop area', async () => {
    // A real drop: a DataTransfer holding the file, on the drop area (string: no DOM types here).
    const dataTransfer = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(fileText)}], 'self_client.json', { type: 'application/json' })); return dt; })()`,
    );
    await page.getByTestId('wizard-dropzone').dispatchEvent('drop', { dataTransfer });
  });
  await page.getByTestId('wizard-file-loaded').waitFor();
  await act('click Next', () => page.getByTestId('wizard-next').click());
  await page.getByTestId('wizard-code-countdown').waitFor();
  await act('click Get tokens', () => page.getByTestId('wizard-authorize').click());
  await page.getByTestId('wizard-success').waitFor();
  await act('click "Run a test call"', () => page.getByTestId('success-test-call').click());
  return { ...run, status: await waitForTestCall(page) };
}

/** Server-based client: registered in the console with the copied redirect URI, then Sign in. */
export async function serverFirstUse(s: UiSession, freePort: number): Promise<FirstUseRun> {
  const { page, harness, context } = s;
  const { sim } = harness;
  const { act, point, run } = recorder();

  await page.getByTestId('empty-state').waitFor();
  await act('click "Add your first connection"', () => page.getByTestId('empty-start').click());
  await act('choose Server-based', () => page.getByTestId('wizard-type-server').check());
  await pointAtSimulator(s, point);
  const redirectUri = `http://localhost:${freePort}/callback`;
  await point('type a free port in the redirect URI (the default may be taken here)', () =>
    page.getByTestId('wizard-redirect-uri-input').fill(redirectUri),
  );
  await act('copy the redirect URI', () => page.getByTestId('wizard-redirect-help-copy').click());
  // In the console: Add Client > Server-based Applications > paste the redirect URI > Create.
  await act('switch to the Zoho API Console', async () => {
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    sim.registerClient({ ...SERVER_CLIENT, type: 'server', redirectUris: [copied] });
  });
  await act('switch back to Token Desk', () => page.bringToFront());
  await act('paste the Client ID', () =>
    page.getByTestId('wizard-client-id').fill(SERVER_CLIENT.clientId),
  );
  await act('paste the Client Secret', () =>
    page.getByTestId('wizard-client-secret').fill(SERVER_CLIENT.clientSecret),
  );
  await act('click Next', () => page.getByTestId('wizard-next').click());
  await act('click the common choice "CRM: read everything"', () =>
    page.getByTestId('common-preset-crm-read-all').click(),
  );
  await page.getByTestId('wizard-scopes-chosen').getByText('ZohoCRM.org.READ').waitFor();
  const opened = context.waitForEvent('page');
  await act('click "Sign in with Zoho" (a new tab opens)', () =>
    page.getByTestId('wizard-next').click(),
  );
  const zoho = await opened;
  await zoho.getByTestId('consent-accept').waitFor();
  const closed = zoho.waitForEvent('close');
  await act('click Accept on the Zoho page', () => zoho.getByTestId('consent-accept').click());
  // Token Desk closes the tab once Zoho answered: no switch back to count.
  await closed;
  await page.bringToFront();
  await page.getByTestId('wizard-success').waitFor();
  await act('click "Run a test call"', () => page.getByTestId('success-test-call').click());
  return { ...run, status: await waitForTestCall(page) };
}
