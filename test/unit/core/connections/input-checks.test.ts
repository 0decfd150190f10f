// The checks every shell runs before asking for a secret or contacting Zoho.

import { describe, expect, it } from 'vitest';
import {
  assertAuthorizableWithoutCode,
  checkNewConnection,
  checkSelfClientImport,
  willExchangeCode,
} from '../../../../main/core/connections/input-checks.js';
import { InMemoryConnectionStore, T0, makeConnection } from '../../../support/fakes.js';
import { thrown } from '../../../support/typed-errors.js';

const store = () => new InMemoryConnectionStore([makeConnection({ name: 'acme-crm' })]);
const selfClient = makeConnection({ clientType: 'self', redirectUri: undefined, name: 'books' });

function selfClientJson(createdTime: number): string {
  return JSON.stringify({
    client_id: '1000.SELFCLIENT',
    client_secret: 'self-client-secret',
    code: '1000.grantcode',
    grant_type: 'authorization_code',
    scope: ['ZohoBooks.fullaccess.all'],
    expiry_time: createdTime + 3 * 60_000,
  });
}

describe('a new connection', () => {
  it('is the record it would make, not stored', () => {
    const s = store();
    const draft = checkNewConnection(
      s,
      { name: 'books-eu', dc: 'eu', clientId: '1000.X', clientType: 'self' },
      T0,
    );
    expect(draft).toMatchObject({ name: 'books-eu', dc: 'eu', clientType: 'self' });
    expect(s.find('books-eu')).toBeUndefined();
  });

  it('is refused when the name is taken (any case), with the remove hint', () => {
    const error = thrown(() =>
      checkNewConnection(
        store(),
        { name: 'ACME-crm', dc: 'eu', clientId: '1000.X', clientType: 'self' },
        T0,
      ),
    );
    expect(error.code).toBe('duplicate_connection');
    expect(error.cliHint).toBe('token-desk remove acme-crm');
  });

  it('is refused for a bad name or a missing data centre before the name is looked up', () => {
    expect(
      thrown(() =>
        checkNewConnection(
          store(),
          { name: '-bad', dc: 'eu', clientId: 'x', clientType: 'self' },
          T0,
        ),
      ).code,
    ).toBe('bad_name');
    expect(
      thrown(() =>
        checkNewConnection(store(), { name: 'acme-crm', clientId: 'x', clientType: 'self' }, T0),
      ).code,
    ).toBe('missing_dc');
  });
});

describe('a self_client.json import', () => {
  it('gives the file and the draft connection', () => {
    const { file, draft } = checkSelfClientImport(
      store(),
      'books',
      selfClientJson(T0),
      { dc: 'eu' },
      T0 + 60_000,
    );
    expect(file.clientId).toBe('1000.SELFCLIENT');
    expect(draft).toMatchObject({ name: 'books', clientType: 'self', dc: 'eu' });
  });

  it('refuses an expired code before a taken name', () => {
    const error = thrown(() =>
      checkSelfClientImport(store(), 'acme-crm', selfClientJson(T0), { dc: 'eu' }, T0 + 3_600_000),
    );
    expect(error.code).toBe('grant_code_expired');
    expect(
      thrown(() => checkSelfClientImport(store(), 'acme-crm', selfClientJson(T0), { dc: 'eu' }, T0))
        .code,
    ).toBe('duplicate_connection');
  });
});

describe('authorizing', () => {
  it('calls Zoho with a code only for a Self Client and a non-empty code', () => {
    expect(willExchangeCode(selfClient, '1000.code')).toBe(true);
    expect(willExchangeCode(selfClient, '  ')).toBe(false);
    expect(willExchangeCode(makeConnection(), '1000.code')).toBe(false);
  });

  it('refuses a Self Client without a code, and extra scopes for it', () => {
    expect(() => assertAuthorizableWithoutCode(makeConnection())).not.toThrow();
    const missing = thrown(() => assertAuthorizableWithoutCode(selfClient));
    expect(missing.code).toBe('missing_code');
    expect(missing.cliHint).toBe('token-desk authorize books --code <grant code>');
    expect(thrown(() => assertAuthorizableWithoutCode(selfClient, { addScopes: true })).code).toBe(
      'wrong_client_type',
    );
  });
});
