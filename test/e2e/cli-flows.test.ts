// The token-desk CLI driven as a user would, as a real process, against the Zoho simulator:
// Self Client, self_client.json import, the server-based loopback flow, requests, export,
// refresh, revoke, and the errors a user meets on the way. After every test, no secret the
// simulator issued or received (client secrets, codes, refresh and access tokens, verifiers) may
// be found in any file under the home folder.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, finished, runCliProcess, startCli, waitForStderr } from '../support/cli-runner.js';
import { expectOneLine, filesUnder, useCliE2e } from '../support/cli-e2e.js';
import { freePort } from '../support/free-port.js';

const PASSPHRASE = 'correct horse battery staple';
const SELF = { clientId: '1000.SELFCLIENT', clientSecret: 'self-secret-5f1e2d' };
const SERVER = { clientId: '1000.SERVERCLIENT', clientSecret: 'server-secret-9a8b7c' };

const e2e = useCliE2e({
  passphrase: PASSPHRASE,
  homePrefix: 'td-cli-',
  register: (sim) => {
    sim.registerClient({ ...SELF, type: 'self' });
    sim.registerClient({
      ...SERVER,
      type: 'server',
      redirectUris: ['http://localhost:53134/callback'],
    });
  },
  // The scan must cover what the flows used: the client secrets at least, and every minted token.
  mustCover: [SELF.clientSecret, SERVER.clientSecret],
});
const { env, cli, custom, expectNoSecretIn } = e2e;

async function addSelfClient(
  name: string,
  scopes = ['ZohoCRM.org.READ', 'AaaServer.profile.READ'],
) {
  const added = await cli(
    ['add', name, '--dc', 'us', '--client-id', SELF.clientId, '--type', 'self', ...custom()],
    SELF.clientSecret + '\n',
  );
  expect(added.stderr).toContain(`Added ${name}`);
  expect(added.code).toBe(0);
  return e2e.sim.issueSelfClientCode({ clientId: SELF.clientId, scopes }).code;
}

