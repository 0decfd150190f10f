// The token-desk CLI driven as a user would, as a real process, against the Zoho simulator:
// Self Client, self_client.json import, the server-based loopback flow, requests, export,
// refresh, revoke, and the errors a user meets on the way. Afterwards no secret may be found in
// any file under the home folder.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZohoSimulator, type ZohoSimulator } from '../support/zoho-simulator.js';
import { cliEnv, finished, runCliProcess, startCli, waitForStderr } from '../support/cli-runner.js';
import { freePort } from '../support/free-port.js';

const PASSPHRASE = 'correct horse battery staple';
const SELF = { clientId: '1000.SELFCLIENT', clientSecret: 'self-secret-5f1e2d' };
const SERVER = { clientId: '1000.SERVERCLIENT', clientSecret: 'server-secret-9a8b7c' };

let sim: ZohoSimulator;
let home: string;
const seenSecrets = new Set<string>();

const env = () => cliEnv({ home, passphrase: PASSPHRASE });
const cli = (args: string[], input?: string) => runCliProcess(args, env(), input);
const custom = () => ['--accounts-url', sim.accountsUrl, '--api-domain', sim.apiDomain];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function addSelfClient(name: string, scopes = ['ZohoCRM.org.READ', 'AaaServer.profile.READ']) {
  const added = await cli(['add', name, '--dc', 'us', '--client-id', SELF.clientId, '--type', 'self', ...custom()], SELF.clientSecret + '\n');
  expect(added.stderr).toContain(`Added ${name}`);
  expect(added.code).toBe(0);
  const { code } = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes });
  seenSecrets.add(code);
  return code;
}

beforeAll(async () => {
  sim = await startZohoSimulator();
  sim.registerClient({ ...SELF, type: 'self' });
  seenSecrets.add(SELF.clientSecret).add(SERVER.clientSecret);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'td-cli-'));
  return async () => {
    // Secrets never reach a file in plaintext, whatever the test did.
    for (const file of await filesUnder(home)) {
      const text = await readFile(file, 'utf8');
      for (const secret of seenSecrets) expect(text, `${file} holds a secret`).not.toContain(secret);
    }
    await rm(home, { recursive: true, force: true });
  };
});

async function rememberTokens() {
  // Collect every token the simulator issued so the file scan covers them.
  for (const request of sim.requests) {
    for (const key of ['code', 'refresh_token', 'client_secret', 'token', 'code_verifier']) {
      const value = request.form[key];
      if (value) seenSecrets.add(value);
    }
  }
}

