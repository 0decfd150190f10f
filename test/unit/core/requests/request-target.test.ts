// Where a test request goes: the catalog's product host in the connection's data centre, the
// organization context the user gave, and never a host that is not Zoho's.

import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../../main/core/requests/request-runner.js';
import { isTokenDeskError } from '../../../../main/core/errors.js';
import { makeConnection } from '../../../support/fakes.js';

const eu = makeConnection({
  dc: 'eu',
  accountsUrl: 'https://accounts.zoho.eu',
  apiDomain: 'https://www.zohoapis.eu',
  custom: undefined,
});

describe('request target', () => {
  it('sends a CRM path to the api_domain Zoho answered', () => {
    const target = resolveTarget(eu, { method: 'GET', pathOrUrl: '/crm/v8/org' });
    expect(target.url.href).toBe('https://www.zohoapis.eu/crm/v8/org');
    expect(target.product).toBe('crm');
  });

  it("sends an Analytics path to the product's own host in the connection's data centre", () => {
    const target = resolveTarget(eu, { method: 'GET', pathOrUrl: '/restapi/v2/orgs' });
    expect(target.url.host).toBe('analyticsapi.zoho.eu');
    expect(target.product).toBe('analytics');
  });

  it("adds Books' organization_id query parameter when the user gave one", () => {
    const target = resolveTarget(eu, {
      method: 'GET',
      pathOrUrl: '/books/v3/invoices',
      query: [['page', '2']],
      orgId: '60012345',
    });
    expect(target.url.searchParams.get('organization_id')).toBe('60012345');
    expect(target.url.searchParams.get('page')).toBe('2');
    expect(target.orgContextApplied).toBe(true);
  });

  it("adds Analytics' ZANALYTICS-ORGID header, and does not override one the user set", () => {
    const added = resolveTarget(eu, {
      method: 'GET',
      pathOrUrl: '/restapi/v2/workspaces',
      orgId: '777',
    });
    expect(added.request.headers).toContainEqual(['ZANALYTICS-ORGID', '777']);
    const own = resolveTarget(eu, {
      method: 'GET',
      pathOrUrl: '/restapi/v2/workspaces',
      headers: [['ZANALYTICS-ORGID', '1']],
      orgId: '777',
    });
    expect(own.request.headers).toEqual([['ZANALYTICS-ORGID', '1']]);
  });

  it('refuses an organization value that could break out of a header or URL', () => {
    let error: unknown;
    try {
      resolveTarget(eu, {
        method: 'GET',
        pathOrUrl: '/books/v3/invoices',
        orgId: '1\r\nX-Evil: 1',
      });
    } catch (caught) {
      error = caught;
    }
    expect(isTokenDeskError(error) && error.code).toBe('bad_org_value');
  });

  it('keeps a connection with custom servers on those servers', () => {
    const custom = makeConnection({
      dc: 'eu',
      custom: { accountsUrl: 'http://127.0.0.1:4000', apiDomain: 'http://127.0.0.1:4001' },
      accountsUrl: 'http://127.0.0.1:4000',
      apiDomain: 'http://127.0.0.1:4001',
    });
    expect(resolveTarget(custom, { method: 'GET', pathOrUrl: '/restapi/v2/orgs' }).url.origin).toBe(
      'http://127.0.0.1:4001',
    );
  });

  it('refuses a full URL on a host that is not Zoho, so the token cannot leak', () => {
    expect(() =>
      resolveTarget(eu, { method: 'GET', pathOrUrl: 'https://zoho.com.evil.example/x' }),
    ).toThrow(/only to Zoho/);
    expect(() =>
      resolveTarget(eu, { method: 'GET', pathOrUrl: 'http://www.zohoapis.eu/crm/v8/org' }),
    ).toThrow(/only to Zoho/);
    expect(
      resolveTarget(eu, { method: 'GET', pathOrUrl: 'https://desk.zoho.eu/api/v1/tickets' }).url
        .host,
    ).toBe('desk.zoho.eu');
  });
});
