import { describe, expect, it, vi } from 'vitest';
import { isTokenDeskError } from '../../../main/core/errors.js';
import { createZohoOAuthClient } from '../../../main/core/zoho/oauth-client.js';
import {
  createAuthorizationOpener,
  isAuthorizationUrl,
} from '../../../main/electron/authorization-opener.js';

const SERVERS = ['https://accounts.zoho.eu', 'http://127.0.0.1:4010/zoho/'];

describe('openExternal guard for the sign-in page', () => {
  it('opens the authorization URL the OAuth client built for a known accounts server', async () => {
    const url = createZohoOAuthClient().buildAuthorizationUrl({
      accountsUrl: 'https://accounts.zoho.eu',
      clientId: '1000.ABC',
      scopes: ['ZohoCRM.modules.ALL'],
      redirectUri: 'http://localhost:53682/callback',
      state: 'state-1',
      codeChallenge: 'challenge',
    });
    const openExternal = vi.fn(async () => undefined);
    await createAuthorizationOpener({ openExternal, accountsServers: () => SERVERS }).open(url);
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(url);
  });

  it.each([
    ['https://accounts.zoho.eu/oauth/v2/auth?client_id=x', true],
    ['https://ACCOUNTS.zoho.eu/oauth/v2/auth?client_id=x', true],
    ['http://127.0.0.1:4010/zoho/oauth/v2/auth?client_id=x', true],
    // Another path, another server, a look-alike, a downgrade.
    ['https://accounts.zoho.eu/oauth/v2/token', false],
    ['https://accounts.zoho.eu/oauth/v2/auth/../../signin', false],
    ['https://accounts.zoho.com/oauth/v2/auth?client_id=x', false],
    ['https://accounts.zoho.eu.evil.example/oauth/v2/auth', false],
    ['http://accounts.zoho.eu/oauth/v2/auth', false],
    ['https://user@accounts.zoho.eu/oauth/v2/auth', false],
    ['https://accounts.zoho.eu/oauth/v2/auth#x', false],
    ['http://127.0.0.1:4010/oauth/v2/auth', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-settings:privacy', false],
    ['', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAuthorizationUrl(url, SERVERS)).toBe(allowed);
  });

  it('refuses anything else without calling openExternal', async () => {
    const openExternal = vi.fn(async () => undefined);
    const opener = createAuthorizationOpener({ openExternal, accountsServers: () => SERVERS });
    let code = '';
    await opener
      .open('https://evil.example/oauth/v2/auth')
      .catch((error: unknown) => (code = isTokenDeskError(error) ? error.code : 'untyped'));
    expect(code).toBe('refused_url');
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('reads the servers at each call (a connection added later is known)', async () => {
    const servers: string[] = [];
    const openExternal = vi.fn(async () => undefined);
    const opener = createAuthorizationOpener({ openExternal, accountsServers: () => servers });
    await expect(opener.open('https://accounts.zoho.in/oauth/v2/auth?x=1')).rejects.toThrow();
    servers.push('https://accounts.zoho.in');
    await opener.open('https://accounts.zoho.in/oauth/v2/auth?x=1');
    expect(openExternal).toHaveBeenCalledOnce();
  });
});
