// The Zoho simulator over real HTTP: other suites prove the product against it, so it must
// behave like docs/zoho.md says Zoho does (HTTP 200 errors, single-use codes, throttles...).
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZohoSimulator, THROTTLE_BODY } from '../../support/zoho-simulator.js';
import type { ZohoSimulator, ZohoSimulatorOptions } from '../../support/zoho-simulator.js';
import { isValidScope, parseScopeList, scopeCovers } from '../../support/zoho-simulator/scopes.js';

const SERVER = {
  clientId: '1000.SERVERCLIENT',
  clientSecret: 'server-secret',
  type: 'server' as const,
};
const REDIRECT_URI = 'http://localhost:53682/callback';
const SELF = { clientId: '1000.SELFCLIENT', clientSecret: 'self-secret', type: 'self' as const };
const TEN_MINUTES = 10 * 60_000;

interface JsonResponse {
  status: number;
  json: Record<string, unknown>;
}

let sim: ZohoSimulator;

async function start(options?: ZohoSimulatorOptions): Promise<ZohoSimulator> {
  sim = await startZohoSimulator(options);
  sim.registerClient({ ...SERVER, redirectUris: [REDIRECT_URI] });
  sim.registerClient(SELF);
  return sim;
}

async function readJson(response: Response): Promise<JsonResponse> {
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function postToken(params: Record<string, string>): Promise<JsonResponse> {
  return readJson(
    await fetch(`${sim.accountsUrl}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams(params),
    }),
  );
}

function authorizeUrl(params: Record<string, string> = {}): string {
  const url = new URL('/oauth/v2/auth', sim.accountsUrl);
  const all = {
    client_id: SERVER.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'ZohoCRM.modules.ALL,AaaServer.profile.READ',
    access_type: 'offline',
    prompt: 'consent',
    state: 'st-1',
    ...params,
  };
  for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
  return url.toString();
}

async function serverCode(params: Record<string, string> = {}): Promise<string> {
  const location = new URL(await sim.consent(authorizeUrl(params), 'accept'));
  const code = location.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${location.toString()}`);
  return code;
}

async function exchangeServerCode(
  code: string,
  extra: Record<string, string> = {},
): Promise<JsonResponse> {
  return postToken({
    client_id: SERVER.clientId,
    client_secret: SERVER.clientSecret,
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    ...extra,
  });
}

async function selfClientTokens(
  scopes: string[],
): Promise<{ access_token: string; refresh_token: string }> {
  const { code } = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes });
  const answer = await postToken({
    client_id: SELF.clientId,
    client_secret: SELF.clientSecret,
    grant_type: 'authorization_code',
    code,
  });
  return answer.json as { access_token: string; refresh_token: string };
}

