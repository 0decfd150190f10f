import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import { validateSoid } from '../../../../main/core/auth/client-credentials.js';
import { buildConnection } from '../../../../main/core/connections/new-connection.js';
import { exportConnection } from '../../../../main/core/connections/export-connection.js';
import { createTokenManager } from '../../../../main/core/tokens/token-manager.js';
import { createZohoOAuthClient } from '../../../../main/core/zoho/oauth-client.js';
import {
  FakeClock,
  InMemoryConnectionStore,
  InMemoryLock,
  InMemoryVault,
  ScriptedOAuthClient,
  T0,
  makeConnection,
} from '../../../support/fakes.js';
import { rejection } from '../../../support/typed-errors.js';

const ID = 'conn-1';
const SOID = 'ZohoCRM.600000000';

function setup(clientCredentials: { soid?: string } | undefined = { soid: SOID }) {
  const clock = new FakeClock();
  const store = new InMemoryConnectionStore([
    makeConnection({ clientType: 'self', clientCredentials, scopes: ['ZohoCRM.modules.ALL'] }),
  ]);
  const vault = new InMemoryVault();
  vault.setSecret(ID, 'client_secret', 'client-secret-value');
  const lock = new InMemoryLock();
  const oauth = new ScriptedOAuthClient(clock);
  const manager = createTokenManager({ store, vault, oauth, lock, clock });
  return { clock, store, vault, lock, oauth, manager };
}

describe('soid', () => {
  it('accepts <Service>.<organization ID> and refuses anything else as input', () => {
    expect(validateSoid(' ZohoCRM.600000000 ')).toBe(SOID);
    expect(validateSoid('ZohoBooks.12345')).toBe('ZohoBooks.12345');
    for (const bad of [
      '600000000',
      'ZohoCRM',
      'ZohoCRM.',
      '.600',
      'ZohoCRM.60a',
      'Zoho CRM.1',
      'ZohoCRM.1.2',
    ]) {
      let error: unknown;
      try {
        validateSoid(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(TokenDeskError);
      expect((error as TokenDeskError).code).toBe('bad_soid');
      expect((error as TokenDeskError).category).toBe('input');
    }
  });

  it('a connection keeps its soid; only a Self Client with scopes may use the grant', () => {
    const base = { name: 'cc', dc: 'eu', clientId: '1000.X', scopes: ['ZohoCRM.modules.ALL'] };
    const made = buildConnection(
      { ...base, clientType: 'self', clientCredentials: { soid: SOID } },
      T0,
    );
    expect(made.clientCredentials).toEqual({ soid: SOID });
    expect(
      buildConnection({ ...base, clientType: 'self', clientCredentials: {} }, T0).clientCredentials,
    ).toEqual({});
    expect(buildConnection({ ...base, clientType: 'self' }, T0)).not.toHaveProperty(
      'clientCredentials',
    );
    expect(() =>
      buildConnection({ ...base, clientType: 'server', clientCredentials: {} }, T0),
    ).toThrow(/Only a Self Client/);
    expect(() =>
      buildConnection({ ...base, scopes: [], clientType: 'self', clientCredentials: {} }, T0),
    ).toThrow(/which scopes/);
  });
});

describe('token manager with client credentials', () => {
  it('mints a token without a refresh token, stores it, and reuses it while valid', async () => {
    const { manager, oauth, vault, store } = setup();
    const first = await manager.getAccessToken('acme-crm');
    expect(first.refreshed).toBe(true);
    expect(oauth.clientCredentialsCalls).toEqual([
      expect.objectContaining({
        soid: SOID,
        scopes: ['ZohoCRM.modules.ALL'],
        clientSecret: 'client-secret-value',
      }),
    ]);
    expect(vault.secret(ID, 'refresh_token')).toBeNull();
    expect(store.require(ID).status).toBe('ready');
    const second = await manager.getAccessToken('acme-crm');
    expect(second).toMatchObject({ accessToken: first.accessToken, refreshed: false });
    expect(oauth.clientCredentialsCalls).toHaveLength(1);
  });

  it('one call for many concurrent callers', async () => {
    const { manager, oauth } = setup();
    const gate = oauth.hold();
    const all = Promise.all(Array.from({ length: 5 }, () => manager.getAccessToken('acme-crm')));
    await oauth.whenRefreshCalled(1);
    gate.resolve();
    const results = await all;
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(oauth.clientCredentialsCalls).toHaveLength(1);
  });

  it('a refusal leaves the connection usable (not needs-reauth)', async () => {
    const { manager, oauth, store } = setup();
    oauth.willFail('invalid_client_secret', 'refused');
    const error = await rejection(manager.getAccessToken('acme-crm'));
    expect(error.code).toBe('invalid_client_secret');
    expect(store.require(ID).status).not.toBe('needs-reauth');
  });
});

describe('the OAuth client', () => {
  it('posts grant_type=client_credentials with scope and soid in the body, and drops any refresh token', async () => {
    const bodies: string[] = [];
    const oauth = createZohoOAuthClient({
      fetch: async (_url, init) => {
        bodies.push(String(init?.body));
        return new Response(
          JSON.stringify({ access_token: 'at-1', refresh_token: 'rt-x', expires_in: 3600 }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      },
    });
    const tokens = await oauth.clientCredentials({
      accountsUrl: 'https://accounts.zoho.eu',
      clientId: '1000.X',
      clientSecret: 'secret-value-1',
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ'],
      soid: SOID,
    });
    expect(tokens.accessToken).toBe('at-1');
    expect(tokens.refreshToken).toBeUndefined();
    const form = new URLSearchParams(bodies[0]);
    expect(Object.fromEntries(form)).toEqual({
      client_id: '1000.X',
      client_secret: 'secret-value-1',
      grant_type: 'client_credentials',
      scope: 'ZohoCRM.modules.ALL,ZohoCRM.org.READ',
      soid: SOID,
    });
  });

  it('maps missing_org_info and an org error of this grant to their own codes', async () => {
    for (const [answer, code] of [
      ['missing_org_info', 'missing_org_info'],
      ['invalid_org', 'unknown_org'],
      ['invalid_soid', 'unknown_org'],
    ] as const) {
      const oauth = createZohoOAuthClient({
        fetch: async () => new Response(JSON.stringify({ error: answer }), { status: 200 }),
      });
      const error = await rejection(
        oauth.clientCredentials({
          accountsUrl: 'https://accounts.zoho.eu',
          clientId: 'c',
          clientSecret: 's',
          scopes: ['a.b.READ'],
        }),
      );
      expect(error.code, answer).toBe(code);
    }
  });
});

describe('export', () => {
  it('says there is no refresh token and names the grant and soid', () => {
    const connection = makeConnection({ clientType: 'self', clientCredentials: { soid: SOID } });
    const env = exportConnection(connection, 'env', {});
    expect(env).toContain('ZOHO_GRANT_TYPE=client_credentials');
    expect(env).toContain(`ZOHO_SOID=${SOID}`);
    expect(env).toMatch(/^# No refresh token/m);
    const plain = exportConnection(makeConnection({}), 'env', {});
    expect(plain).not.toContain('ZOHO_GRANT_TYPE');
    expect(plain).not.toMatch(/No refresh token/);
  });
});
