// The simulator remembers every secret it issued or received, so that end-to-end tests can scan
// files for all of them (not only for the ones a test happened to see); and it can hand out Self
// Client codes over HTTP for `npm run simulator`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZohoSimulator, type ZohoSimulator } from '../../support/zoho-simulator.js';

const SELF = { clientId: '1000.SECRETS', clientSecret: 'registered-secret-123' };
let sim: ZohoSimulator;

beforeEach(async () => {
  sim = await startZohoSimulator({ selfClientCodeEndpoint: true });
  sim.registerClient({ ...SELF, type: 'self' });
});
afterEach(async () => {
  await sim.close();
});

const post = (path: string, form: Record<string, string>) =>
  fetch(`${sim.accountsUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  }).then((r) => r.json() as Promise<Record<string, string>>);

describe('simulator: secrets it issued or received', () => {
  it('records client secrets, codes, refresh and access tokens, and whatever secret a client sent', async () => {
    const { code } = sim.issueSelfClientCode({
      clientId: SELF.clientId,
      scopes: ['ZohoCRM.org.READ'],
    });
    const granted = await post('/oauth/v2/token', {
      grant_type: 'authorization_code',
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      code,
    });
    const refreshed = await post('/oauth/v2/token', {
      grant_type: 'refresh_token',
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      refresh_token: granted.refresh_token!,
    });
    // Received but never issued: a wrong secret, an unknown token in a header.
    await post('/oauth/v2/token', {
      grant_type: 'refresh_token',
      client_id: SELF.clientId,
      client_secret: 'typed-wrong-secret',
      refresh_token: 'made-up-refresh-token',
    });
    await fetch(`${sim.apiDomain}/crm/v8/org`, {
      headers: { authorization: 'Zoho-oauthtoken made-up-access-token' },
    });

    expect(sim.secrets).toEqual(
      expect.arrayContaining([
        SELF.clientSecret,
        code,
        granted.access_token,
        granted.refresh_token,
        refreshed.access_token,
        'typed-wrong-secret',
        'made-up-refresh-token',
        'made-up-access-token',
      ]),
    );
    // A snapshot, not a live view.
    const snapshot = sim.secrets;
    sim.issueSelfClientCode({ clientId: SELF.clientId, scopes: ['ZohoCRM.org.READ'] });
    expect(sim.secrets.length).toBe(snapshot.length + 1);
  });
});

describe('simulator: Self Client codes over HTTP (npm run simulator)', () => {
  it('issues a code that exchanges once, and a self_client.json', async () => {
    const query = `client_id=${SELF.clientId}&scope=ZohoCRM.org.READ,AaaServer.profile.READ`;
    const issued = (await (
      await fetch(`${sim.accountsUrl}/simulator/self-client-code?${query}`)
    ).json()) as { code: string; expires_at: string };
    expect(issued.code).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    expect(Date.parse(issued.expires_at)).toBeGreaterThan(Date.now());
    const granted = await post('/oauth/v2/token', {
      grant_type: 'authorization_code',
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      code: issued.code,
    });
    expect(granted.access_token).toBeTruthy();

    const file = await fetch(`${sim.accountsUrl}/simulator/self_client.json?${query}`);
    expect(file.headers.get('content-disposition')).toContain('self_client.json');
    expect(await file.json()).toMatchObject({
      client_id: SELF.clientId,
      client_secret: SELF.clientSecret,
      scope: ['ZohoCRM.org.READ', 'AaaServer.profile.READ'],
      grant_type: 'authorization_code',
    });

    const unknown = await fetch(
      `${sim.accountsUrl}/simulator/self-client-code?client_id=nobody&scope=ZohoCRM.org.READ`,
    );
    expect(unknown.status).toBe(400);
  });

  it('is off unless asked for: the accounts server then answers 404 like any unknown path', async () => {
    const plain = await startZohoSimulator();
    try {
      expect(
        (await fetch(`${plain.accountsUrl}/simulator/self-client-code?client_id=x&scope=a.b.READ`))
          .status,
      ).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
