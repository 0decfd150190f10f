import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, backoffDelay } from '../../../../main/core/http/http-client.js';
import {
  createZohoOAuthClient,
  worstCaseTokenCallMs,
  type ZohoOAuthClientOptions,
} from '../../../../main/core/zoho/oauth-client.js';
import { rejection } from '../../../support/typed-errors.js';

const NOW = 1_700_000_000_000;
const SECRET = 'client-secret-0123456789abcdef';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Responder = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let requests: Recorded[];
let responders: Responder[];
let sleeps: number[];

const json =
  (status: number, body: unknown): Responder =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
const text =
  (status: number, body: string, type = 'text/html'): Responder =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
/** Never answers: the client's timeout has to end it. */
const silent: Responder = () => undefined;

beforeEach(async () => {
  requests = [];
  responders = [];
  sleeps = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const responder = responders.shift() ?? json(500, { error: 'no responder left' });
      responder(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(options: ZohoOAuthClientOptions = {}) {
  return createZohoOAuthClient({
    clock: { now: () => NOW },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('buildAuthorizationUrl', () => {
  it('builds Zoho’s authorization URL with offline access, forced consent and PKCE S256', () => {
    const url = new URL(
      client().buildAuthorizationUrl({
        accountsUrl: 'https://accounts.zoho.com/',
        clientId: '1000.ABC',
        scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.READ'],
        redirectUri: 'http://localhost:53134/callback',
        state: 'state-123',
        codeChallenge: 'challenge-xyz',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.zoho.com/oauth/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '1000.ABC',
      scope: 'ZohoCRM.modules.ALL,AaaServer.profile.READ',
      redirect_uri: 'http://localhost:53134/callback',
      access_type: 'offline',
      prompt: 'consent',
      state: 'state-123',
      code_challenge: 'challenge-xyz',
      code_challenge_method: 'S256',
    });
  });
});

describe('exchangeCode', () => {
  it('posts a form body (never a query) and returns the TokenSet', async () => {
    responders.push(
      json(200, {
        access_token: '1000.at',
        refresh_token: '1000.rt',
        api_domain: 'https://www.zohoapis.com',
        token_type: 'Bearer',
        expires_in: 3600,
      }),
    );
    const tokens = await client().exchangeCode({
      accountsUrl: baseUrl,
      clientId: '1000.ABC',
      clientSecret: SECRET,
      code: '1000.code.value',
      redirectUri: 'http://localhost:53134/callback',
      codeVerifier: 'verifier-verifier-verifier-verifier-verifier',
    });
    expect(tokens).toMatchObject({
      accessToken: '1000.at',
      refreshToken: '1000.rt',
      apiDomain: 'https://www.zohoapis.com',
      expiresAt: NOW + 3_600_000,
    });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/oauth/v2/token');
    expect(request!.url).not.toContain(SECRET);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form(request!.body)).toEqual({
      client_id: '1000.ABC',
      client_secret: SECRET,
      grant_type: 'authorization_code',
      code: '1000.code.value',
      redirect_uri: 'http://localhost:53134/callback',
      code_verifier: 'verifier-verifier-verifier-verifier-verifier',
    });
  });

  it('sends no redirect_uri and no code_verifier for a Self Client code', async () => {
    responders.push(json(200, { access_token: 'a', expires_in: 3600 }));
    await client().exchangeCode({
      accountsUrl: baseUrl,
      clientId: '1000.SELF',
      clientSecret: SECRET,
      code: '1000.c',
    });
    const sent = form(requests[0]!.body);
    expect(sent).not.toHaveProperty('redirect_uri');
    expect(sent).not.toHaveProperty('code_verifier');
    expect(sent.grant_type).toBe('authorization_code');
  });

  it('maps an HTTP 200 error body, and keeps the secret out of the message', async () => {
    responders.push(json(200, { error: 'invalid_client_secret' }));
    const error = await rejection(
      client().exchangeCode({
        accountsUrl: baseUrl,
        clientId: 'c',
        clientSecret: SECRET,
        code: 'x',
      }),
    );
    expect(error.code).toBe('invalid_client_secret');
    expect(error.message + error.remedy).not.toContain(SECRET);
    expect(requests).toHaveLength(1);
  });

  it('shows the redirect URI it sent when Zoho says it does not match', async () => {
    responders.push(json(200, { error: 'invalid_redirect_uri' }));
    const error = await rejection(
      client().exchangeCode({
        accountsUrl: baseUrl,
        clientId: 'c',
        clientSecret: SECRET,
        code: 'x',
        redirectUri: 'http://localhost:1234/cb',
      }),
    );
    expect(error.code).toBe('invalid_redirect_uri');
    expect(error.message).toContain('http://localhost:1234/cb');
  });
});

describe('refresh', () => {
  it('posts grant_type=refresh_token in the body and reads the legacy expiry form', async () => {
    responders.push(
      json(200, {
        access_token: '1000.new',
        expires_in_sec: 3600,
        expires_in: 3_600_000,
        api_domain: 'https://www.zohoapis.in',
      }),
    );
    const tokens = await client().refresh({
      accountsUrl: baseUrl,
      clientId: 'c',
      clientSecret: SECRET,
      refreshToken: '1000.rt.rt',
    });
    expect(tokens.accessToken).toBe('1000.new');
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresAt).toBe(NOW + 3_600_000);
    expect(requests[0]!.url).toBe('/oauth/v2/token');
    expect(form(requests[0]!.body)).toEqual({
      client_id: 'c',
      client_secret: SECRET,
      grant_type: 'refresh_token',
      refresh_token: '1000.rt.rt',
    });
  });

  it('retries 503 with growing backoff, then succeeds', async () => {
    responders.push(
      text(503, 'busy'),
      text(503, 'busy'),
      json(200, { access_token: 'ok', expires_in: 3600 }),
    );
    const tokens = await client().refresh({
      accountsUrl: baseUrl,
      clientId: 'c',
      clientSecret: SECRET,
      refreshToken: 'r',
    });
    expect(tokens.accessToken).toBe('ok');
    expect(requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
  });

  it('does not retry a 400', async () => {
    responders.push(
      json(400, { error: 'invalid_code' }),
      json(200, { access_token: 'must-not-be-reached' }),
    );
    const error = await rejection(
      client().refresh({
        accountsUrl: baseUrl,
        clientId: 'c',
        clientSecret: SECRET,
        refreshToken: 'r',
      }),
    );
    expect(error.code).toBe('invalid_code');
    expect(error.category).toBe('auth');
    expect(requests).toHaveLength(1);
    expect(sleeps).toHaveLength(0);
  });

  it('does not retry the throttle either', async () => {
    responders.push(
      json(200, {
        error: 'Access Denied',
        error_description: 'too many requests',
        status: 'failure',
      }),
    );
    const error = await rejection(
      client().refresh({
        accountsUrl: baseUrl,
        clientId: 'c',
        clientSecret: SECRET,
        refreshToken: 'r',
      }),
    );
    expect(error.code).toBe('throttled');
    expect(error.details.retryAt).toBe(NOW + 600_000);
    expect(requests).toHaveLength(1);
  });

  it('gives up after the configured retries on persistent 5xx with a network-category error', async () => {
    responders.push(
      text(502, '<html>bad gateway</html>'),
      text(502, '<html>bad gateway</html>'),
      text(502, '<html>bad gateway</html>'),
    );
    const error = await rejection(
      client({ retries: 2 }).refresh({
        accountsUrl: baseUrl,
        clientId: 'c',
        clientSecret: SECRET,
        refreshToken: 'r',
      }),
    );
    expect(error.code).toBe('server_error');
    expect(error.category).toBe('network');
    expect(requests).toHaveLength(3);
  });

  it('times out a silent server, retries, then fails with a network error naming only the host', async () => {
    responders.push(silent, silent);
    const error = await rejection(
      client({ timeoutMs: 50, retries: 1 }).refresh({
        accountsUrl: `${baseUrl}/prefix`,
        clientId: 'c',
        clientSecret: SECRET,
        refreshToken: 'r',
      }),
    );
    expect(error.code).toBe('network_error');
    expect(error.category).toBe('network');
    expect(error.details.timedOut).toBe(true);
    expect(error.message).toContain(new URL(baseUrl).host);
    expect(error.message).not.toContain('/oauth');
    expect(error.message).not.toContain(SECRET);
    expect(error.remedy).toMatch(/connection/);
    expect(requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('takes at most worstCaseTokenCallMs() with the default policy (what a process waiting for the lock must outlast)', async () => {
    let attempts = 0;
    const timingOut = async () => {
      attempts += 1;
      throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    };
    // random 1: the longest backoff the jitter can give.
    const error = await rejection(
      client({ fetch: timingOut, random: () => 1 }).refresh({
        accountsUrl: baseUrl,
        clientId: 'c',
        clientSecret: SECRET,
        refreshToken: 'r',
      }),
    );
    expect(error.code).toBe('network_error');
    expect(attempts).toBe(4);
    const waited = sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited + attempts * DEFAULT_TIMEOUT_MS).toBe(worstCaseTokenCallMs());
    expect(worstCaseTokenCallMs()).toBe(63_500);
  });

  it('fails with network_error when nothing listens, after retrying', async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    const error = await rejection(
      client({ retries: 2 }).refresh({
        accountsUrl: closed,
        clientId: 'c',
        clientSecret: SECRET,
        refreshToken: 'r',
      }),
    );
    expect(error.code).toBe('network_error');
    expect(error.details.timedOut).toBe(false);
    expect(error.details.attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
  });
});

describe('revoke', () => {
  const request = () => ({
    accountsUrl: baseUrl,
    clientId: '1000.ABC',
    clientSecret: SECRET,
    token: '1000.rt.to.revoke',
  });

  it('posts the token in a form body and accepts {"status":"success"}', async () => {
    responders.push(json(200, { status: 'success' }));
    await client().revoke(request());
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url).toBe('/oauth/v2/token/revoke');
    expect(form(requests[0]!.body)).toEqual({
      token: '1000.rt.to.revoke',
      client_id: '1000.ABC',
      client_secret: SECRET,
    });
  });

  it('accepts an empty 200 (RFC 7009 servers)', async () => {
    responders.push(text(200, '', 'text/plain'));
    await expect(client().revoke(request())).resolves.toBeUndefined();
  });

  it('fails on 400 or status failure', async () => {
    responders.push(json(400, { status: 'failure' }), json(200, { status: 'failure' }));
    expect((await rejection(client().revoke(request()))).code).toBe('token_already_invalid');
    expect((await rejection(client().revoke(request()))).code).toBe('token_already_invalid');
  });
});

describe('userInfo', () => {
  it('sends the Zoho-oauthtoken header and reads Zoho’s fields', async () => {
    responders.push(
      json(200, {
        First_Name: 'Asha',
        Last_Name: 'Rao',
        Email: 'asha@example.com',
        Display_Name: 'asha.rao',
        ZUID: 70012345,
      }),
    );
    const info = await client().userInfo({ accountsUrl: baseUrl, accessToken: '1000.access' });
    expect(info).toEqual({ email: 'asha@example.com', name: 'asha.rao', zuid: '70012345' });
    expect(requests[0]!.method).toBe('GET');
    expect(requests[0]!.url).toBe('/oauth/user/info');
    expect(requests[0]!.headers.authorization).toBe('Zoho-oauthtoken 1000.access');
  });

  it('builds the name from First_Name and Last_Name, and takes a string ZUID', async () => {
    responders.push(json(200, { First_Name: 'Asha', Last_Name: 'Rao', ZUID: '70012345' }));
    expect(await client().userInfo({ accountsUrl: baseUrl, accessToken: 'a' })).toEqual({
      name: 'Asha Rao',
      zuid: '70012345',
    });
  });

  it('accepts OIDC-style claims', async () => {
    responders.push(json(200, { sub: 'user-1', email: 'u@example.com', name: 'User One' }));
    expect(await client().userInfo({ accountsUrl: baseUrl, accessToken: 'a' })).toEqual({
      email: 'u@example.com',
      name: 'User One',
      zuid: 'user-1',
    });
  });

  it('maps a refused token to an auth error', async () => {
    responders.push(
      json(401, { code: 'INVALID_OAUTHTOKEN', message: 'invalid oauth token', status: 'error' }),
    );
    const error = await rejection(client().userInfo({ accountsUrl: baseUrl, accessToken: 'a' }));
    expect(error.code).toBe('invalid_token');
    expect(error.category).toBe('auth');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and stays within [half, full] of the ceiling', () => {
    expect(backoffDelay(1, () => 0, 500, 8000)).toBe(250);
    expect(backoffDelay(1, () => 0.999999, 500, 8000)).toBe(500);
    expect(backoffDelay(3, () => 0, 500, 8000)).toBe(1000);
    expect(backoffDelay(10, () => 1, 500, 8000)).toBe(8000);
  });
});
