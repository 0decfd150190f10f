// What an export holds: the connection's details in .env, JSON or Postman form, secrets only when
// passed in, and nothing a script would misread (an empty ZOHO_SCOPES= means "no scopes").
import { describe, expect, it } from 'vitest';
import { exportConnection } from '../../../../main/core/connections/export-connection.js';
import { makeConnection } from '../../../support/fakes.js';

describe('exportConnection', () => {
  it('writes a .env file with the scopes and without secrets unless given', () => {
    const text = exportConnection(
      makeConnection({ scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ'] }),
      'env',
      {},
    );
    expect(text.split('\n')).toEqual([
      '# Token Desk connection "acme-crm"',
      '# Secrets are not included; export again with secrets included to add them.',
      'ZOHO_DC=eu',
      'ZOHO_ACCOUNTS_URL=https://accounts.zoho.eu',
      'ZOHO_API_DOMAIN=https://www.zohoapis.eu',
      'ZOHO_CLIENT_ID=1000.CLIENTID',
      'ZOHO_SCOPES=ZohoCRM.modules.ALL,ZohoCRM.org.READ',
      '',
    ]);
  });

  it('leaves ZOHO_SCOPES out of a .env file when no scopes are recorded, and says so', () => {
    const text = exportConnection(makeConnection({ scopes: [], grantedScopes: undefined }), 'env', {
      refresh_token: '1000.refresh',
    });
    const lines = text.split('\n');
    expect(lines.some((line) => line.startsWith('ZOHO_SCOPES'))).toBe(false);
    expect(lines).toContain(
      '# ZOHO_SCOPES is left out: no scopes are recorded for this connection.',
    );
    expect(lines).toContain('ZOHO_REFRESH_TOKEN=1000.refresh');
    // Every line is a comment or KEY=value with a value: nothing that reads as an empty setting.
    for (const line of lines.filter((l) => l && !l.startsWith('#')))
      expect(line).toMatch(/^ZOHO_[A-Z_]+=.+$/);
  });

  it('uses the granted scopes when Zoho listed them', () => {
    const text = exportConnection(
      makeConnection({ scopes: ['ZohoCRM.modules.ALL'], grantedScopes: ['ZohoCRM.modules.READ'] }),
      'env',
      {},
    );
    expect(text).toContain('\nZOHO_SCOPES=ZohoCRM.modules.READ\n');
  });
});