function refresh(refreshToken: string): Promise<JsonResponse> {
  return postToken({
    client_id: SELF.clientId,
    client_secret: SELF.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
}

function apiGet(path: string, accessToken?: string, scheme = 'Zoho-oauthtoken'): Promise<Response> {
  return fetch(`${sim.apiDomain}${path}`, {
    headers: accessToken === undefined ? {} : { authorization: `${scheme} ${accessToken}` },
  });
}

const TOKEN_SHAPE = /^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/;

afterEach(async () => {
  await sim.close();
});

describe('servers', () => {
  beforeEach(() => start());

  it('listens on two loopback ports', () => {
    expect(sim.accountsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.apiDomain).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.apiDomain).not.toBe(sim.accountsUrl);
  });

  it('close() ends kept-alive connections and can be called twice', async () => {
    await fetch(`${sim.apiDomain}/crm/v8/org`);
    await sim.close();
    await sim.close();
    await expect(fetch(`${sim.apiDomain}/crm/v8/org`)).rejects.toThrow();
  });
});

describe('self client codes', () => {
  beforeEach(() => start());

  it('issues a self_client.json of the exact downloaded shape', () => {
    const before = Date.now();
    const { code, selfClientJson } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
    });
    expect(code).toMatch(TOKEN_SHAPE);
    expect(Object.keys(selfClientJson)).toEqual([
      'scope',
      'expiry_time',
      'client_id',
      'client_secret',
      'code',
      'grant_type',
    ]);
    expect(selfClientJson).toMatchObject({
      scope: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      code,
      grant_type: 'authorization_code',
    });
    expect(selfClientJson.expiry_time).toBeGreaterThanOrEqual(before + 180_000);
    expect(selfClientJson.expiry_time).toBeLessThanOrEqual(Date.now() + 180_000);
  });

  it('refuses codes for unknown or non-self clients', () => {
    expect(() =>
      sim.issueSelfClientCode({ clientId: SERVER.clientId, scopes: ['ZohoCRM.org.READ'] }),
    ).toThrow();
    expect(() =>
      sim.issueSelfClientCode({ clientId: 'nope', scopes: ['ZohoCRM.org.READ'] }),
    ).toThrow();
  });

  it('exchanges a code once, without redirect_uri, for tokens of the Zoho shape', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const params = {
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      grant_type: 'authorization_code',
      code,
    };
    const first = await postToken(params);
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual([
      'access_token',
      'refresh_token',
      'api_domain',
      'token_type',
      'expires_in',
    ]);
    expect(first.json).toMatchObject({
      api_domain: sim.apiDomain,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(first.json.access_token).toMatch(TOKEN_SHAPE);
    expect(first.json.refresh_token).toMatch(TOKEN_SHAPE);

    expect(await postToken(params)).toEqual({ status: 200, json: { error: 'invalid_code' } });
    expect(sim.stats.tokenCalls).toEqual({
      authorization_code: 2,
      refresh_token: 0,
      client_credentials: 0,
      total: 2,
    });
  });

  it('expires codes on the simulator clock', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
      ttlMs: 300_000,
    });
    sim.advanceTime(300_000);
    const answer = await postToken({
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      grant_type: 'authorization_code',
      code,
    });
    expect(answer).toEqual({ status: 200, json: { error: 'invalid_code' } });
  });

  it('a code is bound to its client', async () => {
    sim.registerClient({ clientId: '1000.OTHER', clientSecret: 'other', type: 'self' });
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const answer = await postToken({
      client_id: '1000.OTHER',
      client_secret: 'other',
      grant_type: 'authorization_code',
      code,
    });
    expect(answer.json).toEqual({ error: 'invalid_code' });
  });
});

describe('token endpoint errors', () => {
  beforeEach(() => start());

  it('answers invalid_client and invalid_client_secret with HTTP 200, without burning the code', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const base = { grant_type: 'authorization_code', code };
    expect(
      await postToken({ ...base, client_id: '1000.UNKNOWN', client_secret: SELF.clientSecret }),
    ).toEqual({
      status: 200,
      json: { error: 'invalid_client' },
    });
    expect(await postToken({ ...base, client_id: SELF.clientId, client_secret: 'wrong' })).toEqual({
      status: 200,
      json: { error: 'invalid_client_secret' },
    });
    expect(await postToken({ ...base, client_id: SELF.clientId })).toEqual({
      status: 200,
      json: { error: 'invalid_client_secret' },
    });
    const ok = await postToken({
      ...base,
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
    });
    expect(ok.json.access_token).toMatch(TOKEN_SHAPE);
  });

  it('answers unsupported_grant_type', async () => {
    const answer = await postToken({
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      grant_type: 'password',
    });
    expect(answer).toEqual({ status: 200, json: { error: 'unsupported_grant_type' } });
  });

  it('is POST-only', async () => {
    const response = await fetch(`${sim.accountsUrl}/oauth/v2/token`);
    expect(response.status).toBe(405);
  });

  it('accepts multipart bodies like the Zoho CRM SDK sends', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const body = new FormData();
    for (const [name, value] of Object.entries({
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      grant_type: 'authorization_code',
      code,
    })) {
      body.append(name, value);
    }
    const answer = await readJson(
      await fetch(`${sim.accountsUrl}/oauth/v2/token`, { method: 'POST', body }),
    );
    expect(answer.json.refresh_token).toMatch(TOKEN_SHAPE);
  });

  it('failNext fails the next token requests before processing, so a retry can still use the code', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const params = {
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      grant_type: 'authorization_code',
      code,
    };
    sim.failNext(2);
    sim.failNext(1, { status: 500, body: '{"error":"internal"}' });
    const send = () =>
      fetch(`${sim.accountsUrl}/oauth/v2/token`, {
        method: 'POST',
        body: new URLSearchParams(params),
      });
    const first = await send();
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    await first.text();
    expect((await send()).status).toBe(503);
    const third = await send();
    expect(third.status).toBe(500);
    expect(await third.json()).toEqual({ error: 'internal' });
    const fourth = await readJson(await send());
    expect(fourth.json.access_token).toMatch(TOKEN_SHAPE);
    expect(sim.stats.tokenCalls.total).toBe(4);
  });
});

