// The device flow from the command line, as a consultant uses it, against the Zoho simulator:
// `add --type device`, then `authorize`, which shows the code and the admin's message and waits
// while the simulated admin accepts or refuses on the verification page. Every exit path is here:
// accepted (0), accepted from another DC (0), refused and expired (4, like a declined sign-in),
// timed out (3), a wrong client secret (4), a server that keeps failing (5), usage errors (2).
// After every test no secret the simulator issued or received may be in any file of the home.

import { describe, expect, it } from 'vitest';
import { finished, startCli, waitForStderr } from '../support/cli-runner.js';
import { useCliE2e } from '../support/cli-e2e.js';

const PASSPHRASE = 'correct horse battery staple';
const DEVICE = { clientId: '1000.DEVICECLIENT', clientSecret: 'device-secret-3c4d5e' };
const SCOPES = 'ZohoCRM.modules.leads.READ,AaaServer.profile.READ';
/** Zoho's codes live 5 minutes; the simulator's do too, and its clock is moved to expire them. */
const CODE_TTL_MS = 300_000;

const e2e = useCliE2e({
  passphrase: PASSPHRASE,
  homePrefix: 'td-device-',
  // A fast interval keeps these tests short; the pace itself is checked by the core's unit tests.
  simulator: { deviceIntervalMs: 1_000, deviceMinPollGapMs: 500, deviceCodeTtlMs: CODE_TTL_MS },
  register: (sim) => sim.registerClient({ ...DEVICE, type: 'device' }),
  mustCover: [DEVICE.clientSecret],
});
const { env, cli, custom } = e2e;

async function addDevice(name: string, secret = DEVICE.clientSecret) {
  const added = await cli(
    [
      'add',
      name,
      '--type',
      'device',
      '--dc',
      'us',
      '--client-id',
      DEVICE.clientId,
      '--scopes',
      SCOPES,
      ...custom(),
    ],
    `${secret}\n`,
  );
  expect(added.code, added.stderr).toBe(0);
  expect(added.stderr).toContain(`Added ${name}`);
}

/** Starts `authorize` and resolves once it shows the user code. */
async function startAuthorize(name: string, extra: string[] = []) {
  const child = startCli(['authorize', name, '--no-open', ...extra], env());
  const done = finished(child);
  const [, userCode] = await waitForStderr(child, /Code:\s+([A-Z0-9]{4}-[A-Z0-9]{4})/);
  return { done, userCode: userCode! };
}

