import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import {
  DEFAULT_ACCESS_TOKEN_LIFETIME_MS,
  parseTokenResponse,
} from '../../../../main/core/zoho/token-response.js';
import { splitScopes } from '../../../../main/vocabulary/index.js';

const NOW = 1_700_000_000_000;

describe('parseTokenResponse', () => {
  it('reads a code-exchange answer with expires_in in seconds', () => {
    const tokens = parseTokenResponse(
      {
        access_token: '1000.aaa.bbb',
        refresh_token: '1000.ccc.ddd',
        api_domain: 'https://www.zohoapis.eu',
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'ZohoCRM.modules.ALL,AaaServer.profile.READ',
        id_token: 'eyJ.x.y',
      },
      NOW,
    );
    expect(tokens).toEqual({
      accessToken: '1000.aaa.bbb',
      refreshToken: '1000.ccc.ddd',
      expiresAt: NOW + 3_600_000,
      apiDomain: 'https://www.zohoapis.eu',
      scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.READ'],
      tokenType: 'Bearer',
      idToken: 'eyJ.x.y',
    });
  });

  it('reads the legacy form: expires_in_sec present means expires_in is milliseconds', () => {
    const tokens = parseTokenResponse(
      { access_token: 'a', expires_in_sec: 3600, expires_in: 3_600_000 },
      NOW,
    );
    expect(tokens?.expiresAt).toBe(NOW + 3_600_000);
  });

  it('uses expires_in_sec alone when expires_in is missing in the legacy form', () => {
    expect(parseTokenResponse({ access_token: 'a', expires_in_sec: 120 }, NOW)?.expiresAt).toBe(
      NOW + 120_000,
    );
  });

  it('accepts numbers sent as strings', () => {
    expect(parseTokenResponse({ access_token: 'a', expires_in: '1800' }, NOW)?.expiresAt).toBe(
      NOW + 1_800_000,
    );
  });

  it('assumes Zoho’s one hour when no expiry is given, and Bearer when no type is given', () => {
    const tokens = parseTokenResponse({ access_token: 'a' }, NOW);
    expect(tokens?.expiresAt).toBe(NOW + DEFAULT_ACCESS_TOKEN_LIFETIME_MS);
    expect(tokens?.tokenType).toBe('Bearer');
    expect(tokens?.refreshToken).toBeUndefined();
    expect(tokens?.scopes).toBeUndefined();
  });

  it('is not a success without access_token, even with HTTP-200-style error bodies', () => {
    expect(parseTokenResponse({ error: 'invalid_code' }, NOW)).toBeUndefined();
    expect(parseTokenResponse({ access_token: '' }, NOW)).toBeUndefined();
    expect(parseTokenResponse({ access_token: 42 }, NOW)).toBeUndefined();
    expect(parseTokenResponse('not an object', NOW)).toBeUndefined();
    expect(parseTokenResponse(null, NOW)).toBeUndefined();
    expect(parseTokenResponse(undefined, NOW)).toBeUndefined();
  });

  it('refuses an answer with a token but an unreadable expiry, naming the field', () => {
    let caught: unknown;
    try {
      parseTokenResponse({ access_token: 'secret-token-value', expires_in: 'soon' }, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TokenDeskError);
    expect((caught as TokenDeskError).code).toBe('unexpected_token_response');
    expect((caught as TokenDeskError).message).toContain('expires_in');
    expect((caught as TokenDeskError).message).not.toContain('secret-token-value');
  });

  it('drops an api_domain that is not a URL and trims a trailing slash', () => {
    expect(
      parseTokenResponse({ access_token: 'a', api_domain: 'not a url' }, NOW)?.apiDomain,
    ).toBeUndefined();
    expect(
      parseTokenResponse({ access_token: 'a', api_domain: 'https://www.zohoapis.com/' }, NOW)
        ?.apiDomain,
    ).toBe('https://www.zohoapis.com');
  });

  it('splits scopes given with spaces (standard servers), commas (Zoho) or as an array', () => {
    expect(
      parseTokenResponse({ access_token: 'a', scope: 'openid offline_access' }, NOW)?.scopes,
    ).toEqual(['openid', 'offline_access']);
    expect(splitScopes('A.b.READ, C.d.ALL')).toEqual(['A.b.READ', 'C.d.ALL']);
    expect(splitScopes(['A.b.READ', 'C.d.ALL D.e.READ'])).toEqual([
      'A.b.READ',
      'C.d.ALL',
      'D.e.READ',
    ]);
    expect(splitScopes('')).toEqual([]);
  });
});