describe('Self Client', () => {
  it('adds, authorizes, prints a token, calls an API, lists and exports without leaking secrets', async () => {
    const code = await addSelfClient('acme-crm');
    const authorized = await cli(['authorize', 'acme-crm', '--code', code]);
    expect(authorized.code, authorized.stderr).toBe(0);
    expect(authorized.stderr).toMatch(
      /Authorized acme-crm \(US\) as .+@.+; access token valid in (59|60) min/,
    );

    const token = await cli(['token', 'acme-crm']);
    expect(token.code, token.stderr).toBe(0);
    const accessToken = token.stdout.trim();
    expect(accessToken).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);

    const header = await cli(['token', 'acme-crm', '--format', 'header']);
    expect(header.stdout.trim()).toBe(`Authorization: Zoho-oauthtoken ${accessToken}`);
    const json = JSON.parse((await cli(['token', 'acme-crm', '--format', 'json'])).stdout);
    expect(json).toMatchObject({
      access_token: accessToken,
      token_type: 'Zoho-oauthtoken',
      api_domain: e2e.sim.apiDomain,
    });
    expect(json.expires_in).toBeGreaterThan(3000);
    expect(e2e.sim.stats.tokenCalls.refresh_token).toBe(0);

    const org = await cli(['request', 'acme-crm', 'GET', '/crm/v8/org']);
    expect(org.code, org.stderr).toBe(0);
    expect(org.stderr).toMatch(/^200 OK \(\d+ ms, \d+ B\)/m);
    expect(JSON.parse(org.stdout)).toHaveProperty('org');

    const list = await cli(['list', '--json']);
    const [entry] = JSON.parse(list.stdout);
    expect(entry).toMatchObject({
      name: 'acme-crm',
      type: 'self',
      status: 'ready',
      client_id: SELF.clientId,
    });
    expect(entry.user.email).toBeTruthy();
    const human = await cli(['list']);
    expect(human.stdout).toMatch(/acme-crm\s+(US|CUSTOM)\s+self\s+ready/);
    for (const output of [list.stdout, human.stdout, authorized.stderr]) {
      for (const secret of [SELF.clientSecret, accessToken]) expect(output).not.toContain(secret);
    }

    const plain = await cli(['export', 'acme-crm', '--format', 'env']);
    expect(plain.stdout).toContain(`ZOHO_CLIENT_ID=${SELF.clientId}`);
    expect(plain.stdout).not.toContain(SELF.clientSecret);
    const withSecrets = await cli([
      'export',
      'acme-crm',
      '--format',
      'postman',
      '--include-secrets',
    ]);
    const postman = JSON.parse(withSecrets.stdout);
    expect(postman.values).toContainEqual(
      expect.objectContaining({
        key: 'zoho_client_secret',
        value: SELF.clientSecret,
        type: 'secret',
      }),
    );
  });

  /** Authorizes with an access token that has only two minutes left, as after an hour of use. */
  async function authorizeNearlyExpired(name: string, code: string) {
    e2e.sim.setAccessTokenTtl(120);
    try {
      const result = await cli(['authorize', name, '--code', code]);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      e2e.sim.setAccessTokenTtl(3600);
    }
  }

  it('refreshes once when the token is about to expire, and needs re-authorization after revoke', async () => {
    const code = await addSelfClient('refresh-me');
    await authorizeNearlyExpired('refresh-me', code);
    const before = e2e.sim.stats.tokenCalls.refresh_token;
    const forced = await cli(['token', 'refresh-me']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(e2e.sim.stats.tokenCalls.refresh_token).toBe(before + 1);
    const cached = await cli(['token', 'refresh-me']);
    expect(cached.stdout).toBe(forced.stdout);
    expect(e2e.sim.stats.tokenCalls.refresh_token).toBe(before + 1);

    const revoked = await cli(['revoke', 'refresh-me']);
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = await cli(['token', 'refresh-me']);
    expect(after.code).toBe(3);
    // A shell-neutral remedy, then the command to type.
    expectOneLine(
      after.stderr,
      /^token-desk: .*Authorize the connection to sign in to Zoho and grant access\. Run: token-desk authorize refresh-me --code <grant code>$/,
    );
  });

  it('20 processes asking at once for an expiring token cause one refresh', async () => {
    const code = await addSelfClient('busy');
    await authorizeNearlyExpired('busy', code);
    const before = e2e.sim.stats.tokenCalls.refresh_token;
    const results = await Promise.all(Array.from({ length: 20 }, () => cli(['token', 'busy'])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(e2e.sim.stats.tokenCalls.refresh_token).toBe(before + 1);
    // Each process derives the passphrase key once (scrypt N=2^17: 128 MiB and about half a
    // second of CPU): twenty at once on a 2-core machine take longer than the default 30 s.
  }, 120_000);

  it('says when a grant code was already used, and when the secret is wrong', async () => {
    const code = await addSelfClient('used-code');
    expect((await cli(['authorize', 'used-code', '--code', code])).code).toBe(0);
    const again = await cli(['authorize', 'used-code', '--code', code]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/code/i);
    expect(again.stderr.trim().split('\n')).toHaveLength(2); // progress line + one error line

    await cli(
      [
        'add',
        'bad-secret',
        '--dc',
        'us',
        '--client-id',
        SELF.clientId,
        '--type',
        'self',
        ...custom(),
      ],
      'not-the-secret\n',
    );
    const fresh = e2e.sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    }).code;
    const wrong = await cli(['authorize', 'bad-secret', '--code', fresh]);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/secret/i);
    expect(wrong.stderr).not.toContain('not-the-secret');
  });

  it("remove forgets the connection's request history, and leaves the others' alone", async () => {
    await addSelfClient('gone-soon');
    await addSelfClient('stays');
    // The window keeps the history of test requests in history.json beside the connections.
    const entry = (connection: string, id: string) => ({
      id,
      connection,
      at: 1,
      request: { method: 'GET', pathOrUrl: '/crm/v8/org', query: [], headers: [] },
      status: 200,
    });
    await writeFile(
      join(e2e.home, 'history.json'),
      JSON.stringify([entry('gone-soon', 'a'), entry('stays', 'b'), entry('gone-soon', 'c')]),
      { mode: 0o600 },
    );
    const removed = await cli(['remove', 'gone-soon']);
    expect(removed.code, removed.stderr).toBe(0);
    const history = JSON.parse(await readFile(join(e2e.home, 'history.json'), 'utf8')) as Array<{
      id: string;
      connection: string;
    }>;
    expect(history.map((e) => [e.connection, e.id])).toEqual([['stays', 'b']]);
    expect((await stat(join(e2e.home, 'history.json'))).mode & 0o777).toBe(0o600);
  });

  it('request keeps the request in the history as the window does, except with --no-history or history off; clear forgets it', async () => {
    const code = await addSelfClient('kept');
    expect((await cli(['authorize', 'kept', '--code', code])).code).toBe(0);
    const readHistory = async () =>
      JSON.parse(await readFile(join(e2e.home, 'history.json'), 'utf8')) as Array<{
        connection: string;
        request: { method: string; pathOrUrl: string; headers: Array<[string, string]> };
        status?: number;
      }>;

    const sent = await cli([
      'request',
      'kept',
      'GET',
      '/crm/v8/org?fields=id',
      '--header',
      'X-Trace: on',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    const [entry, ...rest] = await readHistory();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      connection: 'kept',
      request: { method: 'GET', pathOrUrl: '/crm/v8/org?fields=id', headers: [['X-Trace', 'on']] },
      status: 200,
    });
    // The window lists what the CLI sent.
    expect((await cli(['history'])).stdout).toBe(
      `Request history: on; 1 request kept in ${join(e2e.home, 'history.json')}.\n`,
    );

    const unkept = await cli(['request', 'kept', 'GET', '/crm/v8/org?n=2', '--no-history']);
    expect(unkept.code, unkept.stderr).toBe(0);
    expect(await readHistory()).toHaveLength(1);

    const off = await cli(['history', 'off']);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).toBe(
      'Request history is off: requests are no longer kept. Already kept: 1 request (token-desk history clear removes them).\n',
    );
    expect((await cli(['request', 'kept', 'GET', '/crm/v8/org?n=4'])).code).toBe(0);
    expect((await readHistory()).map((e) => e.request.pathOrUrl)).toEqual([
      '/crm/v8/org?fields=id',
    ]);
    expect((await cli(['history'])).stdout).toMatch(/^Request history: off; 1 request kept in /);

    const cleared = await cli(['history', 'clear']);
    expect(cleared.stderr).toBe('Removed 1 request from the request history.\n');
    expect(await readHistory()).toEqual([]);

    expect((await cli(['history', 'on'])).code).toBe(0);
    expect((await cli(['request', 'kept', 'GET', '/crm/v8/org?n=4'])).code).toBe(0);
    expect((await readHistory()).map((e) => e.request.pathOrUrl)).toEqual(['/crm/v8/org?n=4']);

    expectOneLine(
      (await cli(['history', 'maybe'])).stderr,
      /^token-desk: .*'maybe' is invalid.*Allowed choices are on, off, clear\. Run token-desk history --help\.$/,
    );
  });
});

