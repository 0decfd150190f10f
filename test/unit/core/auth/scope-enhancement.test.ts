import { afterEach, describe, expect, it } from 'vitest';
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
} from '../../../../main/core/auth/loopback-receiver.js';
import {
  ScopeEnhancementRefused,
  runScopeEnhancement,
} from '../../../../main/core/auth/scope-enhancement.js';
import { TokenDeskError } from '../../../../main/core/errors.js';
import {
  createZohoOAuthClient,
  type ZohoOAuthClient,
} from '../../../../main/core/zoho/oauth-client.js';
import { nodeLoopbackListener } from '../../../../main/platform/node/loopback-listener.js';
import { rejection } from '../../../support/typed-errors.js';

const STATE = 'expected-state-0123456789';
const receivers: LoopbackReceiver[] = [];

afterEach(async () => {
  for (const receiver of receivers.splice(0)) {
    receiver.cancel();
    await receiver.result.catch(() => undefined);
  }
});

async function enhancementReceiver(): Promise<LoopbackReceiver> {
  const receiver = await startLoopbackReceiver(nodeLoopbackListener, {
    redirectUri: 'http://127.0.0.1:0/callback',
    expectedState: STATE,
    expect: 'scope-enhancement',
  });
  receivers.push(receiver);
  return receiver;
}

describe('loopback receiver, scope-enhancement return', () => {
  it('accepts a return without state or code and reports its status', async () => {
    const receiver = await enhancementReceiver();
    const page = await fetch(`${receiver.redirectUri}?status=success`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/close this tab/);
    await expect(receiver.result).resolves.toMatchObject({ code: '', status: 'success' });
  });

  it('ignores a wrong state (keeps waiting), and reports a Reject as access_denied', async () => {
    const receiver = await enhancementReceiver();
    expect((await fetch(`${receiver.redirectUri}?status=success&state=forged`)).status).toBe(404);
    await fetch(`${receiver.redirectUri}?error=access_denied`);
    expect((await rejection(receiver.result)).code).toBe('access_denied');
  });

  it('a code sign-in still needs its state', async () => {
    const receiver = await startLoopbackReceiver(nodeLoopbackListener, {
      redirectUri: 'http://127.0.0.1:0/callback',
      expectedState: STATE,
    });
    receivers.push(receiver);
    expect((await fetch(`${receiver.redirectUri}?code=1000.a.b`)).status).toBe(404);
  });
});

describe('runScopeEnhancement', () => {
  function oauthAnswering(answer: () => Promise<Response>): ZohoOAuthClient {
    return createZohoOAuthClient({ fetch: answer, retries: 0 });
  }
  const base = {
    openBrowser: false,
    connection: {
      accountsUrl: 'https://accounts.zoho.eu',
      clientId: '1000.X',
      redirectUri: 'http://127.0.0.1:0/callback',
    },
    clientSecret: 'client-secret-value',
    refreshToken: '1000.refresh.value',
    extraScopes: ['ZohoCRM.org.READ'],
    loopback: nodeLoopbackListener,
  };

  it('a refused enhancement token becomes ScopeEnhancementRefused (fall back), naming the error', async () => {
    const oauth = oauthAnswering(
      async () => new Response(JSON.stringify({ error: 'unauthorized_client' }), { status: 200 }),
    );
    const error = await runScopeEnhancement({
      ...base,
      oauth,
      onAuthorizationUrl: () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScopeEnhancementRefused);
    expect((error as ScopeEnhancementRefused).reason).toBe(
      'Zoho would not extend the existing grant (unauthorized_client)',
    );
    expect(String((error as Error).message)).not.toContain('client-secret-value');
  });

  it('a network failure is not a refusal: no fallback', async () => {
    const oauth = oauthAnswering(async () => {
      throw new TypeError('fetch failed');
    });
    const error = await runScopeEnhancement({
      ...base,
      oauth,
      onAuthorizationUrl: () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenDeskError);
    expect((error as TokenDeskError).category).toBe('network');
  });

  it('builds the addextrascope URL with only the new scopes, then accepts status=success', async () => {
    const oauth = oauthAnswering(
      async () =>
        new Response(JSON.stringify({ access_token: '1000.enhance.token', expires_in: 300 }), {
          status: 200,
        }),
    );
    const steps: string[] = [];
    await runScopeEnhancement({
      ...base,
      oauth,
      onProgress: (p) => steps.push(p.step),
      onAuthorizationUrl: (url) => {
        const parsed = new URL(url);
        expect(parsed.pathname).toBe('/oauth/v2/token/addextrascope');
        expect(Object.fromEntries(parsed.searchParams)).toMatchObject({
          response_type: 'update_scopes',
          client_id: '1000.X',
          scope: 'ZohoCRM.org.READ',
          enhance_token: '1000.enhance.token',
        });
        const redirect = parsed.searchParams.get('redirect_uri')!;
        void fetch(`${redirect}?status=success`);
      },
    });
    expect(steps).toEqual(['scope-enhancement', 'listening', 'sign-in']);
  });
});