describe('legacy expiry', () => {
  beforeEach(() => start({ legacyExpiry: true, accessTokenTtlSeconds: 1800 }));

  it('answers expires_in_sec in seconds and expires_in in milliseconds', async () => {
    const tokens = (await selfClientTokens(['ZohoCRM.org.READ'])) as unknown as Record<
      string,
      unknown
    >;
    expect(tokens).toMatchObject({
      expires_in_sec: 1800,
      expires_in: 1_800_000,
      token_type: 'Bearer',
    });
  });
});

describe('authorization and consent page', () => {
  beforeEach(() => start());

  it('renders an accessible, self-contained consent page', async () => {
    const response = await fetch(authorizeUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>Authorize 1000\.SERVERCLIENT/);
    expect(html).toContain('data-testid="consent-accept"');
    expect(html).toContain('data-testid="consent-reject"');
    expect(html).toContain('<code>ZohoCRM.modules.ALL</code>');
    expect(html).toContain('<code>AaaServer.profile.READ</code>');
    expect(html).toContain('data-testid="consent-offline"');
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toContain('<script');
  });

  it('escapes what it echoes', async () => {
    sim.registerClient({
      clientId: '<b>evil</b>',
      clientSecret: 's',
      type: 'server',
      redirectUris: [REDIRECT_URI],
    });
    const html = await (await fetch(authorizeUrl({ client_id: '<b>evil</b>' }))).text();
    expect(html).not.toContain('<b>evil</b>');
    expect(html).toContain('&lt;b&gt;evil&lt;/b&gt;');
  });

  it('accept redirects with code, location, URL-encoded accounts-server and state', async () => {
    const location = await sim.consent(authorizeUrl({ state: 'a b&c' }), 'accept');
    expect(location.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    const encodedAccounts = encodeURIComponent(sim.accountsUrl);
    expect(encodedAccounts).toContain('%3A%2F%2F');
    expect(location).toContain(`accounts-server=${encodedAccounts}`);
    const url = new URL(location);
    expect(url.searchParams.get('code')).toMatch(TOKEN_SHAPE);
    expect(url.searchParams.get('location')).toBe('us');
    expect(url.searchParams.get('accounts-server')).toBe(sim.accountsUrl);
    expect(url.searchParams.get('state')).toBe('a b&c');
  });

  it('reject redirects with error=access_denied and the state', async () => {
    const url = new URL(await sim.consent(authorizeUrl(), 'reject'));
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('st-1');
    expect(url.searchParams.has('code')).toBe(false);
  });

  it('a consent page answers once', async () => {
    const html = await (await fetch(authorizeUrl())).text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)![1]!;
    const post = () =>
      fetch(`${sim.accountsUrl}/oauth/v2/approve`, {
        method: 'POST',
        body: new URLSearchParams({ request_id: requestId, decision: 'accept' }),
        redirect: 'manual',
      });
    expect((await post()).status).toBe(302);
    expect((await post()).status).toBe(400);
  });

  it('shows an Invalid Client page for an unknown client_id', async () => {
    const response = await fetch(authorizeUrl({ client_id: '1000.NOPE' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Invalid Client');
    await expect(sim.consent(authorizeUrl({ client_id: '1000.NOPE' }), 'accept')).rejects.toThrow(
      /Invalid Client/,
    );
  });

  it('shows an error page, never a redirect, when redirect_uri is not registered exactly', async () => {
    for (const redirectUri of [
      'http://localhost:53682/callback/',
      'http://127.0.0.1:53682/callback',
      'http://localhost:53683/callback',
    ]) {
      const response = await fetch(authorizeUrl({ redirect_uri: redirectUri }), {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('Invalid Redirect Uri');
    }
  });

  it('rejects a bad response_type, scope or PKCE method', async () => {
    const bad: Record<string, string>[] = [
      { response_type: 'token' },
      { scope: 'ZohoCRM.modules' },
      { scope: '' },
      { code_challenge: 'x', code_challenge_method: 'S512' },
    ];
    for (const params of bad) {
      const response = await fetch(authorizeUrl(params), { redirect: 'manual' });
      expect(response.status).toBe(400);
      await response.text();
    }
  });

  it('exchanges the code with the same redirect_uri only, once', async () => {
    const code = await serverCode();
    const tokens = await exchangeServerCode(code);
    expect(tokens.status).toBe(200);
    expect(tokens.json).toMatchObject({
      api_domain: sim.apiDomain,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(tokens.json.refresh_token).toMatch(TOKEN_SHAPE);
    expect((await exchangeServerCode(code)).json).toEqual({ error: 'invalid_code' });

    const other = await serverCode();
    expect(
      await exchangeServerCode(other, { redirect_uri: 'http://localhost:53682/other' }),
    ).toEqual({
      status: 200,
      json: { error: 'invalid_redirect_uri' },
    });
    const missing = await serverCode();
    const withoutRedirect = await postToken({
      client_id: SERVER.clientId,
      client_secret: SERVER.clientSecret,
      grant_type: 'authorization_code',
      code: missing,
    });
    expect(withoutRedirect.json).toEqual({ error: 'invalid_redirect_uri' });
  });

  it('server codes live grantCodeTtlMs (2 minutes by default)', async () => {
    const code = await serverCode();
    sim.advanceTime(120_000);
    expect((await exchangeServerCode(code)).json).toEqual({ error: 'invalid_code' });
  });

  it('gives a refresh token for offline access only, and again only with prompt=consent', async () => {
    const online = await exchangeServerCode(
      await serverCode({ access_type: 'online', prompt: '' }),
    );
    expect(online.json.access_token).toMatch(TOKEN_SHAPE);
    expect(online.json).not.toHaveProperty('refresh_token');

    const firstOffline = await exchangeServerCode(await serverCode({ prompt: '' }));
    expect(firstOffline.json.refresh_token).toMatch(TOKEN_SHAPE);
    const againWithoutPrompt = await exchangeServerCode(await serverCode({ prompt: '' }));
    expect(againWithoutPrompt.json).not.toHaveProperty('refresh_token');
    const forced = await exchangeServerCode(await serverCode({ prompt: 'consent' }));
    expect(forced.json.refresh_token).toMatch(TOKEN_SHAPE);
  });

  it('allows 10 grant codes per client per 10 minutes, then redirects with access_denied', async () => {
    for (let i = 0; i < 10; i += 1) await serverCode();
    const throttled = new URL(await sim.consent(authorizeUrl(), 'accept'));
    expect(throttled.searchParams.get('error')).toBe('access_denied');
    expect(throttled.searchParams.get('state')).toBe('st-1');
    sim.advanceTime(TEN_MINUTES);
    expect(await serverCode()).toMatch(TOKEN_SHAPE);
  });
});

describe('redirect overrides', () => {
  beforeEach(() =>
    start({ location: 'eu', accountsServerOnRedirect: 'https://accounts.evil.example' }),
  );

  it('sends the configured location and accounts-server values', async () => {
    const location = await sim.consent(authorizeUrl(), 'accept');
    expect(location).toContain('accounts-server=https%3A%2F%2Faccounts.evil.example');
    expect(new URL(location).searchParams.get('location')).toBe('eu');
  });
});

describe('PKCE', () => {
  beforeEach(() => start());

  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  it('S256: only the matching code_verifier redeems the code', async () => {
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const wrong = await exchangeServerCode(await serverCode(pkce), {
      code_verifier: randomBytes(32).toString('base64url'),
    });
    expect(wrong).toEqual({ status: 200, json: { error: 'invalid_code' } });
    const missing = await exchangeServerCode(await serverCode(pkce));
    expect(missing.json).toEqual({ error: 'invalid_code' });
    const plainAsS256 = await exchangeServerCode(await serverCode(pkce), {
      code_verifier: challenge,
    });
    expect(plainAsS256.json).toEqual({ error: 'invalid_code' });

    const code = await serverCode(pkce);
    const right = await exchangeServerCode(code, { code_verifier: verifier });
    expect(right.json.access_token).toMatch(TOKEN_SHAPE);
  });

  it('a failed verifier burns the code', async () => {
    const code = await serverCode({ code_challenge: challenge, code_challenge_method: 'S256' });
    await exchangeServerCode(code, { code_verifier: 'x'.repeat(43) });
    expect((await exchangeServerCode(code, { code_verifier: verifier })).json).toEqual({
      error: 'invalid_code',
    });
  });

  it('plain is the default method', async () => {
    const code = await serverCode({ code_challenge: verifier });
    expect((await exchangeServerCode(code, { code_verifier: verifier })).json.access_token).toMatch(
      TOKEN_SHAPE,
    );
  });
});

describe('refresh', () => {
  beforeEach(() => start());

  it('answers new access tokens without a refresh token', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    const answer = await refresh(tokens.refresh_token);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual([
      'access_token',
      'api_domain',
      'token_type',
      'expires_in',
    ]);
    expect(answer.json.access_token).not.toBe(tokens.access_token);
    expect(sim.stats.tokenCalls).toEqual({
      authorization_code: 1,
      refresh_token: 1,
      client_credentials: 0,
      total: 2,
    });
  });

  it("an unknown refresh token or another client's answers invalid_code", async () => {
    expect((await refresh('1000.nope.nope')).json).toEqual({ error: 'invalid_code' });
    const code = await serverCode();
    const serverRefresh = (await exchangeServerCode(code)).json.refresh_token as string;
    expect((await refresh(serverRefresh)).json).toEqual({ error: 'invalid_code' });
  });

  it('throttles the 11th refresh in 10 minutes with HTTP 400 "Access Denied", until the window passes', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    for (let i = 0; i < 10; i += 1) {
      sim.advanceTime(30_000);
      expect((await refresh(tokens.refresh_token)).status).toBe(200);
    }
    const throttled = await refresh(tokens.refresh_token);
    expect(throttled).toEqual({ status: 400, json: { ...THROTTLE_BODY } });
    expect(throttled.json).toEqual({
      error_description:
        'You have made too many requests continuously. Please try again after some time.',
      error: 'Access Denied',
      status: 'failure',
    });
    sim.advanceTime(60_000);
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
    sim.advanceTime(TEN_MINUTES);
    const recovered = await refresh(tokens.refresh_token);
    expect(recovered.status).toBe(200);
    expect(recovered.json.access_token).toMatch(TOKEN_SHAPE);
  });

  it('keeps at most 10 active access tokens per refresh token, invalidating the oldest', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    expect((await apiGet('/crm/v8/org', tokens.access_token)).status).toBe(200);
    const minted: string[] = [];
    for (let i = 0; i < 10; i += 1)
      minted.push((await refresh(tokens.refresh_token)).json.access_token as string);
    expect((await apiGet('/crm/v8/org', tokens.access_token)).status).toBe(401);
    expect((await apiGet('/crm/v8/org', minted[0])).status).toBe(200);
    expect((await apiGet('/crm/v8/org', minted[9])).status).toBe(200);
  });

  it('keeps 20 refresh tokens per client, deleting the oldest on the 21st', async () => {
    const first = await selfClientTokens(['ZohoCRM.org.READ']);
    for (let i = 0; i < 19; i += 1) await selfClientTokens(['ZohoCRM.org.READ']);
    expect((await refresh(first.refresh_token)).status).toBe(200);
    await selfClientTokens(['ZohoCRM.org.READ']);
    expect((await refresh(first.refresh_token)).json).toEqual({ error: 'invalid_code' });
  });
});

describe('revoke', () => {
  beforeEach(() => start());

  it('revokes a refresh token and its access tokens; refresh then answers invalid_code', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    const revoked = await readJson(
      await fetch(`${sim.accountsUrl}/oauth/v2/token/revoke`, {
        method: 'POST',
        body: new URLSearchParams({ token: tokens.refresh_token }),
      }),
    );
    expect(revoked).toEqual({ status: 200, json: { status: 'success' } });
    expect((await refresh(tokens.refresh_token)).json).toEqual({ error: 'invalid_code' });
    expect(await (await apiGet('/crm/v8/org', tokens.access_token)).json()).toMatchObject({
      code: 'INVALID_TOKEN',
    });

    const again = await fetch(
      `${sim.accountsUrl}/oauth/v2/token/revoke?token=${tokens.refresh_token}`,
      { method: 'POST' },
    );
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ status: 'failure' });
    expect(sim.stats.revokeCalls).toBe(2);
    expect(sim.stats.secretsInQuery).toBe(1);
  });

  it('revokes a single access token', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    const response = await fetch(`${sim.accountsUrl}/oauth/v2/token/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(response.status).toBe(200);
    await response.text();
    expect((await apiGet('/crm/v8/org', tokens.access_token)).status).toBe(401);
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('revokeAll() kills every token of a client', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    const serverTokens = (await exchangeServerCode(await serverCode())).json;
    sim.revokeAll(SELF.clientId);
    expect((await refresh(tokens.refresh_token)).json).toEqual({ error: 'invalid_code' });
    // Only the named client was revoked.
    expect(
      (await apiGet('/crm/v8/Leads?fields=Last_Name', serverTokens.access_token as string)).status,
    ).toBe(200);
    sim.revokeAll();
    const serverRefresh = await postToken({
      client_id: SERVER.clientId,
      client_secret: SERVER.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: serverTokens.refresh_token as string,
    });
    expect(serverRefresh.json).toEqual({ error: 'invalid_code' });
  });
});

describe('user info', () => {
  beforeEach(() => start());

  it('answers the profile for AaaServer.profile.READ in any case, with either scheme', async () => {
    const tokens = await selfClientTokens(['aaaserver.profile.read']);
    for (const scheme of ['Zoho-oauthtoken', 'Bearer']) {
      const response = await fetch(`${sim.accountsUrl}/oauth/user/info`, {
        headers: { authorization: `${scheme} ${tokens.access_token}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        First_Name: sim.user.firstName,
        Last_Name: sim.user.lastName,
        Display_Name: sim.user.displayName,
        Email: sim.user.email,
        ZUID: sim.user.zuid,
      });
      expect(typeof body.ZUID).toBe('number');
    }
    expect(sim.stats.userInfoCalls).toBe(2);
  });

  it('answers 401 without the scope or without a valid token', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    const noScope = await fetch(`${sim.accountsUrl}/oauth/user/info`, {
      headers: { authorization: `Zoho-oauthtoken ${tokens.access_token}` },
    });
    expect(noScope.status).toBe(401);
    await noScope.text();
    const noToken = await fetch(`${sim.accountsUrl}/oauth/user/info`);
    expect(noToken.status).toBe(401);
    await noToken.text();
  });
});

