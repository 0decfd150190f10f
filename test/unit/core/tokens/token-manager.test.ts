import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import type { Connection } from '../../../../main/core/store/connection.js';
import {
  createTokenManager,
  refreshLockKey,
  type TokenManager,
  type TokenNotice,
} from '../../../../main/core/tokens/token-manager.js';
import {
  FakeClock,
  InMemoryConnectionStore,
  InMemoryLock,
  InMemoryVault,
  ScriptedOAuthClient,
  T0,
  makeConnection,
} from '../../../support/fakes.js';

const ID = 'conn-1';
const NAME = 'acme-crm';
const REFRESH_TOKEN = '1000.refresh.original';
const CLIENT_SECRET = 'client-secret-value';
const CACHED_TOKEN = '1000.access.cached';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LOCK_KEY = refreshLockKey(ID);

interface Setup {
  connection?: Partial<Connection>;
  refreshToken?: string | null;
  clientSecret?: string | null;
  /** A cached access token valid for this many ms from T0. */
  cachedValidForMs?: number;
}

/** One "machine": shared store, vault, lock and clock; `manager` is one process, `otherProcess()` another. */
function setup(options: Setup = {}) {
  const clock = new FakeClock();
  const cached = options.cachedValidForMs;
  const store = new InMemoryConnectionStore([
    makeConnection({
      ...(cached !== undefined ? { accessTokenExpiresAt: T0 + cached } : {}),
      ...options.connection,
    }),
  ]);
  const vault = new InMemoryVault();
  const refreshToken = options.refreshToken === undefined ? REFRESH_TOKEN : options.refreshToken;
  const clientSecret = options.clientSecret === undefined ? CLIENT_SECRET : options.clientSecret;
  if (refreshToken !== null) vault.setSecret(ID, 'refresh_token', refreshToken);
  if (clientSecret !== null) vault.setSecret(ID, 'client_secret', clientSecret);
  if (cached !== undefined) vault.setSecret(ID, 'access_token', CACHED_TOKEN);
  const lock = new InMemoryLock();
  const oauth = new ScriptedOAuthClient(clock);
  const notices: TokenNotice[] = [];
  const otherProcess = (): TokenManager =>
    createTokenManager({ store, vault, oauth, lock, clock, onNotice: (n) => notices.push(n) });
  return { clock, store, vault, lock, oauth, notices, manager: otherProcess(), otherProcess };
}

/** Shell-neutral remedy (the desktop app shows it too); the command goes in cliHint for the CLI. */
function expectAuthorizeRemedy(error: TokenDeskError): void {
  expect(error.remedy).toMatch(/^Authorize the connection/);
  expect(error.remedy).not.toContain('token-desk');
  expect(error.cliHint).toBe(`token-desk authorize ${NAME}`);
}