describe('self_client.json import', () => {
  it('imports a fresh file, and refuses an expired one before any call', async () => {
    const issued = e2e.sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const file = join(e2e.home, '..', `self_client-${Date.now()}.json`);
    await writeFile(file, JSON.stringify(issued.selfClientJson));
    const imported = await cli(['import', 'from-file', '--self-client', file, ...custom()]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Imported and authorized from-file/);
    expect(imported.stderr).toContain('Scopes: ZohoCRM.org.READ');
    expect((await cli(['token', 'from-file'])).code).toBe(0);

    const expired = { ...issued.selfClientJson, expiry_time: Date.now() - 4 * 60_000 };
    await writeFile(file, JSON.stringify(expired));
    const calls = e2e.sim.stats.tokenCalls.total;
    const refused = await cli(['import', 'too-late', '--self-client', file, ...custom()]);
    expect(refused.code).toBe(2);
    // Only the error: no line claiming that the code is being exchanged.
    expectOneLine(
      refused.stderr,
      /^token-desk: The grant code in this self_client\.json expired 4 minutes ago\. In the Zoho API Console/,
    );
    expect(e2e.sim.stats.tokenCalls.total).toBe(calls);
    expect((await cli(['list', '--json'])).stdout).not.toContain('too-late');

    await writeFile(file, '{"client_id": ');
    const malformed = await cli(['import', 'broken', '--self-client', file, ...custom()]);
    expect(malformed.code).toBe(2);
    expectOneLine(
      malformed.stderr,
      /^token-desk: The file is not valid JSON, so it is not a self_client\.json from Zoho\. Download it again/,
    );

    // A name already taken is refused before the exchange, and the existing connection is kept.
    await writeFile(
      file,
      JSON.stringify(
        e2e.sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['ZohoCRM.org.READ'] })
          .selfClientJson,
      ),
    );
    const taken = await cli(['import', 'from-file', '--self-client', file, ...custom()]);
    expect(taken.code).toBe(2);
    expectOneLine(
      taken.stderr,
      /^token-desk: A connection named "from-file" already exists\. .* Run: token-desk remove from-file$/,
    );
    expect(e2e.sim.stats.tokenCalls.total).toBe(calls);
    expect((await cli(['token', 'from-file'])).code).toBe(0);
    await rm(file);
  });
});

