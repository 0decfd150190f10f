import { describe, expect, it } from 'vitest';
import type { ErrorCategory } from '../../../../main/core/errors.js';
import {
  THROTTLE_WINDOW_MS,
  isThrottleAnswer,
  zohoErrorFromResponse,
  type ZohoErrorContext,
  type ZohoErrorInput,
} from '../../../../main/core/zoho/zoho-errors.js';

const NOW = 1_700_000_000_000;
const SECRET = 'f00dfacecafe1234567890abcdef';

function map(body: unknown, overrides: Partial<ZohoErrorInput> = {}) {
  return zohoErrorFromResponse({
    context: 'exchange',
    status: 200,
    text: typeof body === 'string' ? body : JSON.stringify(body),
    host: 'accounts.zoho.eu',
    now: NOW,
    secrets: [SECRET],
    ...overrides,
  });
}

const TABLE: Array<{
  error: string;
  context: ZohoErrorContext;
  code: string;
  category: ErrorCategory;
  says: RegExp;
}> = [
  {
    error: 'invalid_code',
    context: 'exchange',
    code: 'invalid_code',
    category: 'auth',
    says: /expired or was already used/,
  },
  {
    error: 'invalid_code',
    context: 'refresh',
    code: 'invalid_code',
    category: 'auth',
    says: /refresh token: it was revoked/,
  },
  {
    error: 'invalid_grant',
    context: 'exchange',
    code: 'invalid_code',
    category: 'auth',
    says: /expired or was already used/,
  },
  {
    error: 'invalid_grant',
    context: 'refresh',
    code: 'invalid_code',
    category: 'auth',
    says: /refresh token/,
  },
  {
    error: 'invalid_client',
    context: 'exchange',
    code: 'invalid_client',
    category: 'refused',
    says: /another data centre/,
  },
  {
    error: 'invalid_client',
    context: 'refresh',
    code: 'invalid_client',
    category: 'refused',
    says: /does not know this client ID/,
  },
  {
    error: 'invalid_client_secret',
    context: 'refresh',
    code: 'invalid_client_secret',
    category: 'refused',
    says: /client secret/,
  },
  {
    error: 'invalid_redirect_uri',
    context: 'exchange',
    code: 'invalid_redirect_uri',
    category: 'refused',
    says: /does not match/,
  },
  {
    error: 'access_denied',
    context: 'exchange',
    code: 'access_denied',
    category: 'refused',
    says: /too many grant codes|declined/,
  },
  // Zoho refusing (exit 4), not a typo of the user's (exit 2).
  {
    error: 'missing_org_info',
    context: 'exchange',
    code: 'missing_org_info',
    category: 'refused',
    says: /organization/,
  },
  {
    error: 'invalid_scope',
    context: 'exchange',
    code: 'invalid_scope',
    category: 'refused',
    says: /scopes/,
  },
  {
    error: 'unsupported_grant_type',
    context: 'refresh',
    code: 'unsupported_grant_type',
    category: 'refused',
    says: /does not accept/,
  },
  {
    error: 'unauthorized_client',
    context: 'exchange',
    code: 'unauthorized_client',
    category: 'refused',
    says: /not allowed/,
  },
];

describe('zohoErrorFromResponse: the error table', () => {
  for (const row of TABLE) {
    for (const status of [200, 400]) {
      it(`${row.error} (${row.context}, HTTP ${status}) -> ${row.code}`, () => {
        const error = map({ error: row.error }, { context: row.context, status });
        expect(error.code).toBe(row.code);
        expect(error.category).toBe(row.category);
        expect(error.message).toMatch(row.says);
        expect(error.remedy.length).toBeGreaterThan(10);
      });
    }
  }

  it('tells a dead grant code from a dead refresh token', () => {
    const exchange = map({ error: 'invalid_code' }, { context: 'exchange' });
    const refresh = map({ error: 'invalid_code' }, { context: 'refresh' });
    expect(exchange.remedy).toMatch(/new code/);
    expect(exchange.message).toMatch(/3 to 10 minutes/);
    expect(refresh.remedy).toMatch(/Authorize this connection again/);
  });

  it('shows the redirect URI we sent when Zoho says it does not match', () => {
    const error = map(
      { error: 'invalid_redirect_uri' },
      { redirectUri: 'http://localhost:53134/callback' },
    );
    expect(error.message).toContain('http://localhost:53134/callback');
    expect(error.remedy).toContain('http://localhost:53134/callback');
    expect(error.details.redirectUri).toBe('http://localhost:53134/callback');
  });

  it('gives the grant-code throttle (access_denied at the token endpoint) a retry time', () => {
    expect(map({ error: 'access_denied' }, { context: 'exchange' }).details.retryAt).toBe(
      NOW + THROTTLE_WINDOW_MS,
    );
  });

  it('treats access_denied on a refresh as the refresh throttle, not as a grant-code problem', () => {
    for (const status of [200, 400]) {
      const error = map({ error: 'access_denied' }, { context: 'refresh', status });
      expect(error.code).toBe('throttled');
      expect(error.category).toBe('refused');
      expect(error.details.retryAt).toBe(NOW + THROTTLE_WINDOW_MS);
      expect(error.message).toMatch(/more than 10 access tokens/);
      expect(error.message + error.remedy).not.toMatch(/grant code/);
    }
  });

  it('says how to name the organization on missing_org_info', () => {
    const error = map({ error: 'missing_org_info' }, { context: 'exchange' });
    expect(error.message).toMatch(/^Zoho refused/);
    expect(error.remedy).toMatch(/pick the organization/);
    expect(error.remedy).toMatch(/soid=<Service>\.<organization ID>/);
  });
});