async function caught(promise: Promise<unknown>): Promise<TokenDeskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenDeskError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('getAccessToken: cache', () => {
  it('returns the cached token without calling Zoho or taking the refresh lock', async () => {
    const { manager, oauth, lock } = setup({ cachedValidForMs: HOUR });

    const result = await manager.getAccessToken(NAME);

    expect(result).toMatchObject({
      accessToken: CACHED_TOKEN,
      expiresAt: T0 + HOUR,
      apiDomain: 'https://www.zohoapis.eu',
      refreshed: false,
    });
    expect(result.connection.id).toBe(ID);
    expect(oauth.refreshCount).toBe(0);
    expect(lock.acquisitions).toEqual([]);
  });

  it('finds the connection by name in any case, or by id', async () => {
    const { manager } = setup({ cachedValidForMs: HOUR });
    expect((await manager.getAccessToken('ACME-CRM')).accessToken).toBe(CACHED_TOKEN);
    expect((await manager.getAccessToken(ID)).accessToken).toBe(CACHED_TOKEN);
  });

  it('keeps a token valid exactly minValidSeconds (default 300) and refreshes one a millisecond short', async () => {
    const exact = setup({ cachedValidForMs: 300_000 });
    expect((await exact.manager.getAccessToken(NAME)).refreshed).toBe(false);
    expect(exact.oauth.refreshCount).toBe(0);
    expect(exact.lock.acquisitions).toEqual([]);

    const short = setup({ cachedValidForMs: 299_999 });
    const result = await short.manager.getAccessToken(NAME);
    expect(result.refreshed).toBe(true);
    expect(result.accessToken).toBe('1000.access.1');
    expect(short.oauth.refreshCount).toBe(1);
  });

  it('honours a caller-chosen minValidSeconds, including 0', async () => {
    const { manager, oauth, clock } = setup({ cachedValidForMs: 10 * MINUTE });
    expect((await manager.getAccessToken(NAME, { minValidSeconds: 600 })).refreshed).toBe(false);
    clock.advance(1);
    expect((await manager.getAccessToken(NAME, { minValidSeconds: 0 })).accessToken).toBe(
      CACHED_TOKEN,
    );
    expect(oauth.refreshCount).toBe(0);
    expect((await manager.getAccessToken(NAME, { minValidSeconds: 600 })).refreshed).toBe(true);
    expect(oauth.refreshCount).toBe(1);
  });

  it('refuses a negative or non-numeric minValidSeconds as an input error', async () => {
    const { manager, oauth } = setup({ cachedValidForMs: HOUR });
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await caught(manager.getAccessToken(NAME, { minValidSeconds: bad }));
      expect(error).toMatchObject({ code: 'invalid_min_valid_seconds', category: 'input' });
    }
    expect(oauth.refreshCount).toBe(0);
  });

  it('refreshes when the expiry looks fine but the vault has lost the access token', async () => {
    const { manager, oauth } = setup({ connection: { accessTokenExpiresAt: T0 + HOUR } });
    const result = await manager.getAccessToken(NAME);
    expect(result.refreshed).toBe(true);
    expect(oauth.refreshCount).toBe(1);
  });
});

describe('getAccessToken: refresh', () => {
  it('refreshes an expired token with the stored secrets and stores the outcome', async () => {
    const { manager, oauth, vault, store } = setup({
      cachedValidForMs: -1,
      connection: {
        lastError: { code: 'network_error', message: 'Earlier failure.', at: T0 - HOUR },
        refreshBlockedUntil: T0 - MINUTE,
      },
    });
    oauth.willAnswer({
      tokens: {
        accessToken: '1000.access.new',
        apiDomain: 'https://www.zohoapis.com',
        scopes: ['ZohoCRM.modules.READ'],
      },
    });

    const result = await manager.getAccessToken(NAME);

    expect(oauth.refreshCalls).toEqual([
      {
        accountsUrl: 'https://accounts.zoho.eu',
        clientId: '1000.CLIENTID',
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      },
    ]);
    expect(result).toMatchObject({
      accessToken: '1000.access.new',
      expiresAt: T0 + HOUR,
      apiDomain: 'https://www.zohoapis.com',
      refreshed: true,
    });
    expect(vault.secret(ID, 'access_token')).toBe('1000.access.new');
    expect(vault.secret(ID, 'refresh_token')).toBe(REFRESH_TOKEN);
    const stored = store.get(ID);
    expect(stored).toMatchObject({
      status: 'ready',
      accessTokenExpiresAt: T0 + HOUR,
      apiDomain: 'https://www.zohoapis.com',
      grantedScopes: ['ZohoCRM.modules.READ'],
      refreshLog: [T0],
    });
    expect(stored).not.toHaveProperty('lastError');
    expect(stored).not.toHaveProperty('refreshBlockedUntil');
    expect(result.connection).toEqual(stored);
  });

  it('keeps the stored apiDomain and grantedScopes when the response has none', async () => {
    const { manager, store } = setup({ connection: { grantedScopes: ['ZohoCRM.org.READ'] } });
    await manager.getAccessToken(NAME);
    expect(store.get(ID)).toMatchObject({
      apiDomain: 'https://www.zohoapis.eu',
      grantedScopes: ['ZohoCRM.org.READ'],
    });
  });

  it('makes one refresh for 100 concurrent callers, who all get the same token', async () => {
    const { manager, oauth, lock } = setup({ cachedValidForMs: -1 });
    const release = oauth.hold();

    const calls = Array.from({ length: 100 }, () => manager.getAccessToken(NAME));
    await oauth.whenRefreshCalled(1);
    release.resolve();
    const results = await Promise.all(calls);

    expect(oauth.refreshCount).toBe(1);
    // One flight in this process: the others never even queued on the cross-process lock.
    expect(lock.count(LOCK_KEY)).toBe(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['1000.access.1']));
  });

  it('makes one refresh for two processes: the one that waited uses the token the other got', async () => {
    const { manager, otherProcess, oauth, lock } = setup({ cachedValidForMs: -1 });
    const second = otherProcess();
    const release = oauth.hold();

    const first = manager.getAccessToken(NAME);
    await oauth.whenRefreshCalled(1);
    const waiting = second.getAccessToken(NAME);
    release.resolve();
    const [a, b] = await Promise.all([first, waiting]);

    expect(oauth.refreshCount).toBe(1);
    expect(a).toMatchObject({ accessToken: '1000.access.1', refreshed: true });
    expect(b).toMatchObject({ accessToken: '1000.access.1', refreshed: false });
    expect(lock.count(LOCK_KEY)).toBe(2);
    expect(lock.maxConcurrentHolders).toBe(1);
  });

  it('refreshes again for a caller who joined a flight that ended with a token too short for it', async () => {
    // Another process mints a 15-minute token while this process waits for the lock. The flight
    // here was started for a 1-minute need and ends with that token; a caller needing 20 minutes
    // who joined it must not be handed it.
    const { manager, otherProcess, oauth } = setup({ cachedValidForMs: -1 });
    oauth.willAnswer({ tokens: { accessToken: '1000.access.short', expiresAt: T0 + 15 * MINUTE } });
    const release = oauth.hold();
    const elsewhere = otherProcess().getAccessToken(NAME);
    await oauth.whenRefreshCalled(1);

    const lax = manager.getAccessToken(NAME, { minValidSeconds: 60 });
    const strict = manager.getAccessToken(NAME, { minValidSeconds: 1200 });
    release.resolve();

    expect((await elsewhere).accessToken).toBe('1000.access.short');
    expect(await lax).toMatchObject({ accessToken: '1000.access.short', refreshed: false });
    expect(await strict).toMatchObject({ accessToken: '1000.access.2', refreshed: true });
    expect(oauth.refreshCount).toBe(2);
  });

  it('starts a new attempt after a failed flight instead of replaying its failure', async () => {
    const { manager, oauth } = setup({ cachedValidForMs: -1 });
    oauth.willFail('network_error', 'network');
    await expect(manager.getAccessToken(NAME)).rejects.toMatchObject({ code: 'network_error' });
    expect((await manager.getAccessToken(NAME)).accessToken).toBe('1000.access.1');
    expect(oauth.refreshCount).toBe(2);
  });
});