describe('Self Client', () => {
  it('adds, authorizes, prints a token, calls an API, lists and exports without leaking secrets', async () => {
    const code = await addSelfClient('acme-crm');
    const authorized = await cli(['authorize', 'acme-crm', '--code', code]);
    expect(authorized.code, authorized.stderr).toBe(0);
    expect(authorized.stderr).toMatch(/Authorized acme-crm \(US\) as .+@.+; access token valid in (59|60) min/);

    const token = await cli(['token', 'acme-crm']);
    expect(token.code, token.stderr).toBe(0);
    const accessToken = token.stdout.trim();
    expect(accessToken).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    seenSecrets.add(accessToken);

    const header = await cli(['token', 'acme-crm', '--format', 'header']);
    expect(header.stdout.trim()).toBe(`Authorization: Zoho-oauthtoken ${accessToken}`);
    const json = JSON.parse((await cli(['token', 'acme-crm', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ access_token: accessToken, token_type: 'Zoho-oauthtoken', api_domain: sim.apiDomain });
    expect(json.expires_in).toBeGreaterThan(3000);
    expect(sim.stats.tokenCalls.refresh_token).toBe(0);

    const org = await cli(['request', 'acme-crm', 'GET', '/crm/v8/org']);
    expect(org.code, org.stderr).toBe(0);
    expect(org.stderr).toMatch(/^200 OK \(\d+ ms, \d+ B\)/m);
    expect(JSON.parse(org.stdout)).toHaveProperty('org');

    const list = await cli(['list', '--json']);
    const [entry] = JSON.parse(list.stdout);
    expect(entry).toMatchObject({ name: 'acme-crm', type: 'self', status: 'ready', client_id: SELF.clientId });
    expect(entry.user.email).toBeTruthy();
    const human = await cli(['list']);
    expect(human.stdout).toMatch(/acme-crm\s+(US|CUSTOM)\s+self\s+ready/);
    for (const output of [list.stdout, human.stdout, authorized.stderr]) {
      for (const secret of [SELF.clientSecret, accessToken]) expect(output).not.toContain(secret);
    }

    const plain = await cli(['export', 'acme-crm', '--format', 'env']);
    expect(plain.stdout).toContain(`ZOHO_CLIENT_ID=${SELF.clientId}`);
    expect(plain.stdout).not.toContain(SELF.clientSecret);
    const withSecrets = await cli(['export', 'acme-crm', '--format', 'postman', '--include-secrets']);
    const postman = JSON.parse(withSecrets.stdout);
    expect(postman.values).toContainEqual(expect.objectContaining({ key: 'zoho_client_secret', value: SELF.clientSecret, type: 'secret' }));
    await rememberTokens();
  });

  /** Authorizes with an access token that has only two minutes left, as after an hour of use. */
  async function authorizeNearlyExpired(name: string, code: string) {
    sim.setAccessTokenTtl(120);
    try {
      const result = await cli(['authorize', name, '--code', code]);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      sim.setAccessTokenTtl(3600);
    }
  }

  it('refreshes once when the token is about to expire, and needs re-authorization after revoke', async () => {
    const code = await addSelfClient('refresh-me');
    await authorizeNearlyExpired('refresh-me', code);
    const before = sim.stats.tokenCalls.refresh_token;
    const forced = await cli(['token', 'refresh-me']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(sim.stats.tokenCalls.refresh_token).toBe(before + 1);
    seenSecrets.add(forced.stdout.trim());
    const cached = await cli(['token', 'refresh-me']);
    expect(cached.stdout).toBe(forced.stdout);
    expect(sim.stats.tokenCalls.refresh_token).toBe(before + 1);

    const revoked = await cli(['revoke', 'refresh-me']);
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = await cli(['token', 'refresh-me']);
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/^token-desk: .*authorize/m);
    await rememberTokens();
  });

  it('20 processes asking at once for an expiring token cause one refresh', async () => {
    const code = await addSelfClient('busy');
    await authorizeNearlyExpired('busy', code);
    const before = sim.stats.tokenCalls.refresh_token;
    const results = await Promise.all(Array.from({ length: 20 }, () => cli(['token', 'busy'])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(sim.stats.tokenCalls.refresh_token).toBe(before + 1);
    seenSecrets.add(results[0]!.stdout.trim());
    await rememberTokens();
  });

  it('says when a grant code was already used, and when the secret is wrong', async () => {
    const code = await addSelfClient('used-code');
    expect((await cli(['authorize', 'used-code', '--code', code])).code).toBe(0);
    const again = await cli(['authorize', 'used-code', '--code', code]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/code/i);
    expect(again.stderr.trim().split('\n')).toHaveLength(2); // progress line + one error line

    await cli(['add', 'bad-secret', '--dc', 'us', '--client-id', SELF.clientId, '--type', 'self', ...custom()], 'not-the-secret\n');
    const fresh = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['ZohoCRM.org.READ'] }).code;
    const wrong = await cli(['authorize', 'bad-secret', '--code', fresh]);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/secret/i);
    expect(wrong.stderr).not.toContain('not-the-secret');
    await rememberTokens();
  });
});

describe('self_client.json import', () => {
  it('imports a fresh file, and refuses an expired one before any call', async () => {
    const issued = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['ZohoCRM.org.READ'] });
    seenSecrets.add(issued.code);
    const file = join(home, '..', `self_client-${Date.now()}.json`);
    await writeFile(file, JSON.stringify(issued.selfClientJson));
    const imported = await cli(['import', 'from-file', '--self-client', file, ...custom()]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Imported and authorized from-file/);
    expect(imported.stderr).toContain('Scopes: ZohoCRM.org.READ');
    expect((await cli(['token', 'from-file'])).code).toBe(0);

    const expired = { ...issued.selfClientJson, expiry_time: Date.now() - 4 * 60_000 };
    await writeFile(file, JSON.stringify(expired));
    const calls = sim.stats.tokenCalls.total;
    const refused = await cli(['import', 'too-late', '--self-client', file, ...custom()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/expired 4 min(ute)?s? ago/);
    expect(sim.stats.tokenCalls.total).toBe(calls);
    expect((await cli(['list', '--json'])).stdout).not.toContain('too-late');

    await writeFile(file, '{"client_id": ');
    const malformed = await cli(['import', 'broken', '--self-client', file, ...custom()]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/self_client\.json|JSON/);
    await rm(file);
    await rememberTokens();
  });
});