describe('zohoErrorFromResponse: the throttle', () => {
  const english = {
    error: 'Access Denied',
    error_description:
      'You have made too many requests continuously. Please try again after some time.',
    status: 'failure',
  };
  const chinese = {
    error: '拒绝访问',
    error_description: '您连续发出的请求过多。请稍后再试。',
    status: 'failure',
  };

  for (const [label, body] of [
    ['English', english],
    ['localized', chinese],
  ] as const) {
    for (const status of [200, 400]) {
      it(`recognises the ${label} throttle with HTTP ${status}`, () => {
        const error = map(body, { context: 'refresh', status });
        expect(error.code).toBe('throttled');
        expect(error.category).toBe('refused');
        expect(error.details.retryAt).toBe(NOW + THROTTLE_WINDOW_MS);
        expect(error.remedy).toMatch(/Wait 10 minutes/);
        expect(error.details.zohoDescription).toBe(body.error_description);
      });
    }
  }

  it('recognises "Access Denied" without a status field', () => {
    expect(map({ error: 'Access Denied' }).code).toBe('throttled');
  });

  it('does not take a known error with status failure for the throttle', () => {
    expect(map({ error: 'invalid_code', status: 'failure', error_description: 'x' }).code).toBe(
      'invalid_code',
    );
  });

  it('isThrottleAnswer matches the shape, not the words', () => {
    expect(isThrottleAnswer(chinese)).toBe(true);
    expect(isThrottleAnswer({ status: 'failure' })).toBe(false);
    expect(isThrottleAnswer({ error: 'invalid_client' })).toBe(false);
    expect(isThrottleAnswer('Access Denied')).toBe(false);
  });
});

describe('zohoErrorFromResponse: other answers', () => {
  it('surfaces an unknown error verbatim', () => {
    const error = map({
      error: 'brand_new_error',
      error_description: 'Something Zoho added later',
    });
    expect(error.code).toBe('zoho_error');
    expect(error.category).toBe('refused');
    expect(error.message).toContain('"brand_new_error"');
    expect(error.message).toContain('Something Zoho added later');
  });

  it('does not treat inherited property names as known errors', () => {
    expect(map({ error: 'constructor' }).code).toBe('zoho_error');
    expect(map({ error: 'toString' }).code).toBe('zoho_error');
  });

  it('masks a secret the server echoes back, and bounds the echoed text', () => {
    const error = map({
      error: 'weird',
      error_description: `bad client_secret ${SECRET} ${'x'.repeat(500)}`,
    });
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('***');
    expect(error.message.length).toBeLessThan(400);
  });

  it('turns an HTML error page into a network-category error', () => {
    for (const status of [200, 403, 404]) {
      const error = map('<html><body>Service unavailable</body></html>', { status });
      expect(error.code).toBe('unexpected_response');
      expect(error.category).toBe('network');
      expect(error.message).toContain('accounts.zoho.eu');
    }
  });

  it('turns 5xx into a network-category server error, JSON or not', () => {
    for (const body of ['<html>Bad gateway</html>', { error: 'invalid_client' }]) {
      const error = map(body, { status: 503, attempts: 4 });
      expect(error.code).toBe('server_error');
      expect(error.category).toBe('network');
      expect(error.message).toContain('HTTP 503');
      expect(error.message).toContain('4 attempts');
    }
  });

  it('treats a JSON answer without error or token as unexpected', () => {
    const error = map({ hello: 'world' });
    expect(error.code).toBe('unexpected_response');
    expect(error.category).toBe('network');
  });

  it('maps a refused revoke to token_already_invalid', () => {
    expect(map({ status: 'failure' }, { context: 'revoke', status: 400 }).code).toBe(
      'token_already_invalid',
    );
    expect(map('', { context: 'revoke', status: 400 }).code).toBe('unexpected_response');
    expect(map({ error: 'invalid_token' }, { context: 'revoke', status: 400 }).code).toBe(
      'token_already_invalid',
    );
    expect(map({ error: 'invalid_code' }, { context: 'revoke', status: 200 }).code).toBe(
      'token_already_invalid',
    );
  });

  it('maps a refused user-info token to an auth error', () => {
    const zoho = map(
      { code: 'INVALID_OAUTHTOKEN', message: 'invalid oauth token', status: 'error' },
      { context: 'userinfo', status: 401 },
    );
    expect(zoho.code).toBe('invalid_token');
    expect(zoho.category).toBe('auth');
    const oidc = map(
      { error: 'invalid_token', error_description: 'invalid token provided' },
      { context: 'userinfo', status: 401 },
    );
    expect(oidc.code).toBe('invalid_token');
    expect(oidc.category).toBe('auth');
  });
});