describe('refresh', () => {
  it('calls Zoho even while the cached token is valid', async () => {
    const { manager, oauth, vault } = setup({ cachedValidForMs: HOUR });
    const result = await manager.refresh(NAME);
    expect(result).toMatchObject({ accessToken: '1000.access.1', refreshed: true });
    expect(oauth.refreshCount).toBe(1);
    expect(vault.secret(ID, 'access_token')).toBe('1000.access.1');
  });

  it('makes one refresh for two processes refreshing at once: the later one takes the fresh token', async () => {
    const { manager, otherProcess, oauth } = setup({ cachedValidForMs: HOUR });
    const release = oauth.hold();
    const first = manager.refresh(NAME);
    await oauth.whenRefreshCalled(1);
    const second = otherProcess().refresh(NAME);
    release.resolve();

    const [a, b] = await Promise.all([first, second]);
    expect(oauth.refreshCount).toBe(1);
    expect(b.accessToken).toBe(a.accessToken);
    expect(b.accessToken).not.toBe(CACHED_TOKEN);
  });

  it('saves a rotated refresh token', async () => {
    const { manager, oauth, vault } = setup();
    oauth.willAnswer({ tokens: { refreshToken: '1000.refresh.rotated' } });
    await manager.refresh(NAME);
    expect(vault.secret(ID, 'refresh_token')).toBe('1000.refresh.rotated');

    await manager.refresh(NAME);
    expect(oauth.refreshCalls[1]?.refreshToken).toBe('1000.refresh.rotated');
  });

  it('keeps the stored refresh token when Zoho sends none (its usual answer)', async () => {
    const { manager, vault } = setup();
    await manager.refresh(NAME);
    expect(vault.secret(ID, 'refresh_token')).toBe(REFRESH_TOKEN);
  });
});

