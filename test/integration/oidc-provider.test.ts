// End to end against oidc-provider, a real OAuth 2.0 / OpenID Connect server on 127.0.0.1 with
// Zoho's endpoint paths: the browser sign-in through the loopback receiver with PKCE S256, then
// refresh with a rotated refresh token, user info, revoke, and a refresh after revoke; and the
// token manager (not only the client) keeping each rotated refresh token it is given.

import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenDeskError } from '../../main/core/errors.js';
import {
  runServerAuthorization,
  type ServerAuthorizationOptions,
} from '../../main/core/auth/server-authorization.js';
import { nodeLoopbackListener } from '../../main/platform/node/loopback-listener.js';
import { createZohoOAuthClient, type ZohoOAuthClient } from '../../main/core/zoho/oauth-client.js';
import { createTokenManager } from '../../main/core/tokens/token-manager.js';
import { systemClock } from '../../main/core/ports.js';
import {
  InMemoryConnectionStore,
  InMemoryLock,
  InMemoryVault,
  makeConnection,
} from '../support/fakes.js';
import { startOidcServer, TEST_USER, type OidcTestServer } from '../support/oidc-server.js';
import { rejection } from '../support/typed-errors.js';

const SCOPES = ['openid', 'offline_access', 'email', 'profile'];

let oidc: OidcTestServer;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeEach(async () => {
  // The client registers one exact loopback URI, as a Zoho client does.
  oidc = await startOidcServer({ redirectUri: `http://localhost:${await freePort()}/callback` });
});

afterEach(async () => {
  await oidc.close();
});

function authorizationOptions(
  oauth: ZohoOAuthClient,
  extra: Partial<ServerAuthorizationOptions> = {},
): ServerAuthorizationOptions {
  return {
    oauth,
    loopback: nodeLoopbackListener,
    openBrowser: true,
    onAuthorizationUrl: () => undefined,
    connection: {
      accountsUrl: oidc.issuer,
      clientId: oidc.clientId,
      scopes: SCOPES,
      redirectUri: oidc.redirectUri,
      customAccountsUrl: oidc.issuer,
    },
    clientSecret: oidc.clientSecret,
    timeoutMs: 20_000,
    ...extra,
  };
}

