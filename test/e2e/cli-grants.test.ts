// The consultant's grants through the token-desk CLI, as a real process against the Zoho
// simulator: a Self Client with client credentials (no code, no refresh token), and the errors a
// user meets on the way. After every test, no secret the simulator issued or received may be found
// in any file under the home folder.

import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startZohoSimulator } from '../support/zoho-simulator.js';
import { finished, startCli, waitForStderr } from '../support/cli-runner.js';
import { expectOneLine, filesUnder, useCliE2e } from '../support/cli-e2e.js';
import { freePort } from '../support/free-port.js';

const PASSPHRASE = 'correct horse battery staple';
const ORG = 'ZohoCRM.600000001';
const CC = { clientId: '1000.CCSELFCLIENT', clientSecret: 'cc-secret-3c4d5e6f' };
const SERVER = { clientId: '1000.GRANTSSERVER', clientSecret: 'grants-server-secret-7a6b' };
const AUTH_URL = /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/auth\?\S+/;
const EXTRA_SCOPE_URL = /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/token\/addextrascope\?\S+/;

const e2e = useCliE2e({
  passphrase: PASSPHRASE,
  homePrefix: 'td-grants-',
  register: (sim) => sim.registerClient({ ...CC, type: 'self', organizations: [ORG] }),
  mustCover: [CC.clientSecret],
});
const { env, cli, custom } = e2e;

function addCc(name: string, extra: string[] = ['--soid', ORG], secret = CC.clientSecret) {
  return cli(
    [
      'add',
      name,
      '--type',
      'self',
      '--client-credentials',
      '--client-id',
      CC.clientId,
      '--scopes',
      'ZohoCRM.org.READ,ZohoCRM.modules.ALL',
      ...extra,
      ...custom(),
    ],
    secret + '\n',
  );
}