describe('api_domain from a token answer', () => {
  const grant = (apiDomain: string) => ({
    accessToken: '1000.access.granted',
    refreshToken: '1000.refresh.granted',
    expiresAt: T0 + HOUR,
    apiDomain,
    tokenType: 'Bearer',
  });

  it('stores a Zoho API host of any data centre, sandbox and developer included', async () => {
    for (const apiDomain of [
      'https://www.zohoapis.com',
      'https://www.zohoapis.com.au',
      'https://www.zohoapis.ca',
      'https://sandbox.zohoapis.eu',
      'https://developer.zohoapis.in',
    ]) {
      const { manager, oauth, store, notices } = setup();
      oauth.willAnswer({ tokens: { apiDomain } });
      expect((await manager.refresh(NAME)).apiDomain).toBe(apiDomain);
      expect(store.get(ID).apiDomain).toBe(apiDomain);
      expect(notices).toEqual([]);
    }
  });

  it('keeps the previous api_domain when a refresh names a host that is not Zoho, and says so without failing', async () => {
    for (const apiDomain of [
      'http://evil.example',
      'https://evil.example',
      'http://www.zohoapis.com',
      'https://www.zohoapis.com:8443',
      'https://www.zohoapis.com.evil.example',
      'https://zohoapis.example',
      'https://www.zohoapis.com/steal',
      'https://user:pw@www.zohoapis.com',
    ]) {
      const { manager, oauth, store, notices } = setup();
      oauth.willAnswer({ tokens: { accessToken: '1000.access.fresh', apiDomain } });
      const result = await manager.refresh(NAME);
      expect(result.refreshed, apiDomain).toBe(true);
      expect(result.accessToken).toBe('1000.access.fresh');
      expect(result.apiDomain, apiDomain).toBe('https://www.zohoapis.eu');
      expect(store.get(ID)).toMatchObject({
        apiDomain: 'https://www.zohoapis.eu',
        status: 'ready',
      });
      expect(notices, apiDomain).toHaveLength(1);
      expect(notices[0]).toMatchObject({ code: 'untrusted_api_domain', connection: NAME });
      expect(notices[0]!.message).toContain(apiDomain);
      expect(notices[0]!.message).toContain('https://www.zohoapis.eu');
    }
  });

  it('refuses an untrusted api_domain in a fresh grant too, and keeps the previous one', async () => {
    const { manager, store, notices } = setup({ refreshToken: null });
    const saved = await manager.saveGrant(ID, grant('http://evil.example'));
    expect(saved.apiDomain).toBe('https://www.zohoapis.eu');
    expect(store.get(ID).apiDomain).toBe('https://www.zohoapis.eu');
    expect(notices.map((n) => n.code)).toEqual(['untrusted_api_domain']);
  });

  it("accepts the connection's configured custom API domain, plain http on loopback included", async () => {
    const custom = { accountsUrl: 'http://127.0.0.1:4100', apiDomain: 'http://127.0.0.1:4101' };
    const { manager, oauth, store, notices } = setup({
      connection: {
        dc: 'custom',
        custom,
        accountsUrl: custom.accountsUrl,
        apiDomain: custom.apiDomain,
      },
      refreshToken: null,
    });
    await manager.saveGrant(ID, grant('http://127.0.0.1:4101'));
    expect(store.get(ID).apiDomain).toBe('http://127.0.0.1:4101');
    // Another loopback port is not the configured server.
    oauth.willAnswer({ tokens: { apiDomain: 'http://127.0.0.1:4999' } });
    await manager.refresh(NAME);
    expect(store.get(ID).apiDomain).toBe('http://127.0.0.1:4101');
    expect(notices.map((n) => n.code)).toEqual(['untrusted_api_domain']);
  });

  it('sends the next request to the kept domain: getAccessToken reports it', async () => {
    const { manager, oauth, clock } = setup();
    oauth.willAnswer({ tokens: { apiDomain: 'http://evil.example' } });
    await manager.refresh(NAME);
    clock.advance(MINUTE);
    expect((await manager.getAccessToken(NAME)).apiDomain).toBe('https://www.zohoapis.eu');
  });
});