describe('server-based client', () => {
  async function addServer(name: string) {
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/callback`;
    sim.registerClient({ ...SERVER, type: 'server', redirectUris: [redirectUri] });
    const added = await cli(['add', name, '--dc', 'us', '--client-id', SERVER.clientId, '--type', 'server', '--scopes', 'ZohoCRM.modules.leads.READ,AaaServer.profile.READ', '--redirect-uri', redirectUri, ...custom()], SERVER.clientSecret);
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
    expect(auth.searchParams.get('scope')).toBe('ZohoCRM.modules.leads.READ,AaaServer.profile.READ');
    const location = await sim.consent(url, 'accept');
    const page = await fetch(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/close this tab/i);
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Authorized acme-server/);
    const leads = await cli(['request', 'acme-server', 'GET', '/crm/v8/Leads?fields=Last_Name,Email']);
    expect(leads.code, leads.stderr).toBe(0);
    const org = await cli(['request', 'acme-server', 'GET', '/crm/v8/org']);
    expect(org.code).toBe(4);
    expect(org.stdout).toContain('OAUTH_SCOPE_MISMATCH');
    expect(org.stderr).toContain('it needs ZohoCRM.org.READ');
    expect(org.stderr).toContain('token-desk authorize acme-server --add-scopes ZohoCRM.org.READ');

    // Following the hint: consent again with the scope added, then the call works.
    const again = startCli(['authorize', 'acme-server', '--no-open', '--add-scopes', 'ZohoCRM.org.READ', '--timeout', '60'], env());
    const reauthorized = finished(again);
    const [secondUrl] = await waitForStderr(again, /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/auth\?\S+/);
    expect(new URL(secondUrl).searchParams.get('scope')).toBe('ZohoCRM.modules.leads.READ,AaaServer.profile.READ,ZohoCRM.org.READ');
    await fetch(await sim.consent(secondUrl, 'accept'));
    expect((await reauthorized).code).toBe(0);
    const retried = await cli(['request', 'acme-server', 'GET', '/crm/v8/org']);
    expect(retried.code, retried.stderr).toBe(0);
    await rememberTokens();
  });

  it('reports a clear error when the user presses Reject', async () => {
    await addServer('rejected');
    const child = startCli(['authorize', 'rejected', '--no-open', '--timeout', '60'], env());
    const done = finished(child);
    const [url] = await waitForStderr(child, /http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/auth\?\S+/);
    await fetch(await sim.consent(url, 'reject'));
    const result = await done;
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/declined|reject/i);
    expect(JSON.parse((await cli(['list', '--json'])).stdout)[0].status).toBe('new');
  });
});

describe('bad input', () => {
  const cases: Array<[string, string[]]> = [
    ['no command', []],
    ['unknown command', ['frobnicate']],
    ['add without a name', ['add']],
    ['add without a client id', ['add', 'x', '--dc', 'us', '--type', 'self']],
    ['add with an unknown data centre', ['add', 'x', '--dc', 'mars', '--client-id', 'c', '--type', 'self']],
    ['add with a bad type', ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'mobile']],
    ['add a server client without scopes', ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'server']],
    ['add with a 127.0.0.1-less redirect', ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'server', '--scopes', 'ZohoCRM.org.READ', '--redirect-uri', 'https://example.com/cb']],
    ['add with a bad scope', ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'self', '--scopes', 'not a scope!']],
    ['add with an http custom server', ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'self', '--accounts-url', 'http://example.com', '--api-domain', 'http://example.com']],
    ['add with half a custom server', ['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'self', '--accounts-url', 'https://example.com']],
    ['authorize an unknown connection', ['authorize', 'nobody', '--code', 'x']],
    ['token for an unknown connection', ['token', 'nobody']],
    ['token with a bad format', ['token', 'nobody', '--format', 'xml']],
    ['token with a bad --min-valid', ['token', 'nobody', '--min-valid', 'soon']],
    ['refresh an unknown connection', ['refresh', 'nobody']],
    ['revoke an unknown connection', ['revoke', 'nobody']],
    ['remove an unknown connection', ['remove', 'nobody']],
    ['request without a path', ['request', 'nobody', 'GET']],
    ['request with a bad method', ['request', 'nobody', 'FETCH', '/x']],
    ['request with bad JSON', ['request', 'nobody', 'POST', '/x', '--data', '{oops']],
    ['request with a bad header', ['request', 'nobody', 'GET', '/x', '--header', 'no-colon']],
    ['export with a bad format', ['export', 'nobody', '--format', 'csv']],
    ['import a missing file', ['import', 'x', '--self-client', '/nonexistent/self_client.json', '--dc', 'us']],
  ];
  it.each(cases)('%s: exit 2 and one line naming cause and remedy', async (_label, args) => {
    const result = await cli(args, 'secret\n');
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).not.toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe(args.length === 0 ? result.stdout : '');
  });

  it('add with an empty secret on stdin is refused and stores nothing', async () => {
    const result = await cli(['add', 'x', '--dc', 'us', '--client-id', 'c', '--type', 'self'], '\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/secret/i);
    expect(JSON.parse((await cli(['list', '--json'])).stdout)).toEqual([]);
  });

  it('request: a path Desk and Sign share needs --product; with it, the request goes out with the orgId header', async () => {
    const code = await addSelfClient('shared-path');
    expect((await cli(['authorize', 'shared-path', '--code', code])).code).toBe(0);
    const before = sim.requests.length;
    const ambiguous = await cli(['request', 'shared-path', 'GET', '/api/v1/tickets', '--org-id', '2007']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/Zoho Desk or Zoho Sign/);
    expect(ambiguous.stderr).toMatch(/--product desk or --product sign/);
    expect(sim.requests.length).toBe(before);

    const unknown = await cli(['request', 'shared-path', 'GET', '/api/v1/tickets', '--product', 'zendesk']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"zendesk" is not a product/);

    const desk = await cli(['request', 'shared-path', 'GET', '/api/v1/tickets', '--product', 'desk', '--org-id', '2007']);
    const sent = sim.requests.slice(before).find((r) => r.path === '/api/v1/tickets');
    expect(sent, desk.stderr).toBeDefined();
    expect(sent!.headers.orgid).toBe('2007');
    await rememberTokens();
  });

  it('refuses a request to a non-Zoho host so the token cannot leak', async () => {
    const code = await addSelfClient('leak-check');
    expect((await cli(['authorize', 'leak-check', '--code', code])).code).toBe(0);
    const result = await cli(['request', 'leak-check', 'GET', 'https://evil.example/steal']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/only to Zoho/);
    await rememberTokens();
  });

  it('keeps a store file that is not JSON aside and says where', async () => {
    await addSelfClient('soon-corrupt');
    const storeFile = (await filesUnder(home)).find((f) => /connections\.json$/.test(f))!;
    await writeFile(storeFile, '{ this is not json');
    const result = await cli(['list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/corrupt/i);
    const backups = (await filesUnder(home)).filter((f) => f.includes('corrupt'));
    expect(backups).toHaveLength(1);
    expect(await readFile(backups[0]!, 'utf8')).toBe('{ this is not json');
  });

  it('stores secret-holding files with mode 0600', async () => {
    await addSelfClient('modes');
    for (const file of (await filesUnder(home)).filter((f) => f.endsWith('.json'))) {
      expect(((await stat(file)).mode & 0o777).toString(8), file).toBe('600');
    }
  });
});

describe('OS keyring vault (the CLI default)', () => {
  const available = process.env.TOKEN_DESK_KEYRING_AVAILABLE === '1';
  it.runIf(available || process.env.CI)('keeps the secrets encrypted with a key in the Secret Service', async () => {
    expect(available, 'CI must run this through scripts/test.sh (a real gnome-keyring)').toBe(true);
    const keyringEnv = cliEnv({ home }); // no passphrase: the keyring cipher
    const run = (args: string[], input?: string) => runCliProcess(args, keyringEnv, input);
    const added = await run(['add', 'keyring-crm', '--dc', 'us', '--client-id', SELF.clientId, '--type', 'self', ...custom()], SELF.clientSecret);
    expect(added.code, added.stderr).toBe(0);
    const { code } = sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['ZohoCRM.org.READ'] });
    seenSecrets.add(code);
    expect((await run(['authorize', 'keyring-crm', '--code', code])).code).toBe(0);
    const token = await run(['token', 'keyring-crm']);
    expect(token.code, token.stderr).toBe(0);
    seenSecrets.add(token.stdout.trim());
    const vault = JSON.parse(await readFile(join(home, 'vault.json'), 'utf8'));
    expect(JSON.stringify(vault.entries)).toMatch(/td1:keyring:/);
    // The same vault with a passphrase instead cannot read what the keyring sealed, and says so.
    const wrongCipher = await cli(['token', 'keyring-crm']);
    expect(wrongCipher.code).toBe(2);
    expect(wrongCipher.stderr).toMatch(/keyring/i);
    await rememberTokens();
  });
});