describe('CRM API', () => {
  beforeEach(() => start());

  it('answers INVALID_TOKEN for a missing, unknown, query-string or expired token', async () => {
    const invalid = {
      code: 'INVALID_TOKEN',
      details: {},
      message: 'invalid oauth token',
      status: 'error',
    };
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    for (const response of [
      await apiGet('/crm/v8/org'),
      await apiGet('/crm/v8/org', '1000.abc.def'),
      await apiGet('/crm/v8/org', tokens.access_token, 'Basic'),
      await fetch(`${sim.apiDomain}/crm/v8/org?access_token=${tokens.access_token}`),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(invalid);
    }
    expect((await apiGet('/crm/v8/org', tokens.access_token)).status).toBe(200);
    sim.advanceTime(3600_000);
    const expired = await apiGet('/crm/v8/org', tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual(invalid);
  });

  it('expireAccessTokens() expires every access token at once', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    sim.expireAccessTokens();
    expect((await apiGet('/crm/v8/org', tokens.access_token)).status).toBe(401);
    const fresh = (await refresh(tokens.refresh_token)).json.access_token as string;
    expect((await apiGet('/crm/v8/org', fresh)).status).toBe(200);
  });

  it('answers OAUTH_SCOPE_MISMATCH when the token lacks the scope', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.org.READ']);
    const response = await apiGet('/crm/v8/users?type=CurrentUser', tokens.access_token);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'OAUTH_SCOPE_MISMATCH',
      details: {},
      message: 'invalid oauth scope to access this URL',
      status: 'error',
    });
  });

  it('serves org, current user and leads with covering scopes', async () => {
    const tokens = await selfClientTokens([
      'ZohoCRM.org.ALL',
      'ZohoCRM.users.READ',
      'ZohoCRM.modules.all',
    ]);
    const org = await apiGet('/crm/v8/org', tokens.access_token);
    expect(org.status).toBe(200);
    expect(
      ((await org.json()) as { org: { company_name: string }[] }).org[0]!.company_name,
    ).toBeTruthy();

    const users = await apiGet('/crm/v8/users?type=CurrentUser', tokens.access_token);
    expect(users.status).toBe(200);
    expect(((await users.json()) as { users: { email: string }[] }).users[0]!.email).toBe(
      sim.user.email,
    );

    const noFields = await apiGet('/crm/v8/Leads', tokens.access_token);
    expect(noFields.status).toBe(400);
    expect(await noFields.json()).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'fields' },
    });

    const leads = await apiGet('/crm/v8/Leads?fields=Last_Name,Email', tokens.access_token);
    expect(leads.status).toBe(200);
    const body = (await leads.json()) as {
      data: Record<string, unknown>[];
      info: { count: number };
    };
    expect(body.info.count).toBe(body.data.length);
    expect(Object.keys(body.data[0]!).sort()).toEqual(['Email', 'Last_Name', 'id']);
    expect(sim.stats.apiCalls).toBe(4);
  });

  it('pages leads with per_page and page, and answers 204 past the end', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.modules.leads.READ']);
    const first = await apiGet(
      '/crm/v8/Leads?fields=Last_Name,Email&per_page=1',
      tokens.access_token,
    );
    expect(first.status).toBe(200);
    const body = (await first.json()) as { data: unknown[]; info: Record<string, unknown> };
    expect(body.data).toHaveLength(1);
    expect(body.info).toMatchObject({ per_page: 1, page: 1, count: 1, more_records: true });
    const past = await apiGet('/crm/v8/Leads?fields=Last_Name&page=50', tokens.access_token);
    expect(past.status).toBe(204);
    expect(await past.text()).toBe('');
    const bad = await apiGet('/crm/v8/Leads?fields=Last_Name&per_page=500', tokens.access_token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'INVALID_DATA',
      details: { param_name: 'per_page' },
    });
  });

  it('creates leads with ZohoCRM.modules.leads.CREATE and lists them', async () => {
    const tokens = await selfClientTokens([
      'ZohoCRM.modules.leads.CREATE',
      'ZohoCRM.modules.leads.READ',
    ]);
    const post = (body: unknown) =>
      fetch(`${sim.apiDomain}/crm/v8/Leads`, {
        method: 'POST',
        headers: {
          authorization: `Zoho-oauthtoken ${tokens.access_token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const created = await post({ data: [{ Last_Name: 'Tester', Company: 'Token Desk' }] });
    expect(created.status).toBe(201);
    const result = (await created.json()) as {
      data: { code: string; status: string; details: { id: string } }[];
    };
    expect(result.data[0]).toMatchObject({
      code: 'SUCCESS',
      status: 'success',
      message: 'record added',
    });
    const list = (await (
      await apiGet('/crm/v8/Leads?fields=Last_Name,Company', tokens.access_token)
    ).json()) as { data: Record<string, unknown>[] };
    expect(list.data).toContainEqual({
      id: result.data[0]!.details.id,
      Last_Name: 'Tester',
      Company: 'Token Desk',
    });

    const mixed = await post({ data: [{ Last_Name: 'Ok' }, { Company: 'no last name' }] });
    expect(mixed.status).toBe(207);
    await mixed.text();
    const bad = await post({ nope: true });
    expect(bad.status).toBe(400);
    await bad.text();

    const readOnly = await selfClientTokens(['ZohoCRM.modules.leads.READ']);
    const denied = await fetch(`${sim.apiDomain}/crm/v8/Leads`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${readOnly.access_token}` },
      body: JSON.stringify({ data: [{ Last_Name: 'x' }] }),
    });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
  });

  it('answers INVALID_URL_PATTERN for unknown paths and INVALID_REQUEST_METHOD for wrong methods', async () => {
    const tokens = await selfClientTokens(['ZohoCRM.modules.ALL']);
    const unknown = await apiGet('/crm/v2/nowhere', tokens.access_token);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      code: 'INVALID_URL_PATTERN',
      details: {},
      status: 'error',
    });
    const wrongMethod = await fetch(`${sim.apiDomain}/crm/v8/org`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(400);
    expect(await wrongMethod.json()).toMatchObject({ code: 'INVALID_REQUEST_METHOD' });
  });
});