describe('server-based client', () => {
  async function addServer(name: string) {
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/callback`;
    e2e.sim.registerClient({ ...SERVER, type: 'server', redirectUris: [redirectUri] });
    const added = await cli(
      [
        'add',
        name,
        '--dc',
        'us',
        '--client-id',
        SERVER.clientId,
        '--type',
        'server',
        '--scopes',
        'ZohoCRM.modules.leads.READ,AaaServer.profile.READ',
        '--redirect-uri',
        redirectUri,
        ...custom(),
      ],
      SERVER.clientSecret,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain(redirectUri);
  }

  it('authorizes through the loopback receiver when the user accepts', async () => {
    await addServer('acme-server');
    const child = startCli(['authorize', 'acme-server', '--no-open', '--timeout', '60'], env());
    const done = finished(child);
    const [url] = await waitForStderr(child, /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/auth\?\S+/);
    const auth = new URL(url);
    expect(auth.searchParams.get('access_type')).toBe('offline');
    expect(auth.searchParams.get('prompt')).toBe('consent');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('scope')).toBe(
      'ZohoCRM.modules.leads.READ,AaaServer.profile.READ',
    );
    const location = await e2e.sim.consent(url, 'accept');
    const page = await fetch(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/close this tab/i);
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Authorized acme-server/);
    const leads = await cli([
      'request',
      'acme-server',
      'GET',
      '/crm/v8/Leads?fields=Last_Name,Email',
    ]);
    expect(leads.code, leads.stderr).toBe(0);
    const org = await cli(['request', 'acme-server', 'GET', '/crm/v8/org']);
    expect(org.code).toBe(4);
    expect(org.stdout).toContain('OAUTH_SCOPE_MISMATCH');
    expect(org.stderr).toContain('it needs ZohoCRM.org.READ');
    expect(org.stderr).toContain('token-desk authorize acme-server --add-scopes ZohoCRM.org.READ');

    // Following the hint: consent to the added scope (scope enhancement of the same grant, see
    // cli-grants.test.ts for the fallback to a full sign-in), then the call works.
    const codesBefore = e2e.sim.stats.tokenCalls.authorization_code;
    const again = startCli(
      [
        'authorize',
        'acme-server',
        '--no-open',
        '--add-scopes',
        'ZohoCRM.org.READ',
        '--timeout',
        '60',
      ],
      env(),
    );
    const reauthorized = finished(again);
    const [secondUrl] = await waitForStderr(
      again,
      /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/token\/addextrascope\?\S+/,
    );
    expect(new URL(secondUrl).searchParams.get('scope')).toBe('ZohoCRM.org.READ');
    await fetch(await e2e.sim.consent(secondUrl, 'accept'));
    expect((await reauthorized).code).toBe(0);
    expect(JSON.parse((await cli(['list', '--json'])).stdout)[0].scopes.join(',')).toBe(
      'ZohoCRM.modules.leads.READ,AaaServer.profile.READ,ZohoCRM.org.READ',
    );
    expect(e2e.sim.stats.tokenCalls.authorization_code).toBe(codesBefore);
    const retried = await cli(['request', 'acme-server', 'GET', '/crm/v8/org']);
    expect(retried.code, retried.stderr).toBe(0);
  });

  it('reports a clear error when the user presses Reject', async () => {
    await addServer('rejected');
    const child = startCli(['authorize', 'rejected', '--no-open', '--timeout', '60'], env());
    const done = finished(child);
    const [url] = await waitForStderr(child, /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/auth\?\S+/);
    await fetch(await e2e.sim.consent(url, 'reject'));
    const result = await done;
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/declined|reject/i);
    expect(JSON.parse((await cli(['list', '--json'])).stdout)[0].status).toBe('new');
  });

  it('waits for the time asked, in seconds when under a minute, then says the sign-in timed out', async () => {
    await addServer('short-wait');
    const result = await cli(['authorize', 'short-wait', '--no-open', '--timeout', '1']);
    expect(result.stderr).toContain(
      'Open this address to sign in to Zoho and allow access (waiting up to 1 s):',
    );
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^token-desk: No answer came back from the Zoho sign-in page within 1 second\./,
    );
  });

  it('accepts a 127.0.0.1 redirect URI but warns that Zoho refuses it, naming the localhost form', async () => {
    const port = await freePort();
    const added = await cli(
      [
        'add',
        'loopback-ip',
        '--client-id',
        SERVER.clientId,
        '--type',
        'server',
        '--scopes',
        'ZohoCRM.org.READ',
        '--redirect-uri',
        `http://127.0.0.1:${port}/callback`,
        ...custom(),
      ],
      SERVER.clientSecret,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain(
      `Warning: Zoho is known to refuse redirect URIs on 127.0.0.1: use http://localhost:${port}/callback instead, and register exactly that in the Zoho API Console.`,
    );
    const plain = await cli(
      [
        'add',
        'loopback-name',
        '--client-id',
        SERVER.clientId,
        '--type',
        'server',
        '--scopes',
        'ZohoCRM.org.READ',
        '--redirect-uri',
        `http://localhost:${port}/callback`,
        ...custom(),
      ],
      SERVER.clientSecret,
    );
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toContain('Warning');
  });
});