describe('refresh: progress', () => {
  it('tells the caller right before Zoho is contacted, and not when no call is made', async () => {
    const { manager, otherProcess, oauth } = setup();
    const calls: string[] = [];
    await manager.refresh(NAME, { beforeZohoCall: (host) => calls.push(host) });
    expect(calls).toEqual(['accounts.zoho.eu']);
    expect(oauth.refreshCount).toBe(1);

    // The other process finds the token this one just minted: no call, no progress line.
    const seenByOther: string[] = [];
    const release = oauth.hold();
    const other = otherProcess();
    const first = manager.refresh(NAME, { beforeZohoCall: (host) => calls.push(host) });
    await oauth.whenRefreshCalled(2);
    const second = other.refresh(NAME, { beforeZohoCall: (host) => seenByOther.push(host) });
    release.resolve();
    await Promise.all([first, second]);
    expect(oauth.refreshCount).toBe(2);
    expect(seenByOther).toEqual([]);
  });

  it('says nothing for a connection that is blocked or needs re-authorization', async () => {
    const calls: string[] = [];
    const blocked = setup({ connection: { refreshBlockedUntil: T0 + MINUTE } });
    await expect(
      blocked.manager.refresh(NAME, { beforeZohoCall: (h) => calls.push(h) }),
    ).rejects.toMatchObject({ code: 'refresh_rate_limited' });
    const dead = setup({ connection: { status: 'needs-reauth' } });
    await expect(
      dead.manager.refresh(NAME, { beforeZohoCall: (h) => calls.push(h) }),
    ).rejects.toMatchObject({ code: 'needs_reauthorization' });
    expect(calls).toEqual([]);
  });
});

describe('rate guard', () => {
  it('allows 10 refreshes in 10 minutes, refuses the 11th without calling Zoho, and allows it once the first ages out', async () => {
    const { manager, oauth, clock, store } = setup();
    for (let i = 0; i < 10; i += 1) {
      await manager.refresh(NAME);
      clock.advance(30_000);
    }
    expect(oauth.refreshCount).toBe(10);
    // Now T0 + 5 min; the first refresh (T0) leaves the window at T0 + 10 min.

    const error = await caught(manager.refresh(NAME));
    expect(error.code).toBe('refresh_rate_limited');
    expect(error.category).toBe('refused');
    expect(error.details.retryAt).toBe(T0 + 10 * MINUTE);
    expect(error.message).toContain('limit of 10 token refreshes per 10 minutes');
    expect(error.remedy).toContain('2025-03-01T10:10:00Z');
    expect(error.remedy).toContain('in 5 minutes');
    expect(oauth.refreshCount).toBe(10);
    expect(store.get(ID).refreshLog).toHaveLength(10);

    // getAccessToken on a stale token is refused the same way.
    clock.set(T0 + 10 * MINUTE - 1);
    await expect(manager.getAccessToken(NAME, { minValidSeconds: 3600 })).rejects.toMatchObject({
      code: 'refresh_rate_limited',
    });
    expect(oauth.refreshCount).toBe(10);

    clock.set(T0 + 10 * MINUTE);
    expect((await manager.refresh(NAME)).refreshed).toBe(true);
    expect(oauth.refreshCount).toBe(11);
    expect(store.get(ID).refreshLog).toHaveLength(10);
  });

  it('counts the refreshes of every process, since the log lives in the store', async () => {
    const { manager, otherProcess, oauth } = setup();
    for (let i = 0; i < 10; i += 1) await manager.refresh(NAME);
    await expect(otherProcess().refresh(NAME)).rejects.toMatchObject({
      code: 'refresh_rate_limited',
      details: { retryAt: T0 + 10 * MINUTE },
    });
    expect(oauth.refreshCount).toBe(10);
  });

  it('counts failed attempts too', async () => {
    const { manager, oauth, store } = setup();
    for (let i = 0; i < 10; i += 1) oauth.willFail('network_error', 'network');
    for (let i = 0; i < 10; i += 1)
      await expect(manager.refresh(NAME)).rejects.toMatchObject({ code: 'network_error' });
    expect(store.get(ID).refreshLog).toHaveLength(10);
    await expect(manager.refresh(NAME)).rejects.toMatchObject({ code: 'refresh_rate_limited' });
    expect(oauth.refreshCount).toBe(10);
  });

  it('still hands out a cached token that is valid enough while refreshes are refused', async () => {
    const { manager, oauth } = setup({
      cachedValidForMs: HOUR,
      connection: { refreshBlockedUntil: T0 + 5 * MINUTE },
    });
    expect((await manager.getAccessToken(NAME)).accessToken).toBe(CACHED_TOKEN);
    expect(oauth.refreshCount).toBe(0);
  });

  it("on Zoho's throttle answer, blocks until its retryAt and fails fast meanwhile", async () => {
    const { manager, oauth, store, clock } = setup({ cachedValidForMs: -1 });
    const retryAt = T0 + 7 * MINUTE;
    oauth.willFail('throttled', 'refused', { retryAt });

    const error = await caught(manager.getAccessToken(NAME));
    expect(error).toMatchObject({
      code: 'refresh_rate_limited',
      category: 'refused',
      details: { retryAt, reason: 'zoho_throttled' },
    });
    expect(error.message).toContain('limit of 10 token refreshes per 10 minutes');
    expect(error.remedy).toContain('in 7 minutes');
    expect(store.get(ID)).toMatchObject({
      refreshBlockedUntil: retryAt,
      refreshLog: [T0],
      lastError: { code: 'refresh_rate_limited', at: T0 },
    });

    clock.advance(MINUTE);
    await expect(manager.getAccessToken(NAME)).rejects.toMatchObject({
      code: 'refresh_rate_limited',
      details: { retryAt },
    });
    expect(oauth.refreshCount).toBe(1);

    clock.set(retryAt);
    expect((await manager.getAccessToken(NAME)).refreshed).toBe(true);
    expect(store.get(ID)).not.toHaveProperty('refreshBlockedUntil');
  });

  it("treats Zoho's access_denied on a refresh like the throttle: blocked until, the time in the message, no retry", async () => {
    const { manager, oauth, store, clock } = setup({ cachedValidForMs: -1 });
    const retryAt = T0 + 10 * MINUTE;
    oauth.willFail('access_denied', 'refused', { retryAt });

    const error = await caught(manager.getAccessToken(NAME));
    expect(error).toMatchObject({
      code: 'refresh_rate_limited',
      details: { retryAt, reason: 'zoho_throttled' },
    });
    expect(error.remedy).toContain('2025-03-01T10:10:00Z');
    expect(error.message + error.remedy).not.toMatch(/grant code/i);
    expect(store.get(ID).refreshBlockedUntil).toBe(retryAt);
    expect(oauth.refreshCount).toBe(1);

    clock.advance(5 * MINUTE);
    await expect(manager.refresh(NAME)).rejects.toMatchObject({ code: 'refresh_rate_limited' });
    expect(oauth.refreshCount).toBe(1);
  });

  it("blocks for 10 minutes when Zoho's throttle answer gives no time", async () => {
    const { manager, oauth, store } = setup();
    oauth.willFail('throttled', 'refused');
    await expect(manager.refresh(NAME)).rejects.toMatchObject({
      details: { retryAt: T0 + 10 * MINUTE },
    });
    expect(store.get(ID).refreshBlockedUntil).toBe(T0 + 10 * MINUTE);
  });
});