/** Progress lines may come first; the failure itself is exactly one `token-desk:` line, the last. */
function expectOneErrorLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trimEnd().split('\n');
  const errors = lines.filter((line) => line.startsWith('token-desk:'));
  expect(errors, stderr).toHaveLength(1);
  expect(lines.at(-1)).toBe(errors[0]);
  expect(errors[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('token-desk authorize (device flow)', () => {
  it('shows the code and the message for the admin, and is authorized when the admin accepts', async () => {
    await addDevice('acme-device');
    const { done, userCode } = await startAuthorize('acme-device');
    await e2e.sim.deviceConsent(userCode, 'accept');
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Open:    ${e2e.sim.accountsUrl}/oauth/v3/device`);
    expect(result.stderr).toContain('valid 5 minutes');
    expect(result.stderr).toContain(
      `Open ${e2e.sim.accountsUrl}/oauth/v3/device, sign in with the Zoho account of your organisation, ` +
        `enter ${userCode} and press Accept. This gives acme-device these permissions: ` +
        'ZohoCRM.modules.leads.READ, AaaServer.profile.READ. The code works for 5 minutes.',
    );
    expect(result.stderr).toMatch(
      /Authorized acme-device \(US\) as ada\.lovelace@example\.com; access token valid in (59|60) min/,
    );

    // From here it is a connection like any other: token, request, refresh, export, revoke.
    const token = await cli(['token', 'acme-device']);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    const leads = await cli(['request', 'acme-device', 'GET', '/crm/v8/Leads?fields=Last_Name']);
    expect(leads.code, leads.stderr).toBe(0);
    const refreshed = await cli(['refresh', 'acme-device']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect((await cli(['token', 'acme-device'])).stdout.trim()).not.toBe(token.stdout.trim());
    const exported = await cli(['export', 'acme-device', '--format', 'json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      name: 'acme-device',
      dc: 'us',
      accounts_url: e2e.sim.accountsUrl,
      client_id: DEVICE.clientId,
      scopes: SCOPES,
    });
    const withSecrets = await cli([
      'export',
      'acme-device',
      '--format',
      'env',
      '--include-secrets',
    ]);
    expect(withSecrets.code, withSecrets.stderr).toBe(0);
    expect(withSecrets.stdout).toContain(DEVICE.clientSecret);
    expect(withSecrets.stdout).toMatch(/^ZOHO_REFRESH_TOKEN=1000\.[0-9a-f]+\.[0-9a-f]+$/m);
    const revoked = await cli(['revoke', 'acme-device']);
    expect(revoked.code, revoked.stderr).toBe(0);
    const afterRevoke = await cli(['token', 'acme-device']);
    expect(afterRevoke.code).toBe(3);
  });

  it("follows Zoho to the admin's data centre (other_dc) and says where the grant lives", async () => {
    await addDevice('acme-eu');
    const { done, userCode } = await startAuthorize('acme-eu');
    await e2e.sim.deviceConsent(userCode, 'accept', { userLocation: 'eu' });
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/account is in the EU data centre/);
    expect(result.stderr).toMatch(/Authorized acme-eu \(EU\) as ada\.lovelace@example\.com/);
    const listed = JSON.parse((await cli(['list', '--json'])).stdout) as { location?: string }[];
    expect(listed[0]!.location).toBe('eu');
  });

  it('ends with exit 4 and one error line when the admin refuses', async () => {
    await addDevice('refused');
    const { done, userCode } = await startAuthorize('refused');
    await e2e.sim.deviceConsent(userCode, 'reject');
    const result = await done;
    expect(result.code).toBe(4);
    expectOneErrorLine(
      result.stderr,
      /^token-desk: The code was refused on the Zoho page.*new code.*Run: token-desk authorize refused$/,
    );
    expect(JSON.parse((await cli(['list', '--json'])).stdout)[0].status).toBe('new');
  });

  it('ends with exit 4 and one error line when the code expires', async () => {
    await addDevice('late');
    const { done } = await startAuthorize('late');
    e2e.sim.advanceTime(CODE_TTL_MS);
    const result = await done;
    expect(result.code).toBe(4);
    expectOneErrorLine(
      result.stderr,
      /^token-desk: The code for "late" expired before it was accepted.*Run: token-desk authorize late$/,
    );
  });

  it('ends with exit 3 at --timeout, without waiting for the code to expire', async () => {
    await addDevice('impatient');
    const { done } = await startAuthorize('impatient', ['--timeout', '2']);
    const result = await done;
    expect(result.code).toBe(3);
    expectOneErrorLine(result.stderr, /^token-desk: Nobody accepted the code .* within 2 seconds/);
  });

  it('ends with exit 4 when Zoho refuses the client secret, and keeps the connection', async () => {
    await addDevice('bad-secret', 'not-the-device-secret');
    const { done } = await startAuthorize('bad-secret');
    const result = await done;
    expect(result.code).toBe(4);
    expectOneErrorLine(result.stderr, /^token-desk: .*client secret/i);
    expect(result.stderr).not.toContain('not-the-device-secret');
    expect(JSON.parse((await cli(['list', '--json'])).stdout)).toHaveLength(1);
  });

  it('ends with exit 5 when the accounts server keeps failing', async () => {
    await addDevice('outage');
    const { done } = await startAuthorize('outage');
    e2e.sim.failNext(4);
    const result = await done;
    expect(result.code).toBe(5);
    expectOneErrorLine(result.stderr, /^token-desk: .*server error \(HTTP 503\)/);
  });

  it('refuses usage mistakes with exit 2 before contacting Zoho', async () => {
    const noScopes = await cli(
      ['add', 'x', '--type', 'device', '--dc', 'us', '--client-id', DEVICE.clientId, ...custom()],
      `${DEVICE.clientSecret}\n`,
    );
    expect(noScopes.code).toBe(2);
    expectOneErrorLine(noScopes.stderr, /^token-desk: .*scope/i);
    await addDevice('coded');
    const before = e2e.sim.stats.deviceCalls.code;
    const withCode = await cli(['authorize', 'coded', '--code', '1000.abc.def']);
    expect(withCode.code).toBe(2);
    expectOneErrorLine(withCode.stderr, /^token-desk: .*Non-browser application.*no grant code/i);
    const badTimeout = await cli(['authorize', 'coded', '--timeout', '0']);
    expect(badTimeout.code).toBe(2);
    expect(e2e.sim.stats.deviceCalls.code).toBe(before);
  });
});
