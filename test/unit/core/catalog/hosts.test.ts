// Hosts per data centre and the base URL a connection's request goes to.
import { describe, expect, it } from 'vitest';
import {
  defaultProductHost,
  findProductForPath,
  resolveProductBaseUrl,
  resolveProductOrigin,
  resolveProductUrl,
} from '../../../../main/core/catalog/index.js';

describe('product hosts', () => {
  it('puts zohoapis products on the DC API domain, product hosts on <product>.zoho.<tld>', () => {
    expect(resolveProductBaseUrl('crm', { dc: 'us' })).toBe('https://www.zohoapis.com/crm/v8');
    expect(resolveProductBaseUrl('books', { dc: 'au' })).toBe(
      'https://www.zohoapis.com.au/books/v3',
    );
    expect(resolveProductBaseUrl('desk', { dc: 'eu' })).toBe('https://desk.zoho.eu/api/v1');
    expect(resolveProductBaseUrl('projects', { dc: 'in' })).toBe(
      'https://projectsapi.zoho.in/restapi',
    );
    expect(resolveProductBaseUrl('mail', { dc: 'jp' })).toBe('https://mail.zoho.jp/api');
  });

  it("uses Canada's zohocloud.ca for product hosts and zohoapis.ca for the API domain", () => {
    expect(resolveProductBaseUrl('analytics', { dc: 'ca' })).toBe(
      'https://analyticsapi.zohocloud.ca/restapi/v2',
    );
    expect(defaultProductHost('analytics', 'ca')).toMatchObject({
      origin: 'https://analyticsapi.zohocloud.ca',
      confirmed: true,
    });
    expect(resolveProductBaseUrl('crm', { dc: 'ca' })).toBe('https://www.zohoapis.ca/crm/v8');
    expect(resolveProductBaseUrl('accounts', { dc: 'ca' })).toBe(
      'https://accounts.zohocloud.ca/oauth',
    );
  });

  it("uses China's .com.cn hosts", () => {
    expect(resolveProductBaseUrl('crm', { dc: 'cn' })).toBe('https://www.zohoapis.com.cn/crm/v8');
    expect(resolveProductBaseUrl('analytics', { dc: 'cn' })).toBe(
      'https://analyticsapi.zoho.com.cn/restapi/v2',
    );
    expect(resolveProductBaseUrl('accounts', { dc: 'cn' })).toBe(
      'https://accounts.zoho.com.cn/oauth',
    );
  });

  it('has no host where a product does not run', () => {
    expect(resolveProductBaseUrl('bigin', { dc: 'uk' })).toBeUndefined();
    expect(resolveProductBaseUrl('analytics', { dc: 'uk' })).toBeUndefined();
    expect(defaultProductHost('desk', 'uk')).toBeUndefined();
    expect(resolveProductBaseUrl('no-such-product', { dc: 'us' })).toBeUndefined();
  });

  it("follows the connection's zohoapis api_domain, but not a host that is not zohoapis", () => {
    expect(resolveProductBaseUrl('crm', { dc: 'us', apiDomain: 'https://www.zohoapis.eu' })).toBe(
      'https://www.zohoapis.eu/crm/v8',
    );
    expect(resolveProductBaseUrl('crm', { dc: 'eu', apiDomain: 'https://api.zoho.eu' })).toBe(
      'https://www.zohoapis.eu/crm/v8',
    );
    expect(resolveProductBaseUrl('crm', { dc: 'eu', apiDomain: 'http://www.zohoapis.eu' })).toBe(
      'https://www.zohoapis.eu/crm/v8',
    );
    // Desk ignores api_domain: it lives on its own host.
    expect(resolveProductBaseUrl('desk', { dc: 'eu', apiDomain: 'https://www.zohoapis.eu' })).toBe(
      'https://desk.zoho.eu/api/v1',
    );
  });

  it('uses the accounts server the callback named for Accounts', () => {
    expect(
      resolveProductOrigin('accounts', { dc: 'us', accountsUrl: 'https://accounts.zoho.eu' }),
    ).toBe('https://accounts.zoho.eu');
  });

  it('moves CRM to the sandbox and developer hosts, and leaves other products on production', () => {
    expect(resolveProductBaseUrl('crm', { dc: 'eu', environment: 'sandbox' })).toBe(
      'https://sandbox.zohoapis.eu/crm/v8',
    );
    expect(
      resolveProductBaseUrl('crm', {
        dc: 'in',
        apiDomain: 'https://www.zohoapis.in',
        environment: 'developer',
      }),
    ).toBe('https://developer.zohoapis.in/crm/v8');
    expect(resolveProductBaseUrl('books', { dc: 'eu', environment: 'sandbox' })).toBe(
      'https://www.zohoapis.eu/books/v3',
    );
  });

  it("sends everything of a 'custom' connection to its configured servers", () => {
    const custom = {
      dc: 'custom' as const,
      apiDomain: 'http://127.0.0.1:4010/zoho/',
      accountsUrl: 'http://127.0.0.1:4011',
    };
    expect(resolveProductBaseUrl('crm', custom)).toBe('http://127.0.0.1:4010/zoho/crm/v8');
    expect(resolveProductBaseUrl('desk', custom)).toBe('http://127.0.0.1:4010/zoho/api/v1');
    expect(resolveProductBaseUrl('accounts', custom)).toBe('http://127.0.0.1:4011/oauth');
    expect(resolveProductBaseUrl('crm', { dc: 'custom' })).toBeUndefined();
  });

  it('builds full URLs from full paths or paths relative to the base path', () => {
    expect(resolveProductUrl('crm', '/crm/v7/org', { dc: 'eu' })).toBe(
      'https://www.zohoapis.eu/crm/v7/org',
    );
    expect(resolveProductUrl('crm', '/org', { dc: 'eu' })).toBe(
      'https://www.zohoapis.eu/crm/v8/org',
    );
    expect(resolveProductUrl('books', 'invoices?per_page=5', { dc: 'us' })).toBe(
      'https://www.zohoapis.com/books/v3/invoices?per_page=5',
    );
    expect(resolveProductUrl('desk', '/api/v1/tickets', { dc: 'in' })).toBe(
      'https://desk.zoho.in/api/v1/tickets',
    );
    expect(resolveProductUrl('desk', '/api/v1/tickets', { dc: 'uk' })).toBeUndefined();
  });
});