describe('failures', () => {
  it('on invalid_code marks the connection needs-reauth and keeps the refresh token', async () => {
    const { manager, oauth, vault, store } = setup({ cachedValidForMs: -1 });
    oauth.willFail('invalid_code', 'refused');

    const error = await caught(manager.getAccessToken(NAME));
    expect(error).toMatchObject({ code: 'needs_reauthorization', category: 'auth' });
    expectAuthorizeRemedy(error);
    expect(error.cause).toMatchObject({ code: 'invalid_code' });
    expect(vault.secret(ID, 'refresh_token')).toBe(REFRESH_TOKEN);
    expect(vault.secret(ID, 'access_token')).toBe(CACHED_TOKEN);
    expect(store.get(ID)).toMatchObject({
      status: 'needs-reauth',
      lastError: { code: 'needs_reauthorization', at: T0 },
    });
  });

  it('fails fast on a needs-reauth connection without calling Zoho, even with a cached token', async () => {
    const { manager, oauth, store } = setup({
      cachedValidForMs: HOUR,
      connection: { status: 'needs-reauth' },
    });
    const updatesBefore = store.updateCount;
    for (const call of [manager.getAccessToken(NAME), manager.refresh(NAME)]) {
      const error = await caught(call);
      expect(error).toMatchObject({ code: 'needs_reauthorization', category: 'auth' });
      expectAuthorizeRemedy(error);
    }
    expect(oauth.refreshCount).toBe(0);
    expect(store.updateCount).toBe(updatesBefore);
  });

  it('on a network error keeps both tokens, records lastError and rethrows the error as is', async () => {
    const { manager, oauth, vault, store, clock } = setup({ cachedValidForMs: -1 });
    const networkError = new TokenDeskError('network_error', 'Could not reach accounts.zoho.eu.', {
      category: 'network',
      remedy: 'Check the connection.',
    });
    oauth.willAnswer({ error: networkError });
    clock.advance(5_000);

    await expect(manager.getAccessToken(NAME)).rejects.toBe(networkError);
    expect(vault.secret(ID, 'refresh_token')).toBe(REFRESH_TOKEN);
    expect(vault.secret(ID, 'access_token')).toBe(CACHED_TOKEN);
    expect(store.get(ID)).toMatchObject({
      status: 'ready',
      accessTokenExpiresAt: T0 - 1,
      refreshLog: [T0 + 5_000],
      lastError: {
        code: 'network_error',
        message: 'Could not reach accounts.zoho.eu.',
        at: T0 + 5_000,
      },
    });
  });

  it('records a generic lastError for an unexpected error, so its text (maybe a secret) is not stored', async () => {
    const { manager, oauth, store } = setup();
    const odd = new Error(`boom ${REFRESH_TOKEN}`);
    oauth.willAnswer({ error: odd });
    await expect(manager.refresh(NAME)).rejects.toBe(odd);
    expect(store.get(ID).lastError).toEqual({
      code: 'unexpected_error',
      message: 'Refreshing the access token failed unexpectedly.',
      at: T0,
    });
  });

  it('without a refresh token fails with not_authorized, naming the authorize command, without calling Zoho', async () => {
    const { manager, oauth, store } = setup({ refreshToken: null, connection: { status: 'new' } });
    const error = await caught(manager.getAccessToken(NAME));
    expect(error).toMatchObject({ code: 'not_authorized', category: 'auth' });
    expectAuthorizeRemedy(error);
    expect(oauth.refreshCount).toBe(0);
    expect(store.get(ID).refreshLog).toEqual([]);
  });

  it('without a client secret fails with missing_client_secret, without calling Zoho', async () => {
    const { manager, oauth, vault } = setup({ clientSecret: null });
    const error = await caught(manager.refresh(NAME));
    expect(error).toMatchObject({ code: 'missing_client_secret', category: 'auth' });
    expect(error.remedy).toContain('add it again with its client secret');
    expect(error.remedy).not.toContain('token-desk');
    expect(error.cliHint).toContain(`token-desk remove ${NAME}`);
    expect(oauth.refreshCount).toBe(0);
    expect(vault.secret(ID, 'refresh_token')).toBe(REFRESH_TOKEN);
  });

  it('puts no secret in errors or in the stored record', async () => {
    const { manager, oauth, store } = setup({ cachedValidForMs: -1 });
    oauth.willFail('invalid_code', 'refused');
    const rejected = await caught(manager.getAccessToken(NAME));
    const limited = setup({ connection: { refreshBlockedUntil: T0 + MINUTE } });
    const refused = await caught(limited.manager.refresh(NAME));

    for (const error of [rejected, refused]) {
      const visible = JSON.stringify([error.message, error.remedy, error.details]);
      for (const secret of [REFRESH_TOKEN, CLIENT_SECRET, CACHED_TOKEN])
        expect(visible).not.toContain(secret);
    }
    const record = JSON.stringify(store.get(ID));
    for (const secret of [REFRESH_TOKEN, CLIENT_SECRET, CACHED_TOKEN])
      expect(record).not.toContain(secret);
  });

  it('passes on the unknown_connection error for a name that does not exist', async () => {
    const { manager } = setup();
    await expect(manager.getAccessToken('nope')).rejects.toMatchObject({
      code: 'unknown_connection',
      category: 'input',
    });
  });
});

