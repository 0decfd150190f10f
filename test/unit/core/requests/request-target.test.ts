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

  it('sends each product of a shared path prefix to its own host when the request names it', () => {
    const cases: Array<[string, string, string]> = [
      ['/api/v1/tickets', 'desk', 'desk.zoho.eu'],
      ['/api/v1/requests', 'sign', 'sign.zoho.eu'],
      ['/api/v2/users?limit=5', 'cliq', 'cliq.zoho.eu'],
      ['/api/v2/workbooks?method=workbook.list', 'sheet', 'sheet.zoho.eu'],
      ['/api/v3/portal/1/projects', 'projects', 'projectsapi.zoho.eu'],
      ['/api/v3/chats', 'cliq', 'cliq.zoho.eu'],
    ];
    for (const [pathOrUrl, product, host] of cases) {
      const target = resolveTarget(eu, { method: 'GET', pathOrUrl, product: product as never });
      expect(target.url.host, `${product} ${pathOrUrl}`).toBe(host);
      expect(target.product).toBe(product);
    }
  });

  it('refuses a shared path without a product, naming the candidates and the remedy', () => {
    for (const [pathOrUrl, ids] of [
      ['/api/v1/tickets', ['desk', 'sign']],
      ['/api/v2/users', ['cliq', 'sheet']],
      ['/api/v3/portal/1/projects', ['projects', 'cliq']],
    ] as const) {
      let error: unknown;
      try {
        resolveTarget(eu, { method: 'GET', pathOrUrl });
      } catch (caught) {
        error = caught;
      }
      expect(isTokenDeskError(error) && error.code, pathOrUrl).toBe('ambiguous_product');
      expect(isTokenDeskError(error) && error.details?.candidates).toEqual(
        expect.arrayContaining([...ids]),
      );
      // The window shows the remedy (choose under Product); the CLI prints the options.
      expect(isTokenDeskError(error) && error.remedy).not.toContain('--product');
      expect(isTokenDeskError(error) && error.remedy).toMatch(
        /^Say which product you mean: choose /,
      );
      for (const id of ids)
        expect(isTokenDeskError(error) && error.cliHint).toContain(`--product ${id}`);
    }
    // A full URL names its host: nothing to choose.
    expect(
      resolveTarget(eu, { method: 'GET', pathOrUrl: 'https://sign.zoho.eu/api/v1/requests' })
        .product,
    ).toBe('sign');
  });

  it('uses the data centre Zoho reported (location, else the accounts server), not the one chosen when adding', () => {
    const redirected = makeConnection({
      dc: 'us',
      location: 'eu',
      accountsUrl: 'https://accounts.zoho.eu',
      apiDomain: 'https://www.zohoapis.eu',
      custom: undefined,
    });
    expect(
      resolveTarget(redirected, { method: 'GET', pathOrUrl: '/restapi/v2/orgs' }).url.host,
    ).toBe('analyticsapi.zoho.eu');
    expect(
      resolveTarget(redirected, { method: 'GET', pathOrUrl: '/api/v1/tickets', product: 'desk' })
        .url.host,
    ).toBe('desk.zoho.eu');
    const noLocation = makeConnection({
      dc: 'us',
      location: undefined,
      accountsUrl: 'https://accounts.zoho.in',
      apiDomain: 'https://www.zohoapis.in',
      custom: undefined,
    });
    expect(
      resolveTarget(noLocation, { method: 'GET', pathOrUrl: '/restapi/v2/orgs' }).url.host,
    ).toBe('analyticsapi.zoho.in');
    const asAdded = makeConnection({
      dc: 'au',
      location: undefined,
      accountsUrl: 'https://accounts.example.invalid',
      apiDomain: 'https://www.zohoapis.com.au',
      custom: undefined,
    });
    expect(resolveTarget(asAdded, { method: 'GET', pathOrUrl: '/restapi/v2/orgs' }).url.host).toBe(
      'analyticsapi.zoho.com.au',
    );
  });

  it("refuses a product on its own host that the catalog knows no host for in the connection's data centre; a zohoapis one goes to api_domain", () => {
    const uk = makeConnection({
      dc: 'uk',
      location: 'uk',
      accountsUrl: 'https://accounts.zoho.uk',
      apiDomain: 'https://www.zohoapis.uk',
      custom: undefined,
    });
    let error: unknown;
    try {
      resolveTarget(uk, { method: 'GET', pathOrUrl: '/restapi/v2/orgs' });
    } catch (caught) {
      error = caught;
    }
    expect(isTokenDeskError(error) && error.code).toBe('product_not_in_dc');
    expect(isTokenDeskError(error) && error.category).toBe('input');
    expect((error as Error).message).toMatch(
      /^Zoho Analytics has no API host in the UK data centre/,
    );
    expect(isTokenDeskError(error) && error.remedy).toMatch(/US, EU, IN/);
    // A zohoapis product the catalog does not list for the DC goes to the api_domain Zoho
    // answered for this account, not refused.
    expect(
      resolveTarget(uk, { method: 'GET', pathOrUrl: '/books/v3/organizations' }).url.href,
    ).toBe('https://www.zohoapis.uk/books/v3/organizations');
    // CRM runs in the UK: unaffected.
    expect(resolveTarget(uk, { method: 'GET', pathOrUrl: '/crm/v8/org' }).url.host).toBe(
      'www.zohoapis.uk',
    );
  });

  it('refuses a product choice that contradicts the path (a CRM path with Desk chosen)', () => {
    let error: unknown;
    try {
      resolveTarget(eu, { method: 'GET', pathOrUrl: '/crm/v8/org', product: 'desk' });
    } catch (caught) {
      error = caught;
    }
    expect(isTokenDeskError(error) && error.code).toBe('product_mismatch');
    expect((error as Error).message).toBe(
      '/crm/v8/org is a Zoho CRM path, but the request is for Zoho Desk.',
    );
    expect(isTokenDeskError(error) && error.remedy).toBe(
      'Choose Zoho CRM (or Auto) as the product, or correct the path.',
    );
    expect(isTokenDeskError(error) && error.cliHint).toBe('--product crm, or leave --product out');
    // A path the catalog does not know goes to the chosen product's host.
    expect(
      resolveTarget(eu, {
        method: 'GET',
        pathOrUrl: '/portal/api/kbRootCategories',
        product: 'desk',
      }).url.href,
    ).toBe('https://desk.zoho.eu/portal/api/kbRootCategories');
  });
});
