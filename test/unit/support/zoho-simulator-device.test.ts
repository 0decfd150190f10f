// The simulator's device flow over real HTTP (docs/zoho.md §4.7): the product's device-flow
// tests rely on it answering pending, slow_down, other_dc, access_denied and expired like Zoho.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZohoSimulator, type ZohoSimulator } from '../../support/zoho-simulator.js';

const DEVICE = {
  clientId: '1000.DEVICECLIENT',
  clientSecret: 'device-secret-1',
  type: 'device' as const,
};
const SELF = { clientId: '1000.SELFCLIENT', clientSecret: 'self-secret', type: 'self' as const };
const INTERVAL_MS = 5_000;

let sim: ZohoSimulator;

async function post(path: string, params: Record<string, string>) {
  const response = await fetch(`${sim.accountsUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(params),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function newCode(params: Record<string, string> = {}) {
  const answer = await post('/oauth/v3/device/code', {
    client_id: DEVICE.clientId,
    grant_type: 'device_request',
    scope: 'ZohoCRM.modules.ALL,AaaServer.profile.READ',
    access_type: 'offline',
    prompt: 'consent',
    ...params,
  });
  return answer.json as {
    user_code: string;
    device_code: string;
    verification_url: string;
    interval: number;
    expires_in: number;
  };
}

function poll(deviceCode: string, secret = DEVICE.clientSecret) {
  return post('/oauth/v3/device/token', {
    client_id: DEVICE.clientId,
    client_secret: secret,
    grant_type: 'device_token',
    code: deviceCode,
  });
}

beforeEach(async () => {
  sim = await startZohoSimulator({
    deviceIntervalMs: INTERVAL_MS,
    deviceMinPollGapMs: INTERVAL_MS,
    deviceCodeTtlMs: 300_000,
  });
  sim.registerClient(DEVICE);
  sim.registerClient(SELF);
});

afterEach(async () => {
  await sim.close();
});

describe('device code', () => {
  it('answers a user code, a device code, the verification page, and interval and expiry in milliseconds', async () => {
    const code = await newCode();
    expect(code.user_code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(code.device_code).toMatch(/^1000\./);
    expect(code.verification_url).toBe(`${sim.accountsUrl}/oauth/v3/device`);
    expect(code.interval).toBe(INTERVAL_MS);
    expect(code.expires_in).toBe(300_000);
    expect(sim.secrets).toContain(code.device_code);
    expect(sim.stats.deviceCalls.code).toBe(1);
    const page = await fetch(code.verification_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Enter the code shown on your device');
  });

  it('refuses clients that are not Non-browser applications, and bad scopes, with HTTP 200 errors', async () => {
    expect(await newCode({ client_id: SELF.clientId })).toEqual({ error: 'invalid_client' });
    expect(await newCode({ client_id: 'nobody' })).toEqual({ error: 'invalid_client' });
    expect(await newCode({ scope: 'not a scope' })).toEqual({ error: 'invalid_scope' });
  });
});

describe('polling', () => {
  it('is pending until the admin accepts, then answers tokens once', async () => {
    const code = await newCode();
    expect((await poll(code.device_code)).json).toEqual({ error: 'authorization_pending' });
    await sim.deviceConsent(code.user_code, 'accept');
    sim.advanceTime(INTERVAL_MS);
    const tokens = await poll(code.device_code);
    expect(tokens.status).toBe(200);
    expect(tokens.json).toMatchObject({ token_type: 'Bearer', api_domain: sim.apiDomain });
    expect(tokens.json.access_token).toMatch(/^1000\./);
    expect(tokens.json.refresh_token).toMatch(/^1000\./);
    sim.advanceTime(INTERVAL_MS);
    expect((await poll(code.device_code)).json).toEqual({ error: 'invalid_code' });
    expect(sim.stats.deviceCalls.token).toBe(3);
  });

  it('the refresh token it issues refreshes and revokes like any other', async () => {
    const code = await newCode();
    await sim.deviceConsent(code.user_code, 'accept');
    const { refresh_token } = (await poll(code.device_code)).json as { refresh_token: string };
    const refreshed = await fetch(`${sim.accountsUrl}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: DEVICE.clientId,
        client_secret: DEVICE.clientSecret,
        grant_type: 'refresh_token',
        refresh_token,
      }),
    });
    expect(((await refreshed.json()) as { access_token?: string }).access_token).toMatch(/^1000\./);
    const revoked = await fetch(`${sim.accountsUrl}/oauth/v2/token/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: refresh_token }),
    });
    expect(await revoked.json()).toEqual({ status: 'success' });
  });

  it('answers slow_down to two polls closer than the allowed gap', async () => {
    const code = await newCode();
    expect((await poll(code.device_code)).json).toEqual({ error: 'authorization_pending' });
    sim.advanceTime(INTERVAL_MS / 2);
    expect((await poll(code.device_code)).json).toEqual({ error: 'slow_down' });
    sim.advanceTime(INTERVAL_MS);
    expect((await poll(code.device_code)).json).toEqual({ error: 'authorization_pending' });
  });

  it('answers other_dc with user_location once when the admin lives in another DC', async () => {
    const code = await newCode();
    await sim.deviceConsent(code.user_code, 'accept', { userLocation: 'eu' });
    expect((await poll(code.device_code)).json).toEqual({ error: 'other_dc', user_location: 'eu' });
    sim.advanceTime(INTERVAL_MS);
    expect((await poll(code.device_code)).json.access_token).toMatch(/^1000\./);
  });

  it('answers access_denied when the admin rejects, and nothing more after', async () => {
    const code = await newCode();
    await sim.deviceConsent(code.user_code, 'reject');
    expect((await poll(code.device_code)).json).toEqual({ error: 'access_denied' });
    sim.advanceTime(INTERVAL_MS);
    expect((await poll(code.device_code)).json).toEqual({ error: 'invalid_code' });
  });

  it('answers expired once the code outlives expires_in, and refuses a late consent', async () => {
    const code = await newCode();
    sim.advanceTime(300_000);
    await expect(sim.deviceConsent(code.user_code, 'accept')).rejects.toThrow(/refused/);
    expect((await poll(code.device_code)).json).toEqual({ error: 'expired' });
  });

  it('checks the client secret before anything else', async () => {
    const code = await newCode();
    expect((await poll(code.device_code, 'wrong-secret')).json).toEqual({
      error: 'invalid_client_secret',
    });
    expect(sim.secrets).toContain('wrong-secret');
  });

  it('never receives the device code or the secret in the query when sent as a form', async () => {
    const code = await newCode();
    await poll(code.device_code);
    expect(sim.stats.secretsInQuery).toBe(0);
    expect(sim.requests.at(-1)?.form.code).toBe(code.device_code);
  });
});