describe('Self Client with client credentials', () => {
  it('adds without a code, mints a token on first use, reuses it, and calls an API', async () => {
    const added = await addCc('acme-cc');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain(
      `Added acme-cc (CUSTOM, Self Client, client credentials for ${ORG}). Next: token-desk token acme-cc`,
    );
    const before = e2e.sim.stats.tokenCalls;

    const token = await cli(['token', 'acme-cc']);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    expect(e2e.sim.stats.tokenCalls.client_credentials).toBe(before.client_credentials + 1);
    const call = e2e.sim.requests.filter((r) => r.form.grant_type === 'client_credentials').at(-1)!;
    expect(call.form).toMatchObject({
      client_id: CC.clientId,
      soid: ORG,
      scope: 'ZohoCRM.org.READ,ZohoCRM.modules.ALL',
    });
    expect(call.query).toEqual({});

    // Reused while valid: no second call, the same token.
    const again = await cli(['token', 'acme-cc']);
    expect(again.stdout).toBe(token.stdout);
    expect(e2e.sim.stats.tokenCalls.client_credentials).toBe(before.client_credentials + 1);
    expect(e2e.sim.stats.tokenCalls.refresh_token).toBe(before.refresh_token);
    expect(e2e.sim.stats.tokenCalls.authorization_code).toBe(before.authorization_code);

    const org = await cli(['request', 'acme-cc', 'GET', '/crm/v8/org']);
    expect(org.code, org.stderr).toBe(0);

    const list = JSON.parse((await cli(['list', '--json'])).stdout);
    expect(list[0]).toMatchObject({
      name: 'acme-cc',
      type: 'self',
      grant: 'client_credentials',
      soid: ORG,
      status: 'ready',
    });
    expect((await cli(['list'])).stdout).toMatch(/acme-cc\s+CUSTOM\s+self-cc\s+ready/);
  });

  it('mints a new token when the cached one is about to expire, once for 10 processes at once', async () => {
    expect((await addCc('busy-cc')).code).toBe(0);
    e2e.sim.setAccessTokenTtl(120);
    try {
      expect((await cli(['token', 'busy-cc'])).code).toBe(0);
    } finally {
      e2e.sim.setAccessTokenTtl(3600);
    }
    const before = e2e.sim.stats.tokenCalls.client_credentials;
    const results = await Promise.all(Array.from({ length: 10 }, () => cli(['token', 'busy-cc'])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(e2e.sim.stats.tokenCalls.client_credentials).toBe(before + 1);
  });

  it('authorize mints a token now and says so; a grant code or --add-scopes is refused', async () => {
    expect((await addCc('auth-cc')).code).toBe(0);
    const authorized = await cli(['authorize', 'auth-cc']);
    expect(authorized.code, authorized.stderr).toBe(0);
    expect(authorized.stderr).toMatch(
      /Asking 127\.0\.0\.1:\d+ for an access token \(client credentials\)…/,
    );
    expect(authorized.stderr).toMatch(
      /Authorized auth-cc \(CUSTOM\).*access token valid in (59|60) min/,
    );

    const withCode = await cli(['authorize', 'auth-cc', '--code', '1000.abc.def']);
    expect(withCode.code).toBe(2);
    expectOneLine(
      withCode.stderr,
      /^token-desk: "auth-cc" uses client credentials: it needs no grant code\. .* Run: token-desk authorize auth-cc$/,
    );
    const more = await cli(['authorize', 'auth-cc', '--add-scopes', 'ZohoCRM.users.READ']);
    expect(more.code).toBe(2);
    expectOneLine(more.stderr, /^token-desk: "auth-cc" uses client credentials: its scopes/);
  });

  it('refuses a malformed soid at add with exit 2, before asking for the secret', async () => {
    for (const soid of ['600000001', 'ZohoCRM.', 'ZohoCRM.abc', 'Zoho CRM.600000001']) {
      const result = await addCc('bad-soid', ['--soid', soid]);
      expect(result.code, soid).toBe(2);
      expectOneLine(
        result.stderr,
        /^token-desk: ".*" is not an organization for the client-credentials grant: it must be <Service>\.<organization ID>\. .*ZohoCRM\.600000000.* Use: --soid ZohoCRM\.600000000$/,
      );
      expect(result.stderr).not.toContain(CC.clientSecret);
    }
    expect(JSON.parse((await cli(['list', '--json'])).stdout)).toEqual([]);
  });

  it('refuses --soid without --client-credentials, client credentials for a server client, and no scopes', async () => {
    const soidAlone = await cli(
      ['add', 'x', '--type', 'self', '--client-id', CC.clientId, '--soid', ORG, ...custom()],
      CC.clientSecret + '\n',
    );
    expect(soidAlone.code).toBe(2);
    expectOneLine(
      soidAlone.stderr,
      /^token-desk: An organization \(soid\) is used only by the client-credentials grant\./,
    );
    const server = await cli(
      [
        'add',
        'x',
        '--type',
        'server',
        '--client-credentials',
        '--client-id',
        CC.clientId,
        '--scopes',
        'ZohoCRM.org.READ',
        ...custom(),
      ],
      CC.clientSecret + '\n',
    );
    expect(server.code).toBe(2);
    expectOneLine(
      server.stderr,
      /^token-desk: Only a Self Client can use the client-credentials grant\./,
    );
    const noScopes = await cli(
      [
        'add',
        'x',
        '--type',
        'self',
        '--client-credentials',
        '--client-id',
        CC.clientId,
        ...custom(),
      ],
      CC.clientSecret + '\n',
    );
    expect(noScopes.code).toBe(2);
    expectOneLine(
      noScopes.stderr,
      /^token-desk: A client-credentials connection must say which scopes/,
    );
  });

  it('explains missing_org_info and an unknown organization, and keeps the connection', async () => {
    expect((await addCc('no-org', [])).code).toBe(0);
    const missing = await cli(['token', 'no-org']);
    expect(missing.code).toBe(2);
    expectOneLine(
      missing.stderr,
      /^token-desk: Zoho needs to know which organization "no-org" asks a token for, and the connection names none\. Add the connection again with its organization ID \(soid\).* Run: token-desk remove no-org, then token-desk add no-org --type self --client-credentials --soid ZohoCRM\.600000000 …$/,
    );

    expect((await addCc('wrong-org', ['--soid', 'ZohoCRM.999'])).code).toBe(0);
    const unknown = await cli(['token', 'wrong-org']);
    expect(unknown.code).toBe(4);
    expectOneLine(
      unknown.stderr,
      /^token-desk: Zoho does not know the organization ZohoCRM\.999 of "wrong-org".*Check the organization ID/,
    );
    const names = JSON.parse((await cli(['list', '--json'])).stdout).map(
      (c: { name: string }) => c.name,
    );
    expect(names).toEqual(['no-org', 'wrong-org']);
  });

  it('says when the client secret is wrong', async () => {
    expect((await addCc('bad-secret', ['--soid', ORG], 'not-the-secret-123')).code).toBe(0);
    const result = await cli(['token', 'bad-secret']);
    expect(result.code).toBe(4);
    expectOneLine(result.stderr, /^token-desk: .*refused the client secret/);
  });

  it('exports like the others, saying there is no refresh token', async () => {
    expect((await addCc('export-cc')).code).toBe(0);
    expect((await cli(['token', 'export-cc'])).code).toBe(0);
    const env = await cli(['export', 'export-cc', '--format', 'env', '--include-secrets']);
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toContain('ZOHO_GRANT_TYPE=client_credentials');
    expect(env.stdout).toContain(`ZOHO_SOID=${ORG}`);
    expect(env.stdout).toMatch(
      /^# No refresh token: this connection uses the client-credentials grant\./m,
    );
    expect(env.stdout).toContain(`ZOHO_CLIENT_SECRET=${CC.clientSecret}`);
    expect(env.stdout).not.toContain('ZOHO_REFRESH_TOKEN');
    const json = JSON.parse((await cli(['export', 'export-cc', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ grant_type: 'client_credentials', soid: ORG });
    expect(json.note).toMatch(/^No refresh token/);
    expect(json).not.toHaveProperty('refresh_token');
  });
});

describe('incremental scopes for a server-based connection', () => {
  /** A server client of its own (a fresh redirect port), added and signed in once. */
  async function authorizedServer(name: string, registration: { scopeEnhancement?: boolean } = {}) {
    const clientId = `${SERVER.clientId}.${name}`;
    const redirectUri = `http://localhost:${await freePort()}/callback`;
    e2e.sim.registerClient({
      clientId,
      clientSecret: SERVER.clientSecret,
      type: 'server',
      redirectUris: [redirectUri],
      ...registration,
    });
    const added = await cli(
      [
        'add',
        name,
        '--type',
        'server',
        '--client-id',
        clientId,
        '--scopes',
        'ZohoCRM.modules.leads.READ,AaaServer.profile.READ',
        '--redirect-uri',
        redirectUri,
        ...custom(),
      ],
      SERVER.clientSecret + '\n',
    );
    expect(added.code, added.stderr).toBe(0);
    const child = startCli(['authorize', name, '--no-open', '--timeout', '60'], env());
    const done = finished(child);
    const [url] = await waitForStderr(child, AUTH_URL);
    await fetch(await e2e.sim.consent(url, 'accept'));
    expect((await done).code).toBe(0);
    return clientId;
  }

  function addScopes(name: string) {
    const child = startCli(
      ['authorize', name, '--no-open', '--add-scopes', 'ZohoCRM.org.READ', '--timeout', '60'],
      env(),
    );
    return { child, done: finished(child) };
  }

  it('adds the scope to the same refresh token: no code exchanged, no new refresh token', async () => {
    await authorizedServer('grow');
    const codes = e2e.sim.stats.tokenCalls.authorization_code;
    const enhance = e2e.sim.stats.scopeEnhanceCalls;
    const tokensBefore = e2e.sim.secrets.length;
    const { child, done } = addScopes('grow');
    const [url] = await waitForStderr(child, EXTRA_SCOPE_URL);
    const consent = new URL(url);
    expect(consent.searchParams.get('response_type')).toBe('update_scopes');
    expect(consent.searchParams.get('scope')).toBe('ZohoCRM.org.READ');
    expect(consent.searchParams.get('enhance_token')).toMatch(/^1000\./);
    await fetch(await e2e.sim.consent(url, 'accept'));
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /add the scopes to the existing grant \(its refresh token stays\)/,
    );
    expect(result.stderr).not.toMatch(/Warning:/);
    expect(e2e.sim.stats.scopeEnhanceCalls).toBe(enhance + 1);
    expect(e2e.sim.stats.tokenCalls.authorization_code).toBe(codes);
    // The enhancement POST carried the refresh token in its body, never in the URL.
    const post = e2e.sim.requests.filter((r) => r.path === '/oauth/v2/token/scopeenhance').at(-1)!;
    expect(post.form.grant_type).toBe('update_scopes_token');
    expect(post.query).toEqual({});
    // Two new secrets only: the enhancement token and the access token minted after it.
    expect(e2e.sim.secrets.length).toBe(tokensBefore + 2);
    const org = await cli(['request', 'grow', 'GET', '/crm/v8/org']);
    expect(org.code, org.stderr).toBe(0);
  });

  it('stops when the user presses Reject, without a full sign-in, and keeps the grant', async () => {
    await authorizedServer('declined');
    const { child, done } = addScopes('declined');
    const [url] = await waitForStderr(child, EXTRA_SCOPE_URL);
    await fetch(await e2e.sim.consent(url, 'reject'));
    const result = await done;
    expect(result.code).toBe(4);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^token-desk: You declined access/);
    expect(result.stderr).not.toMatch(/oauth\/v2\/auth\?/);
    const [entry] = JSON.parse((await cli(['list', '--json'])).stdout);
    expect(entry.status).toBe('ready');
    expect(entry.scopes).toEqual(['ZohoCRM.modules.leads.READ', 'AaaServer.profile.READ']);
    expect((await cli(['request', 'declined', 'GET', '/crm/v8/Leads?fields=Last_Name'])).code).toBe(
      0,
    );
  });

  it('falls back to a full sign-in with all the scopes when Zoho refuses, and says so', async () => {
    await authorizedServer('fallback', { scopeEnhancement: false });
    const { child, done } = addScopes('fallback');
    const [url] = await waitForStderr(child, AUTH_URL);
    expect(new URL(url).searchParams.get('scope')).toBe(
      'ZohoCRM.modules.leads.READ,AaaServer.profile.READ,ZohoCRM.org.READ',
    );
    await fetch(await e2e.sim.consent(url, 'accept'));
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^Warning: Zoho would not extend the existing grant \(unauthorized_client\); signing in again with all the scopes instead\. This makes a new refresh token\.$/m,
    );
    expect((await cli(['request', 'fallback', 'GET', '/crm/v8/org'])).code).toBe(0);
  });
});

describe('the 20-refresh-token limit', () => {
  it('warns before a Self Client code would make the 21st refresh token, naming the connection it breaks', async () => {
    const SELF = { clientId: '1000.LIMITSELF', clientSecret: 'limit-self-secret-1a2b' };
    e2e.sim.registerClient({ ...SELF, type: 'self' });
    const add = (name: string) =>
      cli(
        ['add', name, '--type', 'self', '--client-id', SELF.clientId, ...custom()],
        SELF.clientSecret + '\n',
      );
    const code = () =>
      e2e.sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['AaaServer.profile.READ'] })
        .code;
    expect((await add('oldest')).code).toBe(0);
    const first = await cli(['authorize', 'oldest', '--code', code()]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(/Warning/);
    // 18 more sign-ins made earlier (as by other connections since removed): 19 in all.
    const ledgerFile = join(e2e.home, 'refresh-tokens.json');
    const ledger = JSON.parse(await readFile(ledgerFile, 'utf8'));
    expect(ledger.mints).toHaveLength(1);
    expect(ledger.mints[0]).toMatchObject({ clientId: SELF.clientId, connectionName: 'oldest' });
    const earlier = Array.from({ length: 18 }, (_, i) => ({
      ...ledger.mints[0],
      connectionId: `gone-${i}`,
      connectionName: `gone-${i}`,
      at: ledger.mints[0].at + i + 1,
    }));
    await writeFile(
      ledgerFile,
      JSON.stringify({ version: 1, mints: [...ledger.mints, ...earlier] }),
    );

    expect((await add('twentieth')).code).toBe(0);
    const twentieth = await cli(['authorize', 'twentieth', '--code', code()]);
    expect(twentieth.code, twentieth.stderr).toBe(0);
    expect(twentieth.stderr).not.toMatch(/Warning/);

    expect((await add('one-too-many')).code).toBe(0);
    const more = await cli(['authorize', 'one-too-many', '--code', code()]);
    expect(more.code, more.stderr).toBe(0);
    const lines = more.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Warning: Token Desk has already had 20 refresh tokens made for client 1000\.LIMITSELF and \d+\. Zoho keeps 20 per user and client: this sign-in makes Zoho delete the oldest, which connection "oldest" uses: "oldest" will stop working and need a new sign-in\./,
    );
    expect(lines[1]).toMatch(/^Exchanging the grant code/);
  });
});