describe('request log and secrets in URLs', () => {
  beforeEach(() => start());

  it('counts requests that carry secrets in the query, and still answers like Zoho', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const query = new URLSearchParams({
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      grant_type: 'authorization_code',
      code,
    });
    const answer = await readJson(
      await fetch(`${sim.accountsUrl}/oauth/v2/token?${query.toString()}`, { method: 'POST' }),
    );
    expect(answer.json.refresh_token).toMatch(TOKEN_SHAPE);
    expect(sim.stats.secretsInQuery).toBe(1);

    await refresh(answer.json.refresh_token as string);
    expect(sim.stats.secretsInQuery).toBe(1);

    const logged = sim.requests;
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({
      method: 'POST',
      path: '/oauth/v2/token',
      form: {},
      query: { client_secret: SELF.clientSecret },
    });
    expect(logged[1]!.url).toBe(`${sim.accountsUrl}/oauth/v2/token`);
    expect(logged[1]!.form).toMatchObject({
      grant_type: 'refresh_token',
      client_id: SELF.clientId,
    });
    expect(logged[1]!.headers['content-type']).toMatch(/x-www-form-urlencoded/);
  });

  it('does not log the browser-facing consent flow', async () => {
    await sim.consent(authorizeUrl(), 'accept');
    expect(sim.requests).toEqual([]);
  });

  it('stats and requests are snapshots', async () => {
    const before = sim.stats;
    await refresh('1000.a.b');
    expect(before.tokenCalls.total).toBe(0);
    expect(sim.stats.tokenCalls.total).toBe(1);
  });
});

