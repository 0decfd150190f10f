// The request runner end to end with a recording fetch: which host a product path goes to, what
// it carries (token, organization context), and that a path several products share is refused
// before anything is sent.

import { describe, expect, it } from 'vitest';
import { createRequestRunner } from '../../../../main/core/requests/request-runner.js';
import { isTokenDeskError } from '../../../../main/core/errors.js';
import type { TokenManager } from '../../../../main/core/tokens/token-manager.js';
import type { Connection } from '../../../../main/core/store/connection.js';
import { FakeClock, InMemoryConnectionStore, T0, makeConnection } from '../../../support/fakes.js';

const ACCESS_TOKEN = '1000.aaaabbbbccccdddd.eeeeffff00001111';

function setup(connection: Connection) {
  const sent: Array<{ url: string; method: string; headers: Headers }> = [];
  const fetch = async (input: string | URL, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
    });
    return new Response('{"data":[]}', { status: 200, statusText: 'OK' });
  };
  const result = {
    accessToken: ACCESS_TOKEN,
    expiresAt: T0 + 3600_000,
    apiDomain: connection.apiDomain,
    connection,
    refreshed: false,
  };
  const tokens = {
    getAccessToken: async () => result,
    refresh: async () => ({ ...result, refreshed: true }),
  } as unknown as TokenManager;
  const runner = createRequestRunner({
    store: new InMemoryConnectionStore([connection]),
    tokens,
    fetch,
    clock: new FakeClock(),
  });
  return { runner, sent };
}

const euDesk = makeConnection({
  name: 'acme-desk',
  dc: 'eu',
  accountsUrl: 'https://accounts.zoho.eu',
  apiDomain: 'https://www.zohoapis.eu',
  scopes: ['Desk.tickets.READ', 'Desk.basic.READ'],
});

describe('request runner', () => {
  it('sends a Desk path to desk.zoho.eu for an EU connection, with the orgId header and the token', async () => {
    const { runner, sent } = setup(euDesk);
    const response = await runner.run('acme-desk', {
      method: 'GET',
      pathOrUrl: '/api/v1/tickets?limit=5',
      product: 'desk',
      orgId: '20071234',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://desk.zoho.eu/api/v1/tickets?limit=5');
    expect(sent[0]!.headers.get('orgId')).toBe('20071234');
    expect(sent[0]!.headers.get('Authorization')).toBe(`Zoho-oauthtoken ${ACCESS_TOKEN}`);
    expect(response).toMatchObject({ status: 200, product: 'desk', orgContextApplied: true });
  });

  it('refuses a path Desk and Sign share when no product is named, before sending anything', async () => {
    const { runner, sent } = setup(euDesk);
    const error = await runner
      .run('acme-desk', { method: 'GET', pathOrUrl: '/api/v1/tickets', orgId: '20071234' })
      .catch((caught: unknown) => caught);
    expect(isTokenDeskError(error) && error.code).toBe('ambiguous_product');
    expect(isTokenDeskError(error) && error.category).toBe('input');
    expect((error as Error).message).toMatch(/Zoho Desk or Zoho Sign/);
    expect(isTokenDeskError(error) && error.cliHint).toMatch(/--product desk or --product sign/);
    expect(isTokenDeskError(error) && error.remedy).toBe(
      'Say which product you mean: choose Zoho Desk or Zoho Sign as the product.',
    );
    expect(sent).toEqual([]);
  });

  it('sends a Sign path to sign.zoho.eu when the request names Sign', async () => {
    const { runner, sent } = setup(euDesk);
    await runner.run('acme-desk', {
      method: 'GET',
      pathOrUrl: '/api/v1/requests',
      product: 'sign',
    });
    expect(sent[0]!.url).toBe('https://sign.zoho.eu/api/v1/requests');
    expect(sent[0]!.headers.has('orgId')).toBe(false);
  });
});