describe('Token Desk against oidc-provider', () => {
  it('authorizes through the loopback receiver with PKCE S256, refreshes with rotation, reads the user, revokes', async () => {
    const oauth = createZohoOAuthClient();
    const browser = oidc.browser();
    const announced: string[] = [];
    const before = Date.now();

    const [outcome, lastStatus] = await Promise.all([
      runServerAuthorization(
        authorizationOptions(oauth, {
          opener: browser,
          onAuthorizationUrl: (url) => announced.push(url),
        }),
      ),
      browser.finished,
    ]);

    // The browser went through login and consent and ended on our success page.
    expect(lastStatus).toBe(200);
    expect(browser.visits).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/interaction\/.+\/login$/),
        expect.stringMatching(/^POST \/interaction\/.+\/confirm$/),
        'GET /callback',
      ]),
    );
    const authUrl = new URL(announced[0]!);
    expect(authUrl.pathname).toBe('/oauth/v2/auth');
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('redirect_uri')).toBe(oidc.redirectUri);

    expect(outcome.accountsUrl).toBe(oidc.issuer);
    const first = outcome.tokens;
    expect(first.accessToken).toBeTruthy();
    expect(first.refreshToken).toBeTruthy();
    expect(first.idToken).toBeTruthy();
    expect(first.tokenType).toBe('Bearer');
    expect(first.scopes).toEqual(expect.arrayContaining(['openid', 'offline_access']));
    expect(first.expiresAt).toBeGreaterThanOrEqual(before + 3_590_000);

    const user = await oauth.userInfo({
      accountsUrl: outcome.accountsUrl,
      accessToken: first.accessToken,
    });
    expect(user).toEqual({
      email: TEST_USER.email,
      name: TEST_USER.name,
      zuid: TEST_USER.accountId,
    });

    const credentials = {
      accountsUrl: outcome.accountsUrl,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
    };
    const second = await oauth.refresh({ ...credentials, refreshToken: first.refreshToken! });
    expect(second.accessToken).toBeTruthy();
    expect(second.accessToken).not.toBe(first.accessToken);
    // rotateRefreshToken: the server hands out a new refresh token, and the TokenSet carries it.
    expect(second.refreshToken).toBeTruthy();
    expect(second.refreshToken).not.toBe(first.refreshToken);

    await oauth.revoke({ ...credentials, token: second.refreshToken! });

    const refused = await rejection(
      oauth.refresh({ ...credentials, refreshToken: second.refreshToken! }),
    );
    expect(refused.category).toBe('auth');
    expect(refused.code).toBe('invalid_code');
    expect(refused.message + refused.remedy).not.toContain(oidc.clientSecret);
    expect(refused.message + refused.remedy).not.toContain(second.refreshToken!);
    expect(oidc.serverErrors).toEqual([]);
  });

  it('the token manager stores each rotated refresh token, so every later refresh still works', async () => {
    const oauth = createZohoOAuthClient();
    const browser = oidc.browser();
    const [outcome] = await Promise.all([
      runServerAuthorization(authorizationOptions(oauth, { opener: browser })),
      browser.finished,
    ]);
    const id = 'oidc-connection';
    const custom = { accountsUrl: oidc.issuer, apiDomain: oidc.issuer };
    const store = new InMemoryConnectionStore([
      makeConnection({
        id,
        name: 'oidc',
        dc: 'custom',
        custom,
        accountsUrl: oidc.issuer,
        apiDomain: oidc.issuer,
        clientId: oidc.clientId,
        redirectUri: oidc.redirectUri,
        scopes: SCOPES,
        status: 'new',
      }),
    ]);
    const vault = new InMemoryVault();
    vault.setSecret(id, 'client_secret', oidc.clientSecret);
    // Real time: oidc-provider checks expiry against its own clock.
    const manager = createTokenManager({
      store,
      vault,
      oauth,
      lock: new InMemoryLock(),
      clock: systemClock,
    });

    await manager.saveGrant(id, outcome.tokens, { accountsUrl: outcome.accountsUrl });
    const original = outcome.tokens.refreshToken!;
    expect(vault.secret(id, 'refresh_token')).toBe(original);

    const first = await manager.refresh('oidc');
    expect(first.refreshed).toBe(true);
    const rotated = vault.secret(id, 'refresh_token');
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(original);
    expect(vault.secret(id, 'access_token')).toBe(first.accessToken);

    // oidc-provider consumed the original: only the stored (rotated) one can refresh now.
    const second = await manager.refresh('oidc');
    expect(second.refreshed).toBe(true);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(vault.secret(id, 'refresh_token')).not.toBe(rotated);
    expect(store.get(id)).toMatchObject({ status: 'ready', accountsUrl: oidc.issuer });
    expect(store.get(id)).not.toHaveProperty('lastError');
    expect(oidc.serverErrors).toEqual([]);
  });

  it('the server enforces PKCE: the same code with a wrong verifier is refused', async () => {
    const real = createZohoOAuthClient();
    let wrongVerifierError: TokenDeskError | undefined;
    const oauth: ZohoOAuthClient = {
      ...real,
      async exchangeCode(request) {
        wrongVerifierError = await rejection(
          real.exchangeCode({ ...request, codeVerifier: 'x'.repeat(43) }),
        );
        throw wrongVerifierError;
      },
    };
    const browser = oidc.browser();
    const [error] = await Promise.all([
      rejection(runServerAuthorization(authorizationOptions(oauth, { opener: browser }))),
      browser.finished,
    ]);
    expect(error).toBe(wrongVerifierError);
    expect(error.code).toBe('invalid_code');
    expect(error.category).toBe('auth');
  });

  it('reports access_denied when the user presses Reject', async () => {
    const oauth = createZohoOAuthClient();
    const browser = oidc.browser({ decline: true });
    const [error, lastStatus] = await Promise.all([
      rejection(runServerAuthorization(authorizationOptions(oauth, { opener: browser }))),
      browser.finished,
    ]);
    expect(lastStatus).toBe(200);
    expect(error.code).toBe('access_denied');
    expect(error.category).toBe('refused');
  });

  it('refuses a wrong client secret at the token endpoint as a client problem, not a network one', async () => {
    const oauth = createZohoOAuthClient();
    const browser = oidc.browser();
    const [error] = await Promise.all([
      rejection(
        runServerAuthorization(
          authorizationOptions(oauth, { opener: browser, clientSecret: 'wrong-secret-value-123' }),
        ),
      ),
      browser.finished,
    ]);
    expect(error.code).toBe('invalid_client');
    expect(error.category).toBe('refused');
    expect(error.message).not.toContain('wrong-secret-value-123');
  });
});