describe('saveGrant', () => {
  it('writes the secrets and the metadata, and the next getAccessToken uses them without a refresh', async () => {
    const { manager, vault, store, oauth, clock } = setup({
      refreshToken: null,
      connection: {
        status: 'needs-reauth',
        lastError: { code: 'needs_reauthorization', message: 'Refused.', at: T0 - MINUTE },
        refreshBlockedUntil: T0 + 5 * MINUTE,
        grantedScopes: ['Old.scope.READ'],
      },
    });
    clock.advance(1_000);

    const saved = await manager.saveGrant(
      ID,
      {
        accessToken: '1000.access.granted',
        refreshToken: '1000.refresh.granted',
        expiresAt: T0 + HOUR,
        apiDomain: 'https://www.zohoapis.com',
        scopes: ['ZohoCRM.modules.ALL'],
        tokenType: 'Bearer',
      },
      {
        accountsUrl: 'https://accounts.zoho.com',
        location: 'us',
        user: { email: 'admin@acme.test' },
      },
    );

    expect(vault.secret(ID, 'refresh_token')).toBe('1000.refresh.granted');
    expect(vault.secret(ID, 'access_token')).toBe('1000.access.granted');
    expect(saved).toEqual(store.get(ID));
    expect(saved).toMatchObject({
      status: 'ready',
      accessTokenExpiresAt: T0 + HOUR,
      apiDomain: 'https://www.zohoapis.com',
      accountsUrl: 'https://accounts.zoho.com',
      location: 'us',
      user: { email: 'admin@acme.test' },
      grantedScopes: ['ZohoCRM.modules.ALL'],
      updatedAt: T0 + 1_000,
    });
    expect(saved).not.toHaveProperty('lastError');
    expect(saved).not.toHaveProperty('refreshBlockedUntil');

    expect((await manager.getAccessToken(NAME)).accessToken).toBe('1000.access.granted');
    expect(oauth.refreshCount).toBe(0);
  });

  it('keeps stored values that the grant does not mention, and drops grantedScopes of the old grant', async () => {
    const { manager, store } = setup({
      connection: { location: 'eu', grantedScopes: ['Old.scope.READ'] },
    });
    const saved = await manager.saveGrant(
      ID,
      { accessToken: 'a', refreshToken: 'r', expiresAt: T0 + HOUR, tokenType: 'Bearer' },
      { location: undefined },
    );
    expect(saved).toMatchObject({
      location: 'eu',
      apiDomain: 'https://www.zohoapis.eu',
      accountsUrl: 'https://accounts.zoho.eu',
    });
    expect(store.get(ID)).not.toHaveProperty('grantedScopes');
  });

  it('keeps the stored refresh token when the grant carries none', async () => {
    const { manager, vault } = setup();
    await manager.saveGrant(ID, {
      accessToken: '1000.access.granted',
      expiresAt: T0 + HOUR,
      tokenType: 'Bearer',
    });
    expect(vault.secret(ID, 'refresh_token')).toBe(REFRESH_TOKEN);
    expect(vault.secret(ID, 'access_token')).toBe('1000.access.granted');
  });

  it('refuses a grant without a refresh token when none is stored, writing nothing', async () => {
    const { manager, vault, store } = setup({ refreshToken: null, connection: { status: 'new' } });
    const before = store.get(ID);
    const error = await caught(
      manager.saveGrant(ID, {
        accessToken: '1000.access.granted',
        expiresAt: T0 + HOUR,
        tokenType: 'Bearer',
      }),
    );
    expect(error).toMatchObject({ code: 'no_refresh_token', category: 'auth' });
    expect(vault.secret(ID, 'access_token')).toBeNull();
    expect(store.get(ID)).toEqual(before);
  });

  it('waits for a refresh running elsewhere, so that refresh cannot undo the new grant', async () => {
    // The other process's refresh uses the old token and is refused; without the shared lock its
    // needs-reauth mark would land after, and on top of, the grant saved here.
    const { manager, otherProcess, oauth, store, vault, lock } = setup({ cachedValidForMs: -1 });
    oauth.willFail('invalid_code', 'refused');
    const release = oauth.hold();
    const elsewhere = otherProcess().getAccessToken(NAME);
    await oauth.whenRefreshCalled(1);

    const saving = manager.saveGrant(ID, {
      accessToken: '1000.access.granted',
      refreshToken: '1000.refresh.granted',
      expiresAt: T0 + HOUR,
      tokenType: 'Bearer',
    });
    expect(lock.count(LOCK_KEY)).toBe(2);
    release.resolve();

    await expect(elsewhere).rejects.toMatchObject({ code: 'needs_reauthorization' });
    await saving;
    expect(store.get(ID).status).toBe('ready');
    expect(vault.secret(ID, 'refresh_token')).toBe('1000.refresh.granted');
    expect((await manager.getAccessToken(NAME)).accessToken).toBe('1000.access.granted');
  });
});
