import { describe, expect, it } from 'vitest';
import { createNetFetch, type NetRequestInit } from '../../../main/electron/net-fetch.js';

describe('FetchPort over net.fetch', () => {
  it('passes the request through with no cookies and no HTTP cache', async () => {
    const calls: Array<{ input: string; init?: NetRequestInit }> = [];
    const fetch = createNetFetch({
      fetch: async (input, init) => {
        calls.push({ input, init });
        return new Response('{"ok":true}', { status: 200 });
      },
    });
    const controller = new AbortController();
    const response = await fetch(new URL('https://accounts.zoho.eu/oauth/v2/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token',
      signal: controller.signal,
      credentials: 'include',
    });
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toEqual([
      {
        input: 'https://accounts.zoho.eu/oauth/v2/token',
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=refresh_token',
          signal: controller.signal,
          credentials: 'omit',
          cache: 'no-store',
        },
      },
    ]);
  });

  it('works without init', async () => {
    let seen: NetRequestInit | undefined;
    await createNetFetch({ fetch: async (_input, init) => ((seen = init), new Response('')) })(
      'https://www.zohoapis.eu/crm/v8/users',
    );
    expect(seen).toEqual({ credentials: 'omit', cache: 'no-store' });
  });
});