describe('bad input', () => {
  // Every case targets connections that exist (unless it is about an unknown one), so that the
  // error asserted is the one the case is about, not "unknown connection".
  let badHome: string;
  let zohoCallsBefore: number;
  const inBadHome = (args: string[], input?: string) =>
    runCliProcess(args, cliEnv({ home: badHome, passphrase: PASSPHRASE }), input);

  beforeAll(async () => {
    badHome = await mkdtemp(join(tmpdir(), 'td-cli-bad-'));
    const addSelf = await inBadHome(
      ['add', 'real-self', '--client-id', SELF.clientId, '--type', 'self', ...custom()],
      SELF.clientSecret,
    );
    expect(addSelf.code, addSelf.stderr).toBe(0);
    const addServer = await inBadHome(
      [
        'add',
        'real-server',
        '--client-id',
        SERVER.clientId,
        '--type',
        'server',
        '--scopes',
        'ZohoCRM.org.READ',
        ...custom(),
      ],
      SERVER.clientSecret,
    );
    expect(addServer.code, addServer.stderr).toBe(0);
    zohoCallsBefore = e2e.sim.stats.tokenCalls.total + e2e.sim.stats.revokeCalls;
  });
  afterAll(async () => {
    await expectNoSecretIn(badHome);
    await rm(badHome, { recursive: true, force: true });
  });

  const usage = (command: string) => `Run token-desk${command ? ` ${command}` : ''} --help\\.$`;
  const cases: Array<[label: string, args: string[], exit: number, line: RegExp]> = [
    [
      'no command',
      [],
      2,
      new RegExp(
        `^token-desk: no command given \\(add, authorize, import, token, .*\\)\\. ${usage('')}`,
      ),
    ],
    [
      'unknown command',
      ['frobnicate'],
      2,
      new RegExp(`^token-desk: unknown command 'frobnicate'\\. ${usage('')}`),
    ],
    [
      'unknown option',
      ['list', '--bogus'],
      2,
      new RegExp(`^token-desk: unknown option '--bogus'\\. ${usage('list')}`),
    ],
    [
      'add with no arguments at all: the name is missed first',
      ['add'],
      2,
      new RegExp(`^token-desk: missing required argument 'name'\\. ${usage('add')}`),
    ],
    [
      'add without a name',
      ['add', '--client-id', 'c', '--type', 'self', '--dc', 'us'],
      2,
      new RegExp(`^token-desk: missing required argument 'name'\\. ${usage('add')}`),
    ],
    [
      'add without a client id',
      ['add', 'x', '--dc', 'us', '--type', 'self'],
      2,
      new RegExp(
        `^token-desk: required option '--client-id <id>' not specified\\. ${usage('add')}`,
      ),
    ],
    [
      'add with an unknown data centre',
      ['add', 'x', '--dc', 'mars', '--client-id', 'c', '--type', 'self'],
      2,
      new RegExp(
        `^token-desk: option '--dc <code>' argument 'mars' is invalid\\. Allowed choices are us, eu, in, au, jp, ca, sa, uk, cn\\. ${usage('add')}`,
      ),
    ],
    [
      'add with a bad type',
      ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'mobile'],
      2,
      new RegExp(
        `^token-desk: option '--type <type>' argument 'mobile' is invalid\\. Allowed choices are self, server, device\\. ${usage('add')}`,
      ),
    ],
    [
      'add without a data centre or custom server',
      ['add', 'x', '--client-id', 'c', '--type', 'self'],
      2,
      /^token-desk: No data centre was given\. Choose the data centre .* Use: --dc eu$/,
    ],
    [
      'add a server client without scopes',
      ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'server'],
      2,
      /^token-desk: A server-based client must say which scopes it asks for\. .* Use: --scopes ZohoCRM\.modules\.ALL,AaaServer\.profile\.READ$/,
    ],
    [
      'add with a redirect URI that is not on this computer',
      [
        'add',
        'x',
        '--dc',
        'us',
        '--client-id',
        'c',
        '--type',
        'server',
        '--scopes',
        'ZohoCRM.org.READ',
        '--redirect-uri',
        'https://example.com/cb',
      ],
      2,
      /^token-desk: The redirect URI "https:\/\/example\.com\/cb" must be http:\/\/localhost:<port>\/<path> /,
    ],
    [
      'add with a redirect URI for a Self Client',
      [
        'add',
        'x',
        '--dc',
        'us',
        '--client-id',
        'c',
        '--type',
        'self',
        '--redirect-uri',
        'http://localhost:53134/callback',
      ],
      2,
      /^token-desk: A Self Client has no redirect URI\./,
    ],
    [
      'add with a bad scope',
      ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'self', '--scopes', 'ZohoCRM..READ'],
      2,
      /^token-desk: The scope "ZohoCRM\.\.READ" is not valid: it has an empty part/,
    ],
    [
      'add with an http custom server',
      [
        'add',
        'x',
        '--client-id',
        'c',
        '--type',
        'self',
        '--accounts-url',
        'http://example.com',
        '--api-domain',
        'http://example.com',
      ],
      2,
      /^token-desk: The accounts URL "http:\/\/example\.com" must use https \(plain http is accepted only for localhost\)\./,
    ],
    [
      'add with half a custom server',
      [
        'add',
        'x',
        '--dc',
        'us',
        '--client-id',
        'c',
        '--type',
        'self',
        '--accounts-url',
        'https://example.com',
      ],
      2,
      /^token-desk: A custom server needs both an accounts URL and an API domain\. .* Use: --accounts-url URL --api-domain URL$/,
    ],
    // Checked before the secret is read: stdin is empty, so reading it first would say "No client secret".
    [
      'add with a bad name, before asking for the secret',
      ['add', 'bad name!', '--dc', 'us', '--client-id', 'c', '--type', 'self'],
      2,
      /^token-desk: "bad name!" is not a usable connection name\./,
    ],
    [
      'add a name that exists, before asking for the secret',
      ['add', 'REAL-SELF', '--dc', 'us', '--client-id', 'c', '--type', 'self'],
      2,
      /^token-desk: A connection named "real-self" already exists\. Choose another name, or remove the old one first\. Run: token-desk remove real-self$/,
    ],
    [
      'authorize an unknown connection',
      ['authorize', 'nobody', '--code', '1000.some.code'],
      2,
      /^token-desk: There is no connection "nobody"\. Known connections: real-self, real-server\./,
    ],
    [
      'authorize a Self Client without a code',
      ['authorize', 'real-self'],
      2,
      /^token-desk: "real-self" is a Self Client: it needs a grant code\. .* Run: token-desk authorize real-self --code <grant code>$/,
    ],
    // One line: no "Exchanging the grant code…" before a code that cannot be exchanged.
    [
      'authorize with an empty code',
      ['authorize', 'real-self', '--code', ' '],
      2,
      /^token-desk: The grant code is empty\. .* Run: token-desk authorize real-self --code <grant code>$/,
    ],
    [
      'authorize a server client with a code',
      ['authorize', 'real-server', '--code', '1000.some.code'],
      2,
      /^token-desk: "real-server" is a server-based client; it has no grant code to paste\. .* Run: token-desk authorize real-server$/,
    ],
    [
      'authorize with --timeout 0',
      ['authorize', 'real-server', '--no-open', '--timeout', '0'],
      2,
      /^token-desk: --timeout must be between 1 and 3600 seconds, not 0\. For example --timeout 300/,
    ],
    [
      'authorize with a --timeout that is not a number',
      ['authorize', 'real-server', '--no-open', '--timeout', 'soon'],
      2,
      /^token-desk: --timeout takes a whole number of seconds, not "soon"\./,
    ],
    [
      'token for an unknown connection',
      ['token', 'nobody'],
      2,
      /^token-desk: There is no connection "nobody"\. Known connections: real-self, real-server\./,
    ],
    [
      'token with a bad format',
      ['token', 'real-self', '--format', 'xml'],
      2,
      new RegExp(
        `^token-desk: option '--format <format>' argument 'xml' is invalid\\. Allowed choices are bare, header, json\\. ${usage('token')}`,
      ),
    ],
    [
      'token with a bad --min-valid',
      ['token', 'real-self', '--min-valid', 'soon'],
      2,
      /^token-desk: --min-valid takes a whole number of seconds, not "soon"\. For example --min-valid 300\.$/,
    ],
    [
      'token for a connection never authorized',
      ['token', 'real-self'],
      3,
      /^token-desk: Connection "real-self" has no refresh token: .* Run: token-desk authorize real-self --code <grant code>$/,
    ],
    // One line: no "Refreshing…" / "Revoking…" before an error that needs no call to Zoho.
    [
      'refresh an unknown connection',
      ['refresh', 'nobody'],
      2,
      /^token-desk: There is no connection "nobody"\./,
    ],
    [
      'refresh a connection never authorized',
      ['refresh', 'real-server'],
      3,
      /^token-desk: Connection "real-server" has no refresh token: .* Run: token-desk authorize real-server$/,
    ],
    [
      'revoke an unknown connection',
      ['revoke', 'nobody'],
      2,
      /^token-desk: There is no connection "nobody"\./,
    ],
    [
      'revoke a connection never authorized',
      ['revoke', 'real-self'],
      2,
      /^token-desk: "real-self" holds no refresh token, so there is nothing to revoke\. Authorize it first\. Run: token-desk authorize real-self$/,
    ],
    [
      'remove an unknown connection',
      ['remove', 'nobody'],
      2,
      /^token-desk: There is no connection "nobody"\./,
    ],
    [
      'request without a path',
      ['request', 'real-self', 'GET'],
      2,
      new RegExp(`^token-desk: missing required argument 'path-or-url'\\. ${usage('request')}`),
    ],
    [
      'request with a bad method',
      ['request', 'real-self', 'FETCH', '/x'],
      2,
      /^token-desk: "FETCH" is not an HTTP method\./,
    ],
    [
      // The methods the window offers and the history replays, no more: HEAD was accepted once.
      'request with a method a test request cannot use',
      ['request', 'real-self', 'head', '/x'],
      2,
      /^token-desk: "head" is not an HTTP method\. Use GET, POST, PUT, PATCH or DELETE: the methods a test request can use\.$/,
    ],
    [
      'request with bad JSON',
      ['request', 'real-self', 'POST', '/x', '--data', '{oops'],
      2,
      /^token-desk: The request body is not valid JSON/,
    ],
    [
      'request with a bad header',
      ['request', 'real-self', 'GET', '/x', '--header', 'no-colon'],
      2,
      /^token-desk: The header "no-colon" is not of the form 'Name: value'\./,
    ],
    [
      'export with a bad format',
      ['export', 'real-self', '--format', 'csv'],
      2,
      /^token-desk: "csv" is not an export format\. Use one of: env, json, postman\./,
    ],
    [
      'import a missing file',
      ['import', 'x', '--self-client', '/nonexistent/self_client.json', '--dc', 'us'],
      2,
      /^token-desk: Cannot read \/nonexistent\/self_client\.json\./,
    ],
    [
      'ui with a port that is not a number',
      ['ui', '--port', 'abc', '--no-open'],
      2,
      /^token-desk: --port takes a port number from 1 to 65535 \(or 0 for any free port\), not "abc"\./,
    ],
    [
      'ui with a port out of range',
      ['ui', '--port', '70000', '--no-open'],
      2,
      /^token-desk: --port takes a port number from 1 to 65535 \(or 0 for any free port\), not "70000"\./,
    ],
  ];
  it.each(cases.map(([label, args, exit, line]) => [label, exit, args, line] as const))(
    '%s: exit %i and exactly one line naming cause and remedy',
    async (_label, exit, args, line) => {
      const result = await inBadHome(args);
      expect(result.code, result.stderr).toBe(exit);
      expectOneLine(result.stderr, line);
      expect(result.stdout).toBe('');
    },
  );

  it('the cases left the two connections as they were', async () => {
    const list = JSON.parse((await inBadHome(['list', '--json'])).stdout) as Array<{
      name: string;
      status: string;
    }>;
    expect(list.map((c) => [c.name, c.status])).toEqual([
      ['real-self', 'new'],
      ['real-server', 'new'],
    ]);
    // None of them got as far as Zoho.
    expect(e2e.sim.stats.tokenCalls.total + e2e.sim.stats.revokeCalls).toBe(zohoCallsBefore);
  });

  it('list orders connections by name, numbers in natural order, in both forms', async () => {
    for (const name of ['client-10', 'Acme', 'client-9']) {
      const added = await cli(
        ['add', name, '--dc', 'us', '--client-id', SELF.clientId, '--type', 'self', ...custom()],
        SELF.clientSecret + '\n',
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const json = JSON.parse((await cli(['list', '--json'])).stdout) as Array<{ name: string }>;
    expect(json.map((c) => c.name)).toEqual(['Acme', 'client-9', 'client-10']);
    const human = (await cli(['list'])).stdout.split('\n').slice(1, 4);
    expect(human.map((line) => line.split(/\s+/)[0])).toEqual(['Acme', 'client-9', 'client-10']);
  });

  it('refuses a TOKEN_DESK_PASSPHRASE under 10 characters for a new vault, before Zoho, storing nothing', async () => {
    const short = (args: string[], input?: string) =>
      runCliProcess(args, cliEnv({ home: e2e.home, passphrase: 'nine char' }), input);
    const result = await short(
      ['add', 'weak', '--dc', 'us', '--client-id', SELF.clientId, '--type', 'self', ...custom()],
      SELF.clientSecret + '\n',
    );
    expect(result.code).toBe(2);
    expectOneLine(
      result.stderr,
      /^token-desk: TOKEN_DESK_PASSPHRASE is shorter than 10 characters, too short to protect a new vault\. Set TOKEN_DESK_PASSPHRASE to at least 10 characters \(a few unrelated words\), or unset it to use the OS keyring\.$/,
    );
    expect(JSON.parse((await short(['list', '--json'])).stdout)).toEqual([]);
    await expect(stat(join(e2e.home, 'vault.json'))).rejects.toThrow();
  });

  it('add with an empty secret on stdin is refused and stores nothing', async () => {
    const result = await cli(
      ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'self'],
      '\n',
    );
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^token-desk: No client secret was given\./);
    expect(JSON.parse((await cli(['list', '--json'])).stdout)).toEqual([]);
  });

  it('request: a path Desk and Sign share needs --product; with it, the request goes out with the orgId header', async () => {
    const code = await addSelfClient('shared-path');
    expect((await cli(['authorize', 'shared-path', '--code', code])).code).toBe(0);
    const before = e2e.sim.requests.length;
    const ambiguous = await cli([
      'request',
      'shared-path',
      'GET',
      '/api/v1/tickets',
      '--org-id',
      '2007',
    ]);
    expect(ambiguous.code).toBe(2);
    expectOneLine(ambiguous.stderr, /Zoho Desk or Zoho Sign/);
    expect(ambiguous.stderr).toMatch(/--product desk or --product sign/);
    expect(e2e.sim.requests.length).toBe(before);

    const unknown = await cli([
      'request',
      'shared-path',
      'GET',
      '/api/v1/tickets',
      '--product',
      'zendesk',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"zendesk" is not a product/);

    const desk = await cli([
      'request',
      'shared-path',
      'GET',
      '/api/v1/tickets',
      '--product',
      'desk',
      '--org-id',
      '2007',
    ]);
    const sent = e2e.sim.requests.slice(before).find((r) => r.path === '/api/v1/tickets');
    expect(sent, desk.stderr).toBeDefined();
    expect(sent!.headers.orgid).toBe('2007');
  });

  it('add takes the secret from a pipe that stays open, instead of waiting for it to close', async () => {
    const child = startCli(
      [
        'add',
        'open-pipe',
        '--dc',
        'us',
        '--client-id',
        SELF.clientId,
        '--type',
        'self',
        ...custom(),
      ],
      env(),
      `${SELF.clientSecret}\n`,
      { keepStdinOpen: true },
    );
    const result = await finished(child);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Added open-pipe');
  });

  it('refuses a request to a non-Zoho host so the token cannot leak', async () => {
    const code = await addSelfClient('leak-check');
    expect((await cli(['authorize', 'leak-check', '--code', code])).code).toBe(0);
    const result = await cli(['request', 'leak-check', 'GET', 'https://evil.example/steal']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/only to Zoho/);
  });

  it('keeps the api_domain it had when a refresh names another host, warns, and sends requests to the kept one', async () => {
    const code = await addSelfClient('evil-domain');
    expect((await cli(['authorize', 'evil-domain', '--code', code])).code).toBe(0);
    e2e.sim.setTokenApiDomain('http://evil.example');
    try {
      const refreshed = await cli(['refresh', 'evil-domain']);
      expect(refreshed.code, refreshed.stderr).toBe(0);
      expect(refreshed.stderr).toContain(
        `Refreshing the access token at ${new URL(e2e.sim.accountsUrl).host}…`,
      );
      expect(refreshed.stderr).toMatch(
        /^Warning: The token answer for "evil-domain" named http:\/\/evil\.example as its API domain, which is not a Zoho API host/m,
      );
      expect(refreshed.stderr).toContain(`keeps sending requests to ${e2e.sim.apiDomain}`);
    } finally {
      e2e.sim.setTokenApiDomain(undefined);
    }
    const token = JSON.parse((await cli(['token', 'evil-domain', '--format', 'json'])).stdout);
    expect(token.api_domain).toBe(e2e.sim.apiDomain);
    const before = e2e.sim.stats.apiCalls;
    const org = await cli(['request', 'evil-domain', 'GET', '/crm/v8/org']);
    expect(org.code, org.stderr).toBe(0);
    expect(e2e.sim.stats.apiCalls).toBe(before + 1);
  });

  it('ends quietly when the reader of its output goes away (scopes | head)', async () => {
    const child = startCli(['scopes'], env());
    // The reading end is closed before the first write: every write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('keeps a store file that is not JSON aside, says where, and keeps saying so while the backup sits there', async () => {
    await addSelfClient('soon-corrupt');
    const storeFile = join(e2e.home, 'connections.json');
    const saved = await readFile(storeFile, 'utf8');
    await writeFile(storeFile, '{ this is not json');
    const result = await cli(['list']);
    expect(result.code).toBe(2);
    expectOneLine(
      result.stderr,
      /^token-desk: The file .*connections\.json was not valid JSON\. It has been kept as .*connections\.corrupt-.*\.json\./,
    );
    const backups = (await filesUnder(e2e.home)).filter((f) => f.includes('corrupt'));
    expect(backups).toHaveLength(1);
    const backup = backups[0]!;
    expect(await readFile(backup, 'utf8')).toBe('{ this is not json');

    // Later runs start empty, but they say why.
    const later = await cli(['list']);
    expect(later.code).toBe(0);
    expect(later.stderr).not.toContain('No connections yet');
    expectOneLine(
      later.stderr,
      new RegExp(
        `^Note: an earlier connections\\.json was not valid JSON and was kept aside as ${backup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; the connections in it are not shown here\\.`,
      ),
    );
    const json = await cli(['list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toContain(backup);
    const unknown = await cli(['token', 'soon-corrupt']);
    expect(unknown.code).toBe(2);
    expectOneLine(
      unknown.stderr,
      /^token-desk: There is no connection "soon-corrupt": no connections have been added yet\. .* Note: an earlier connections\.json was not valid JSON and was kept aside as /,
    );
    expect(unknown.stderr).toContain(backup);

    // Repaired and moved back: the note is gone and the connection is back.
    await writeFile(backup, saved);
    await rename(backup, storeFile);
    const repaired = await cli(['list']);
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toBe('');
    expect(repaired.stdout).toMatch(/^soon-corrupt\s/m);
  });

  it('names the vault backup when secrets are missing because vault.json was moved aside', async () => {
    const code = await addSelfClient('vault-lost');
    expect((await cli(['authorize', 'vault-lost', '--code', code])).code).toBe(0);
    await writeFile(join(e2e.home, 'vault.json'), 'not json either');
    const moved = await cli(['token', 'vault-lost']);
    expect(moved.code).toBe(2);
    expectOneLine(
      moved.stderr,
      /^token-desk: The file .*vault\.json was not valid JSON\. It has been kept as .*vault\.corrupt-.*\.json\./,
    );

    // The record still says ready; the token was in the file kept aside. Say so, and where it is.
    const after = await cli(['token', 'vault-lost']);
    expect(after.code).toBe(3);
    expectOneLine(
      after.stderr,
      /^token-desk: Connection "vault-lost" has no refresh token: .*saved token was lost\. .* Note: an earlier vault\.json was not valid JSON and was kept aside as .*vault\.corrupt-.*\.json; the secrets saved in it .* are missing here\. .* Run: token-desk authorize vault-lost --code <grant code>$/,
    );
    const list = await cli(['list']);
    expect(list.stdout).toMatch(/vault-lost\s+\S+\s+self\s+ready/);
    expect(list.stderr).toMatch(
      /^Note: an earlier vault\.json was not valid JSON and was kept aside as /m,
    );
  });

  it('stores secret-holding files with mode 0600', async () => {
    await addSelfClient('modes');
    for (const file of (await filesUnder(e2e.home)).filter((f) => f.endsWith('.json'))) {
      expect(((await stat(file)).mode & 0o777).toString(8), file).toBe('600');
    }
  });
});

describe('OS keyring vault (the CLI default)', () => {
  const available = process.env.TOKEN_DESK_KEYRING_AVAILABLE === '1';
  it.runIf(available || process.env.CI)(
    'keeps the secrets encrypted with a key in the Secret Service',
    async () => {
      expect(available, 'CI must run this through scripts/test.sh (a real gnome-keyring)').toBe(
        true,
      );
      const keyringEnv = cliEnv({ home: e2e.home }); // no passphrase: the keyring cipher
      const run = (args: string[], input?: string) => runCliProcess(args, keyringEnv, input);
      const added = await run(
        [
          'add',
          'keyring-crm',
          '--dc',
          'us',
          '--client-id',
          SELF.clientId,
          '--type',
          'self',
          ...custom(),
        ],
        SELF.clientSecret,
      );
      expect(added.code, added.stderr).toBe(0);
      const { code } = e2e.sim.issueSelfClientCode({
        clientId: SELF.clientId,
        scopes: ['ZohoCRM.org.READ'],
      });
      expect((await run(['authorize', 'keyring-crm', '--code', code])).code).toBe(0);
      const token = await run(['token', 'keyring-crm']);
      expect(token.code, token.stderr).toBe(0);
      const vault = JSON.parse(await readFile(join(e2e.home, 'vault.json'), 'utf8'));
      expect(JSON.stringify(vault.entries)).toMatch(/td1:keyring:/);
      // The same vault with a passphrase instead cannot read what the keyring sealed, and says so.
      const wrongCipher = await cli(['token', 'keyring-crm']);
      expect(wrongCipher.code).toBe(2);
      expect(wrongCipher.stderr).toMatch(/keyring/i);
      // The remedy is the window's too; the command line adds what to change in its environment.
      expect(wrongCipher.stderr).toMatch(/ Use: unset TOKEN_DESK_PASSPHRASE\n$/);
    },
  );
});
