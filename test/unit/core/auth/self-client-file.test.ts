import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import {
  assertSelfClientCodeFresh,
  parseSelfClientFile,
} from '../../../../main/core/auth/self-client-file.js';

const EXPIRY = 1_769_431_483_587;
const SECRET = 'f0f0f0f0f0secretsecret';
const CODE = '1000.2b5d3c1a.9f8e7d6c';

const VALID = {
  scope: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
  expiry_time: EXPIRY,
  client_id: '1000.ABCDEF',
  client_secret: SECRET,
  code: CODE,
  grant_type: 'authorization_code',
};

function caught(fn: () => unknown): TokenDeskError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDeskError);
    return error as TokenDeskError;
  }
  throw new Error('expected an error');
}

function expectNoSecrets(error: TokenDeskError) {
  const text = `${error.message} ${error.remedy} ${JSON.stringify(error.details)}`;
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(CODE);
}

describe('parseSelfClientFile', () => {
  it('reads the file Zoho offers for download', () => {
    expect(parseSelfClientFile(JSON.stringify(VALID))).toEqual({
      clientId: '1000.ABCDEF',
      clientSecret: SECRET,
      code: CODE,
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
      expiresAt: EXPIRY,
      grantType: 'authorization_code',
    });
  });

  it('accepts a comma-separated scope string, a BOM, a numeric-string expiry and no grant_type', () => {
    const { grant_type: _omitted, ...rest } = VALID;
    const file = parseSelfClientFile(
      `\uFEFF${JSON.stringify({ ...rest, scope: 'ZohoCRM.modules.ALL,ZohoCRM.users.READ', expiry_time: String(EXPIRY) })}`,
    );
    expect(file.scopes).toEqual(['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ']);
    expect(file.expiresAt).toBe(EXPIRY);
  });

  it('accepts already-parsed JSON', () => {
    expect(parseSelfClientFile(VALID).clientId).toBe('1000.ABCDEF');
  });

  it('reads an expiry in seconds as seconds', () => {
    expect(parseSelfClientFile({ ...VALID, expiry_time: 1_769_431_483 }).expiresAt).toBe(
      1_769_431_483_000,
    );
  });

  it('refuses malformed JSON with the remedy, without echoing the content', () => {
    const error = caught(() =>
      parseSelfClientFile(`{"client_secret":"${SECRET}", "code":"${CODE}"`),
    );
    expect(error.code).toBe('bad_self_client_file');
    expect(error.category).toBe('input');
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.remedy).toMatch(/Self Client > Generate Code/);
    expectNoSecrets(error);
  });

  it('refuses JSON that is not an object', () => {
    expect(caught(() => parseSelfClientFile('[1,2]')).code).toBe('bad_self_client_file');
    expect(caught(() => parseSelfClientFile('null')).code).toBe('bad_self_client_file');
  });

  for (const field of ['client_id', 'client_secret', 'code', 'scope', 'expiry_time'] as const) {
    it(`names the missing "${field}" field`, () => {
      const { [field]: _removed, ...rest } = VALID;
      const error = caught(() => parseSelfClientFile(JSON.stringify(rest)));
      expect(error.code).toBe('bad_self_client_file');
      expect(error.message).toContain(`"${field}"`);
      expect(error.message).toMatch(/has no/);
      expect(error.details.field).toBe(field);
      expect(error.remedy).toMatch(/API Console/);
      expectNoSecrets(error);
    });
  }

  it('names an invalid field: empty code, empty scope list, wrong grant type, non-numeric expiry', () => {
    expect(caught(() => parseSelfClientFile({ ...VALID, code: '  ' })).message).toContain(
      '"code" field',
    );
    expect(caught(() => parseSelfClientFile({ ...VALID, scope: [] })).message).toContain(
      '"scope" field',
    );
    expect(
      caught(() => parseSelfClientFile({ ...VALID, grant_type: 'refresh_token' })).message,
    ).toContain('"grant_type" field');
    expect(
      caught(() => parseSelfClientFile({ ...VALID, expiry_time: 'tomorrow' })).message,
    ).toContain('"expiry_time" field');
  });
});

describe('assertSelfClientCodeFresh', () => {
  const file = parseSelfClientFile(VALID);

  it('accepts a code before its expiry time', () => {
    expect(() => assertSelfClientCodeFresh(file, EXPIRY - 1)).not.toThrow();
  });

  it('refuses an expired code, saying how long ago and how to get a new one', () => {
    const error = caught(() => assertSelfClientCodeFresh(file, EXPIRY + 4 * 60_000 + 10_000));
    expect(error.code).toBe('grant_code_expired');
    expect(error.category).toBe('input');
    expect(error.message).toContain('expired 4 minutes ago');
    expect(error.remedy).toMatch(/Self Client > Generate Code/);
    expect(error.remedy).toMatch(/Time Duration/);
    expect(error.details.expiredAt).toBe(EXPIRY);
    expectNoSecrets(error);
  });

  it('refuses a code at the exact expiry instant', () => {
    expect(caught(() => assertSelfClientCodeFresh(file, EXPIRY)).message).toContain(
      'expired just now',
    );
  });
});
