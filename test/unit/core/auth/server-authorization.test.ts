import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import type { BrowserOpener } from '../../../../main/core/ports.js';
import {
  chooseAccountsServer,
  runServerAuthorization,
  type ServerAuthorizationOptions,
} from '../../../../main/core/auth/server-authorization.js';
import type {
  CodeExchangeRequest,
  ZohoOAuthClient,
} from '../../../../main/core/zoho/oauth-client.js';
import { createZohoOAuthClient } from '../../../../main/core/zoho/oauth-client.js';
import { nodeLoopbackListener } from '../../../../main/platform/node/loopback-listener.js';
import { rejection } from '../../../support/typed-errors.js';

const SECRET = 'the-client-secret-value';

/** A fake OAuth client that builds Zoho's real URL and records exchanges. */
function fakeOAuth() {
  const real = createZohoOAuthClient();
  const exchanges: CodeExchangeRequest[] = [];
  const oauth: ZohoOAuthClient = {
    buildAuthorizationUrl: (request) => real.buildAuthorizationUrl(request),
    async exchangeCode(request) {
      exchanges.push(request);
      return { accessToken: 'at', refreshToken: 'rt', expiresAt: 1, tokenType: 'Bearer' };
    },
    refresh: () => Promise.reject(new Error('not used')),
    clientCredentials: () => Promise.reject(new Error('not used')),
    scopeEnhancementToken: () => Promise.reject(new Error('not used')),
    buildAddExtraScopeUrl: () => 'not used',
    revoke: () => Promise.reject(new Error('not used')),
    userInfo: () => Promise.reject(new Error('not used')),
  };
  return { oauth, exchanges };
}

/** Plays the browser: "signs in" and follows Zoho's redirect back to the receiver. */
function browserReturning(
  extra: Record<string, string>,
  log: string[] = [],
): BrowserOpener & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    async open(url) {
      log.push('open');
      urls.push(url);
      const auth = new URL(url);
      const redirect = auth.searchParams.get('redirect_uri')!;
      const state = auth.searchParams.get('state')!;
      const query = new URLSearchParams({ state, code: '1000.grant.code', ...extra });
      // Not awaited on purpose: a real browser returns long after openExternal resolves.
      void fetch(`${redirect}?${query.toString()}`).then((r) => r.text());
    },
  };
}

function options(
  overrides: Partial<ServerAuthorizationOptions> & Pick<ServerAuthorizationOptions, 'oauth'>,
): ServerAuthorizationOptions {
  return {
    loopback: nodeLoopbackListener,
    openBrowser: true,
    onAuthorizationUrl: () => undefined,
    connection: {
      accountsUrl: 'https://accounts.zoho.com',
      clientId: '1000.CLIENT',
      scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.READ'],
      redirectUri: 'http://127.0.0.1:0/callback',
    },
    clientSecret: SECRET,
    timeoutMs: 10_000,
    ...overrides,
  };
}

