// Organization context per product, added to a request the way the product wants it.
import { describe, expect, it } from 'vitest';
import { applyOrgContext, orgContextFor } from '../../../../main/core/catalog/index.js';
import { TokenDeskError } from '../../../../main/core/errors.js';

describe('orgContextFor', () => {
  it('describes each product that needs one, and how to find the value', () => {
    expect(orgContextFor('books')).toMatchObject({
      kind: 'query',
      name: 'organization_id',
      confirmed: true,
      discovery: { path: '/books/v3/organizations', scope: 'ZohoBooks.settings.READ' },
    });
    // Invoice's introduction and response pages send organization_id in the query; the header
    // name is only seen in third-party code.
    expect(orgContextFor('invoice')).toMatchObject({
      kind: 'query',
      name: 'organization_id',
      confirmed: true,
      source: expect.stringContaining('https://www.zoho.com/invoice/api/v3/response/'),
      alternatives: [
        { kind: 'header', name: 'X-com-zoho-invoice-organizationid', confirmed: false },
      ],
    });
    // Billing's response page sends the header in its examples.
    expect(orgContextFor('billing')).toMatchObject({
      kind: 'header',
      name: 'X-com-zoho-subscriptions-organizationid',
      confirmed: true,
      source: expect.stringContaining('https://www.zoho.com/billing/api/v1/response/'),
    });
    expect(orgContextFor('desk')).toMatchObject({ kind: 'header', name: 'orgId', confirmed: true });
    expect(orgContextFor('analytics')).toMatchObject({
      kind: 'header',
      name: 'ZANALYTICS-ORGID',
      confirmed: true,
    });
    expect(orgContextFor('projects')).toMatchObject({
      kind: 'path',
      name: 'portal_id',
      discovery: { path: '/restapi/portals/' },
    });
    expect(orgContextFor('crm')).toBeUndefined();
  });
});

describe('applyOrgContext', () => {
  it('adds the Books organization_id query parameter', () => {
    const result = applyOrgContext(
      'books',
      {
        url: 'https://www.zohoapis.com/books/v3/invoices?per_page=5',
        headers: { Accept: 'application/json' },
      },
      '10234695',
    );
    expect(result).toEqual({
      url: 'https://www.zohoapis.com/books/v3/invoices?per_page=5&organization_id=10234695',
      headers: { Accept: 'application/json' },
    });
  });

  it("adds Invoice's organization_id, unless the user already sent Invoice's header", () => {
    expect(
      applyOrgContext(
        'invoice',
        { url: 'https://www.zohoapis.com/invoice/v3/invoices', headers: {} },
        '1',
      ),
    ).toEqual({
      url: 'https://www.zohoapis.com/invoice/v3/invoices?organization_id=1',
      headers: {},
    });
    const ownHeader = {
      url: 'https://www.zohoapis.com/invoice/v3/invoices',
      headers: { 'x-com-zoho-invoice-organizationid': '9' },
    };
    expect(applyOrgContext('invoice', ownHeader, '1')).toEqual(ownHeader);
  });

  it('adds the Billing, Desk and Analytics headers', () => {
    expect(
      applyOrgContext(
        'billing',
        { url: 'https://www.zohoapis.com/billing/v1/plans', headers: {} },
        '2',
      ).headers,
    ).toEqual({ 'X-com-zoho-subscriptions-organizationid': '2' });
    expect(
      applyOrgContext('desk', { url: 'https://desk.zoho.eu/api/v1/tickets', headers: {} }, '3')
        .headers,
    ).toEqual({ orgId: '3' });
    expect(
      applyOrgContext(
        'analytics',
        { url: 'https://analyticsapi.zoho.com/restapi/v2/workspaces', headers: {} },
        '4',
      ).headers,
    ).toEqual({ 'ZANALYTICS-ORGID': '4' });
  });

  it('fills the Projects portal id into the path', () => {
    expect(
      applyOrgContext(
        'projects',
        { url: 'https://projectsapi.zoho.com/restapi/portal/{portal_id}/projects/', headers: {} },
        '7001',
      ).url,
    ).toBe('https://projectsapi.zoho.com/restapi/portal/7001/projects/');
  });

  it('leaves the organization listing, empty values and products without context alone', () => {
    const listing = { url: 'https://www.zohoapis.com/books/v3/organizations', headers: {} };
    expect(applyOrgContext('books', listing, '1')).toEqual(listing);
    expect(
      applyOrgContext(
        'desk',
        { url: 'https://desk.zoho.com/api/v1/organizations', headers: {} },
        '1',
      ).headers,
    ).toEqual({});
    expect(
      applyOrgContext(
        'books',
        { url: 'https://www.zohoapis.com/books/v3/invoices', headers: {} },
        '  ',
      ).url,
    ).toBe('https://www.zohoapis.com/books/v3/invoices');
    expect(
      applyOrgContext('crm', { url: 'https://www.zohoapis.com/crm/v8/org', headers: {} }, '1'),
    ).toEqual({ url: 'https://www.zohoapis.com/crm/v8/org', headers: {} });
  });

  it('keeps what the user typed and does not change the input', () => {
    const headers = { orgid: '99' };
    const result = applyOrgContext(
      'desk',
      { url: 'https://desk.zoho.com/api/v1/tickets', headers },
      '3',
    );
    expect(result.headers).toEqual({ orgid: '99' });
    expect(result.headers).not.toBe(headers);
    expect(
      applyOrgContext(
        'books',
        { url: 'https://www.zohoapis.com/books/v3/invoices?organization_id=5', headers: {} },
        '6',
      ).url,
    ).toBe('https://www.zohoapis.com/books/v3/invoices?organization_id=5');
  });

  it('rejects values that could break out of a header or the URL', () => {
    for (const bad of ['12\r\nX-Evil: 1', '12 34', '1/2', '1&x=2']) {
      expect(() =>
        applyOrgContext('desk', { url: 'https://desk.zoho.com/api/v1/tickets', headers: {} }, bad),
      ).toThrow(TokenDeskError);
    }
    expect(() =>
      applyOrgContext(
        'books',
        { url: 'https://www.zohoapis.com/books/v3/invoices', headers: {} },
        'a b',
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'bad_org_value',
        category: 'input',
        remedy: expect.stringMatching(/Manage Organizations/),
      }),
    );
  });
});