describe('findProductForPath', () => {
  it('decides by the base path prefix', () => {
    expect(findProductForPath('/crm/v8/Leads')?.id).toBe('crm');
    expect(findProductForPath('/crm/bulk/v8/read')?.id).toBe('crm');
    expect(findProductForPath('/books/v3/invoices?organization_id=1')?.id).toBe('books');
    expect(findProductForPath('/restapi/v2/orgs')?.id).toBe('analytics');
    expect(findProductForPath('/restapi/portals/')?.id).toBe('projects');
    expect(findProductForPath('/workdrive/api/v1/files/abc')?.id).toBe('workdrive');
  });

  it('decides by host for products on their own host', () => {
    expect(findProductForPath('https://desk.zoho.eu/api/v1/tickets')?.id).toBe('desk');
    expect(findProductForPath('https://sign.zoho.com/api/v1/requests')?.id).toBe('sign');
    expect(findProductForPath('https://analyticsapi.zohocloud.ca/restapi/v2/orgs')?.id).toBe(
      'analytics',
    );
    expect(findProductForPath('https://accounts.zoho.in/oauth/user/info')?.id).toBe('accounts');
    expect(findProductForPath('https://www.zohoapis.com/crm/v8/org')?.id).toBe('crm');
  });

  it('is undefined for an unknown or ambiguous path', () => {
    expect(findProductForPath('/api/v1/tickets')).toBeUndefined();
    expect(findProductForPath('/nothing/here')).toBeUndefined();
    expect(findProductForPath('/crmx/v8/org')).toBeUndefined();
    expect(findProductForPath('')).toBeUndefined();
  });
});