describe('runServerAuthorization', () => {
  it('exchanges the code at the trusted accounts-server from the callback, with redirect_uri and the PKCE verifier', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const log: string[] = [];
    const opener = browserReturning(
      { location: 'eu', 'accounts-server': 'https%3A%2F%2Faccounts.zoho.eu' },
      log,
    );
    const announced: string[] = [];

    const outcome = await runServerAuthorization(
      options({
        oauth,
        opener,
        onAuthorizationUrl: (url) => {
          log.push('announce');
          announced.push(url);
        },
      }),
    );

    expect(log).toEqual(['announce', 'open']);
    expect(announced).toEqual(opener.urls);
    expect(outcome.accountsUrl).toBe('https://accounts.zoho.eu');
    expect(outcome.location).toBe('eu');
    expect(outcome.tokens.accessToken).toBe('at');

    const authUrl = new URL(opener.urls[0]!);
    expect(authUrl.origin).toBe('https://accounts.zoho.com');
    expect(exchanges).toHaveLength(1);
    const exchange = exchanges[0]!;
    expect(exchange.accountsUrl).toBe('https://accounts.zoho.eu');
    expect(exchange.code).toBe('1000.grant.code');
    expect(exchange.clientSecret).toBe(SECRET);
    // The receiver's real port, exactly as sent in the authorization URL.
    expect(exchange.redirectUri).toBe(authUrl.searchParams.get('redirect_uri'));
    expect(exchange.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(createHash('sha256').update(exchange.codeVerifier!).digest('base64url')).toBe(
      authUrl.searchParams.get('code_challenge'),
    );
  });

  it('reports each step in order: listening, the sign-in page (opened), then exchanging once the callback came', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const log: string[] = [];
    const opener = browserReturning({}, log);
    const steps: Array<Record<string, unknown>> = [];
    await runServerAuthorization(
      options({
        oauth: {
          ...oauth,
          exchangeCode: (request) => {
            log.push('exchange');
            return oauth.exchangeCode(request);
          },
        },
        opener,
        onProgress: (progress) => {
          log.push(progress.step);
          steps.push(progress);
        },
      }),
    );
    expect(log).toEqual(['listening', 'open', 'sign-in', 'exchanging', 'exchange']);
    expect(steps[0]).toEqual({
      step: 'listening',
      redirectUri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
    });
    expect(steps[1]).toEqual({ step: 'sign-in', url: opener.urls[0], browserOpened: true });
    expect(exchanges).toHaveLength(1);
  });

  it('says the browser was not opened when told not to open it, or when opening failed', async () => {
    const { oauth } = fakeOAuth();
    for (const variant of ['--no-open', 'failed'] as const) {
      const paste = browserReturning({});
      const steps: Array<Record<string, unknown>> = [];
      await runServerAuthorization(
        options({
          oauth,
          openBrowser: variant === 'failed',
          opener:
            variant === 'failed'
              ? { open: () => Promise.reject(new Error('no display')) }
              : browserReturning({}),
          onAuthorizationUrl: (url) => void paste.open(url),
          onProgress: (progress) => steps.push(progress),
        }),
      );
      expect(
        steps.find((s) => s.step === 'sign-in'),
        variant,
      ).toMatchObject({ browserOpened: false, url: paste.urls[0] });
    }
  });

  it('a throwing progress listener does not end the sign-in', async () => {
    const { oauth } = fakeOAuth();
    const outcome = await runServerAuthorization(
      options({
        oauth,
        opener: browserReturning({}),
        onProgress: () => {
          throw new Error('display broke');
        },
      }),
    );
    expect(outcome.tokens.accessToken).toBe('at');
  });

  it('refuses an untrusted accounts-server before sending any secret', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const opener = browserReturning({
      location: 'us',
      'accounts-server': 'https://accounts.zoho.com.evil.example',
    });
    const error = await rejection(runServerAuthorization(options({ oauth, opener })));
    expect(error.code).toBe('untrusted_accounts_server');
    expect(error.category).toBe('refused');
    expect(error.message).toContain('accounts.zoho.com.evil.example');
    expect(error.message + error.remedy).not.toContain(SECRET);
    expect(exchanges).toHaveLength(0);
  });

  it('uses the connection’s accounts server when the callback names none', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const outcome = await runServerAuthorization(options({ oauth, opener: browserReturning({}) }));
    expect(outcome.accountsUrl).toBe('https://accounts.zoho.com');
    expect(outcome.location).toBeUndefined();
    expect(exchanges[0]!.accountsUrl).toBe('https://accounts.zoho.com');
  });

  it('with a custom accounts server configured, trusts only that one', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const custom = 'http://127.0.0.1:9/oauth-proxy';
    const connection = {
      ...options({ oauth }).connection,
      accountsUrl: custom,
      customAccountsUrl: custom,
    };
    const error = await rejection(
      runServerAuthorization(
        options({
          oauth,
          connection,
          opener: browserReturning({ 'accounts-server': 'https://accounts.zoho.com' }),
        }),
      ),
    );
    expect(error.code).toBe('untrusted_accounts_server');
    expect(exchanges).toHaveLength(0);

    const outcome = await runServerAuthorization(
      options({
        oauth,
        connection,
        opener: browserReturning({ 'accounts-server': 'http://127.0.0.1:9' }),
      }),
    );
    expect(outcome.accountsUrl).toBe(custom);
  });

  it('does not open a browser when told not to; the announced URL is enough', async () => {
    const { oauth } = fakeOAuth();
    const opener = browserReturning({});
    const stand = browserReturning({});
    const outcome = await runServerAuthorization(
      options({
        oauth,
        opener,
        openBrowser: false,
        onAuthorizationUrl: (url) => void stand.open(url),
      }),
    );
    expect(opener.urls).toHaveLength(0);
    expect(outcome.tokens.accessToken).toBe('at');
  });

  it('keeps waiting when the browser fails to open (the user can paste the URL)', async () => {
    const { oauth } = fakeOAuth();
    const paste = browserReturning({});
    const outcome = await runServerAuthorization(
      options({
        oauth,
        opener: { open: () => Promise.reject(new Error('no display')) },
        onAuthorizationUrl: (url) => void paste.open(url),
      }),
    );
    expect(outcome.tokens.accessToken).toBe('at');
  });

  it('uses a fresh state and verifier on every attempt', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const opener = browserReturning({});
    await runServerAuthorization(options({ oauth, opener }));
    await runServerAuthorization(options({ oauth, opener }));
    const [a, b] = opener.urls.map((u) => new URL(u).searchParams);
    expect(a!.get('state')).not.toBe(b!.get('state'));
    expect(a!.get('code_challenge')).not.toBe(b!.get('code_challenge'));
    expect(exchanges[0]!.codeVerifier).not.toBe(exchanges[1]!.codeVerifier);
  });

  it('ends with the receiver’s error when the user declines', async () => {
    const { oauth, exchanges } = fakeOAuth();
    const opener: BrowserOpener = {
      async open(url) {
        const auth = new URL(url);
        void fetch(
          `${auth.searchParams.get('redirect_uri')}?state=${auth.searchParams.get('state')}&error=access_denied`,
        ).then((r) => r.text());
      },
    };
    expect((await rejection(runServerAuthorization(options({ oauth, opener })))).code).toBe(
      'access_denied',
    );
    expect(exchanges).toHaveLength(0);
  });
});

describe('chooseAccountsServer', () => {
  const connection = {
    accountsUrl: 'https://accounts.zoho.com',
    clientId: 'c',
    scopes: [],
    redirectUri: 'http://localhost:1/cb',
  };

  it('normalizes a trusted Zoho server to its canonical URL', () => {
    expect(chooseAccountsServer('https://accounts.zoho.in/', connection)).toBe(
      'https://accounts.zoho.in',
    );
    expect(chooseAccountsServer('https://accounts.zohocloud.ca', connection)).toBe(
      'https://accounts.zohocloud.ca',
    );
  });

  it('refuses look-alikes and plain http', () => {
    for (const candidate of [
      'http://accounts.zoho.com',
      'https://accounts.zoho.com@evil.example',
      'https://evilaccounts.zoho.com.example',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(() => chooseAccountsServer(candidate, connection)).toThrow(TokenDeskError);
    }
  });
});