describe('scope grammar and coverage', () => {
  it('accepts Service.scope.OP shapes and OIDC scopes', () => {
    expect(isValidScope('ZohoCRM.modules.leads.READ')).toBe(true);
    expect(isValidScope('ZohoCRM.modules.all')).toBe(true);
    expect(isValidScope('openid')).toBe(true);
    expect(isValidScope('ZohoCRM.modules')).toBe(false);
    expect(isValidScope('ZohoCRM.modules.FETCH')).toBe(false);
    expect(parseScopeList('ZohoCRM.org.READ, ZohoCRM.users.READ ZohoCRM.org.READ')).toEqual({
      ok: true,
      scopes: ['ZohoCRM.org.READ', 'ZohoCRM.users.READ'],
    });
  });

  it('covers by prefix and operation, case-insensitively', () => {
    expect(scopeCovers('ZohoCRM.modules.ALL', 'ZohoCRM.modules.leads.READ')).toBe(true);
    expect(scopeCovers('ZohoCRM.modules.READ', 'ZohoCRM.modules.leads.READ')).toBe(true);
    expect(scopeCovers('zohocrm.modules.leads.all', 'ZohoCRM.modules.leads.CREATE')).toBe(true);
    expect(scopeCovers('ZohoCRM.modules.WRITE', 'ZohoCRM.modules.leads.CREATE')).toBe(true);
    expect(scopeCovers('ZohoCRM.settings.ALL', 'ZohoCRM.settings.fields.READ')).toBe(true);
    expect(scopeCovers('ZohoCRM.modules.leads.READ', 'ZohoCRM.modules.leads.CREATE')).toBe(false);
    expect(scopeCovers('ZohoCRM.modules.contacts.ALL', 'ZohoCRM.modules.leads.READ')).toBe(false);
    expect(scopeCovers('ZohoCRM.modules.leads.ALL', 'ZohoCRM.modules.READ')).toBe(false);
    expect(scopeCovers('ZohoBigin.org.ALL', 'ZohoCRM.org.READ')).toBe(false);
  });
});