describe('Multi-DC secrets', () => {
  it('the code exchange and refresh use the secret of the DC Zoho reports; secret --dc checks its input', async () => {
    const eu = await startZohoSimulator({ location: 'eu' });
    try {
      const US_SECRET = 'multi-dc-secret-us-11aa';
      const EU_SECRET = 'multi-dc-secret-eu-22bb';
      const clientId = '1000.MULTIDC';
      const redirectUri = `http://localhost:${await freePort()}/callback`;
      // The EU accounts server knows the client with its EU secret only.
      eu.registerClient({
        clientId,
        clientSecret: EU_SECRET,
        type: 'server',
        redirectUris: [redirectUri],
      });
      const added = await cli(
        [
          'add',
          'multi',
          '--type',
          'server',
          '--client-id',
          clientId,
          '--scopes',
          'ZohoCRM.modules.leads.READ',
          '--redirect-uri',
          redirectUri,
          '--accounts-url',
          eu.accountsUrl,
          '--api-domain',
          eu.apiDomain,
        ],
        US_SECRET + '\n',
      );
      expect(added.code, added.stderr).toBe(0);
      const signIn = async () => {
        const child = startCli(['authorize', 'multi', '--no-open', '--timeout', '60'], env());
        const done = finished(child);
        const [url] = await waitForStderr(child, AUTH_URL);
        await fetch(await eu.consent(url, 'accept'));
        return done;
      };
      // Without the EU secret: Zoho refuses the US one.
      const refused = await signIn();
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(/refused the client secret/);

      const badDc = await cli(['secret', 'multi', '--dc', 'mars'], EU_SECRET + '\n');
      expect(badDc.code).toBe(2);
      expectOneLine(badDc.stderr, /^token-desk: .*mars.* Run token-desk secret --help\.$/);
      const empty = await cli(['secret', 'multi', '--dc', 'eu'], '\n');
      expect(empty.code).toBe(2);
      const saved = await cli(['secret', 'multi', '--dc', 'eu'], EU_SECRET + '\n');
      expect(saved.code, saved.stderr).toBe(0);
      expect(saved.stderr).toContain('Saved the client secret of multi for EU.');
      expect(saved.stderr).not.toContain(EU_SECRET);

      const ok = await signIn();
      expect(ok.code, ok.stderr).toBe(0);
      const exchange = eu.requests
        .filter((r) => r.form.grant_type === 'authorization_code')
        .at(-1)!;
      expect(exchange.form.client_secret).toBe(EU_SECRET);
      const refreshed = await cli(['refresh', 'multi']);
      expect(refreshed.code, refreshed.stderr).toBe(0);
      expect(
        eu.requests.filter((r) => r.form.grant_type === 'refresh_token').at(-1)!.form.client_secret,
      ).toBe(EU_SECRET);

      // A Self Client lives in one DC: no per-DC secret.
      const self = await cli(
        ['add', 'one-dc', '--type', 'self', '--client-id', CC.clientId, ...custom()],
        CC.clientSecret + '\n',
      );
      expect(self.code).toBe(0);
      const refusedSelf = await cli(['secret', 'one-dc', '--dc', 'eu'], EU_SECRET + '\n');
      expect(refusedSelf.code).toBe(2);
      expectOneLine(
        refusedSelf.stderr,
        /^token-desk: "one-dc" is a Self Client: it lives in one data centre/,
      );

      for (const file of await filesUnder(e2e.home)) {
        const text = await readFile(file, 'utf8');
        for (const secret of eu.secrets.filter((s) => s.length >= 8))
          expect(text, `${file} holds a secret`).not.toContain(secret);
      }
      // Removing the connection removes its EU secret too (the vault holds no entry of it).
      expect((await cli(['remove', 'multi'])).code).toBe(0);
    } finally {
      await eu.close();
    }
  });
});
