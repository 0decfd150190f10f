// The device-flow client against a fake fetch: what it sends (a form body, never the query), how
// it reads Zoho's code answer (milliseconds), and how each poll answer is told apart.
import { describe, expect, it } from 'vitest';
import {
  createZohoDeviceClient,
  DEFAULT_CODE_LIFETIME_MS,
  MIN_POLL_INTERVAL_MS,
} from '../../../../main/core/zoho/device-client.js';
import type { FetchPort } from '../../../../main/core/ports.js';
import { FakeClock, T0 } from '../../../support/fakes.js';
import { rejection } from '../../../support/typed-errors.js';

const ACCOUNTS = 'https://accounts.zoho.com';
const SECRET = 'device-client-secret-0123';
const DEVICE_CODE = '1000.devicecode0123456789.abcdef';

interface Sent {
  url: string;
  body: URLSearchParams;
  contentType: string | null;
}

function fakeFetch(answers: { status?: number; body: unknown }[]): {
  fetch: FetchPort;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const fetch: FetchPort = async (input, init) => {
    const headers = new Headers(init?.headers);
    sent.push({
      url: String(input),
      body: new URLSearchParams(String(init?.body ?? '')),
      contentType: headers.get('content-type'),
    });
    const answer = answers.shift() ?? { status: 500, body: 'no answer left' };
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status ?? 200 });
  };
  return { fetch, sent };
}

const client = (fetch: FetchPort) =>
  createZohoDeviceClient({ fetch, clock: new FakeClock(), sleep: async () => undefined });

const CODE_ANSWER = {
  user_code: 'ABCD-EFGH',
  device_code: DEVICE_CODE,
  verification_url: 'https://accounts.zoho.com/oauth/v3/device',
  interval: 5000,
  expires_in: 300000,
};

describe('requestCode', () => {
  it('asks for an offline code with comma-joined scopes in a form body', async () => {
    const { fetch, sent } = fakeFetch([{ body: CODE_ANSWER }]);
    const code = await client(fetch).requestCode({
      accountsUrl: `${ACCOUNTS}/`,
      clientId: '1000.DEVICE',
      scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.READ'],
    });
    expect(sent[0]!.url).toBe(`${ACCOUNTS}/oauth/v3/device/code`);
    expect(sent[0]!.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(sent[0]!.body)).toEqual({
      client_id: '1000.DEVICE',
      grant_type: 'device_request',
      scope: 'ZohoCRM.modules.ALL,AaaServer.profile.READ',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(code).toEqual({
      userCode: 'ABCD-EFGH',
      deviceCode: DEVICE_CODE,
      verificationUrl: 'https://accounts.zoho.com/oauth/v3/device',
      intervalMs: 5000,
      expiresInMs: 300_000,
      expiresAt: T0 + 300_000,
    });
  });

  it('reads interval and expires_in as milliseconds, strings too, with a floor and defaults', async () => {
    const { fetch } = fakeFetch([
      { body: { ...CODE_ANSWER, interval: '30000', expires_in: '600000' } },
      { body: { ...CODE_ANSWER, interval: 0, expires_in: undefined } },
    ]);
    const device = client(fetch);
    const request = { accountsUrl: ACCOUNTS, clientId: 'c', scopes: ['ZohoCRM.modules.ALL'] };
    expect(await device.requestCode(request)).toMatchObject({
      intervalMs: 30_000,
      expiresInMs: 600_000,
    });
    // A zero interval would mean polling as fast as the network allows.
    expect(await device.requestCode(request)).toMatchObject({
      intervalMs: 30_000,
      expiresInMs: DEFAULT_CODE_LIFETIME_MS,
    });
    const tiny = fakeFetch([{ body: { ...CODE_ANSWER, interval: 10 } }]);
    expect((await client(tiny.fetch).requestCode(request)).intervalMs).toBe(MIN_POLL_INTERVAL_MS);
  });

  it('refuses a verification address that is not a web page', async () => {
    const { fetch } = fakeFetch([
      { body: { ...CODE_ANSWER, verification_url: 'file:///etc/passwd' } },
    ]);
    const error = await rejection(
      client(fetch).requestCode({ accountsUrl: ACCOUNTS, clientId: 'c', scopes: ['a.b.READ'] }),
    );
    expect(error.code).toBe('unexpected_response');
    expect(error.message).not.toContain(DEVICE_CODE);
  });

  it("maps Zoho's errors (HTTP 200) to plain-language errors", async () => {
    const { fetch } = fakeFetch([{ body: { error: 'invalid_client' } }]);
    const error = await rejection(
      client(fetch).requestCode({ accountsUrl: ACCOUNTS, clientId: 'c', scopes: ['a.b.READ'] }),
    );
    expect(error.code).toBe('invalid_client');
    expect(error.remedy).not.toBe('');
  });
});

describe('poll', () => {
  const request = {
    accountsUrl: ACCOUNTS,
    clientId: '1000.DEVICE',
    clientSecret: SECRET,
    deviceCode: DEVICE_CODE,
  };

  it('sends the device code and the secret in a form body only', async () => {
    const { fetch, sent } = fakeFetch([{ body: { error: 'authorization_pending' } }]);
    expect(await client(fetch).poll(request)).toEqual({ status: 'pending' });
    expect(sent[0]!.url).toBe(`${ACCOUNTS}/oauth/v3/device/token`);
    expect(Object.fromEntries(sent[0]!.body)).toEqual({
      client_id: '1000.DEVICE',
      client_secret: SECRET,
      grant_type: 'device_token',
      code: DEVICE_CODE,
    });
  });

  it('tells every answer apart', async () => {
    const { fetch } = fakeFetch([
      { body: { error: 'slow_down' } },
      { body: { error: 'other_dc', user_location: 'eu' } },
      { body: { error: 'access_denied' } },
      { body: { error: 'expired' } },
      {
        body: {
          access_token: 'at-1',
          refresh_token: 'rt-1',
          api_domain: 'https://www.zohoapis.eu',
          expires_in: 3600,
        },
      },
    ]);
    const device = client(fetch);
    expect(await device.poll(request)).toEqual({ status: 'slow_down' });
    expect(await device.poll(request)).toEqual({ status: 'other_dc', userLocation: 'eu' });
    expect(await device.poll(request)).toEqual({ status: 'denied' });
    expect(await device.poll(request)).toEqual({ status: 'expired' });
    expect(await device.poll(request)).toMatchObject({
      status: 'granted',
      tokens: {
        accessToken: 'at-1',
        refreshToken: 'rt-1',
        apiDomain: 'https://www.zohoapis.eu',
        expiresAt: T0 + 3_600_000,
      },
    });
  });

  it('throws the mapped error for anything else, without the secrets in it', async () => {
    const { fetch } = fakeFetch([
      { body: { error: 'invalid_client_secret' } },
      { body: { error: 'other_dc' } },
    ]);
    const device = client(fetch);
    const wrongSecret = await rejection(device.poll(request));
    expect(wrongSecret.code).toBe('invalid_client_secret');
    // other_dc without a location cannot be followed: it is not silently taken as pending.
    const noLocation = await rejection(device.poll(request));
    for (const error of [wrongSecret, noLocation]) {
      expect(error.toLine()).not.toContain(SECRET);
      expect(error.toLine()).not.toContain(DEVICE_CODE);
    }
  });
});
