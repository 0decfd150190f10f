// Scope grammar: the examples of docs/zoho.md §10, Scopes, are accepted and normalized; malformed
// scopes are rejected with a reason a person can act on.
import { describe, expect, it } from 'vitest';
import {
  normalizeScopes,
  parseScope,
  scopeCovers,
  sensitivityOf,
} from '../../../../main/core/catalog/index.js';

const REFERENCE_EXAMPLES: [input: string, normalized: string][] = [
  ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.ALL'],
  ['ZohoCRM.modules.all', 'ZohoCRM.modules.ALL'],
  ['zohocrm.MODULES.All', 'ZohoCRM.modules.ALL'],
  ['ZohoCRM.modules.leads.READ', 'ZohoCRM.modules.leads.READ'],
  ['ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.fields.READ'],
  ['ZohoCRM.share.leads.READ', 'ZohoCRM.share.leads.READ'],
  ['ZohoCRM.mass_convert.leads.CREATE', 'ZohoCRM.mass_convert.leads.CREATE'],
  ['ZohoCRM.bulk.backup.ALL', 'ZohoCRM.bulk.backup.ALL'],
  ['ZohoCRM.modules.WRITE', 'ZohoCRM.modules.WRITE'],
  ['AaaServer.profile.Read', 'AaaServer.profile.READ'],
  ['aaaserver.profile.read', 'AaaServer.profile.READ'],
  ['ZOHOPEOPLE.forms.READ', 'ZOHOPEOPLE.forms.READ'],
  ['Desk.tickets.READ', 'Desk.tickets.READ'],
  ['WorkDrive.files.ALL', 'WorkDrive.files.ALL'],
  ['ZohoFiles.files.ALL', 'ZohoFiles.files.ALL'],
  ['zohobookings.data.CREATE', 'zohobookings.data.CREATE'],
  ['ZohoBooks.fullaccess.all', 'ZohoBooks.fullaccess.ALL'],
  ['ZohoRecruit.setup.operation.all', 'ZohoRecruit.setup.operation.ALL'],
  ['ZohoCreator.meta.application.READ', 'ZohoCreator.meta.application.READ'],
  ['ZohoAnalytics.metadata.read', 'ZohoAnalytics.metadata.READ'],
  ['ZohoCliq.users.read', 'ZohoCliq.Users.READ'],
  ['ZohoSubscriptions.invoices.READ', 'ZohoSubscriptions.invoices.READ'],
  ['  ZohoCRM.org.READ  ', 'ZohoCRM.org.READ'],
  ['openid', 'openid'],
  ['EMAIL', 'email'],
];

const MALFORMED: [input: string, reasonPart: RegExp][] = [
  ['', /empty/],
  ['   ', /empty/],
  ['ZohoCRM', /three parts.*has 1/],
  ['ZohoCRM.modules', /three parts.*has 2/],
  ['ZohoCRM..READ', /empty part/],
  ['.modules.READ', /empty part/],
  ['ZohoCRM.modules.READ.', /empty part/],
  ['ZohoCRM.modules.READS', /"READS" is not an operation/],
  ['ZohoCRM.modules.leads', /"leads" is not an operation/],
  ['ZohoCRM.modules.*', /contains "\*"/],
  ['Zoho-CRM.modules.READ', /contains "-"/],
  ['ZohoCRM.modules.ALL,ZohoCRM.users.ALL', /several scopes/],
  ['ZohoCRM modules READ', /space/],
  ['1Zoho.modules.READ', /must start with a letter/],
  ['https://accounts.zoho.com', /contains ":"/],
];

describe('parseScope', () => {
  it.each(REFERENCE_EXAMPLES)('accepts %j as %s', (input, normalized) => {
    const result = parseScope(input);
    expect(result).toMatchObject({ ok: true, scope: { text: normalized } });
  });

  it.each(MALFORMED)('rejects %j with a reason', (input, reason) => {
    const result = parseScope(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reason).not.toMatch(/\.$/);
    }
  });

  it('splits service, nested name and operation, and tells what the catalog knows', () => {
    expect(parseScope('ZohoCRM.settings.fields.read')).toEqual({
      ok: true,
      scope: {
        text: 'ZohoCRM.settings.fields.READ',
        kind: 'service',
        service: 'ZohoCRM',
        name: 'settings.fields',
        operation: 'READ',
        sensitivity: 'read',
        product: 'crm',
        known: true,
        confirmed: true,
      },
    });
    const unknownService = parseScope('ZohoSocial.Organization.READ');
    expect(unknownService).toMatchObject({
      ok: true,
      scope: { known: false, confirmed: false, service: 'ZohoSocial' },
    });
    expect(unknownService.ok && unknownService.scope.product).toBeUndefined();
    // A known family with an operation the catalog does not list.
    expect(parseScope('ZohoCRM.org.DELETE')).toMatchObject({
      ok: true,
      scope: { known: false, product: 'crm' },
    });
    expect(parseScope('Desk.tickets.READ')).toMatchObject({
      ok: true,
      scope: { known: true, confirmed: false },
    });
  });
});

describe('sensitivity', () => {
  it('derives from the operation; fullaccess is always full', () => {
    expect(sensitivityOf('READ')).toBe('read');
    expect(sensitivityOf('CREATE')).toBe('write');
    expect(sensitivityOf('UPDATE')).toBe('write');
    // CRM documents WRITE as an alias of CREATE, UPDATE and DELETE: it can delete.
    expect(sensitivityOf('WRITE')).toBe('delete');
    expect(parseScope('ZohoCRM.modules.WRITE')).toMatchObject({
      ok: true,
      scope: { sensitivity: 'delete' },
    });
    expect(sensitivityOf('DELETE')).toBe('delete');
    expect(sensitivityOf('ALL')).toBe('full');
    expect(sensitivityOf('READ', 'fullaccess')).toBe('full');
    expect(parseScope('ZohoBooks.fullaccess.all')).toMatchObject({
      ok: true,
      scope: { sensitivity: 'full' },
    });
  });
});

describe('normalizeScopes', () => {
  it('normalizes, de-duplicates in any case and keeps the first order', () => {
    const result = normalizeScopes([
      'zohocrm.modules.all',
      'ZohoCRM.modules.ALL',
      'ZohoCRM.users.read',
      'ZOHOCRM.USERS.READ',
      'AaaServer.profile.Read',
    ]);
    expect(result).toEqual({
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ', 'AaaServer.profile.READ'],
      errors: [],
      unknown: [],
    });
  });

  it('accepts a pasted list separated by commas or spaces', () => {
    expect(
      normalizeScopes('ZohoCRM.modules.ALL, ZohoCRM.users.READ  AaaServer.profile.READ,').scopes,
    ).toEqual(['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ', 'AaaServer.profile.READ']);
    expect(normalizeScopes(['ZohoBooks.invoices.READ,ZohoBooks.contacts.READ']).scopes).toEqual([
      'ZohoBooks.invoices.READ',
      'ZohoBooks.contacts.READ',
    ]);
  });

  it('reports each rejected entry with its reason, and lists valid scopes the catalog does not know', () => {
    const result = normalizeScopes([
      'ZohoCRM.modules.READ',
      'ZohoCRM.modules',
      'ZohoSocial.Organization.READ',
      'ZohoCRM..ALL',
    ]);
    expect(result.scopes).toEqual(['ZohoCRM.modules.READ', 'ZohoSocial.Organization.READ']);
    expect(result.errors.map((e) => e.input)).toEqual(['ZohoCRM.modules', 'ZohoCRM..ALL']);
    expect(result.errors[0]!.reason).toMatch(/three parts/);
    expect(result.unknown).toEqual(['ZohoSocial.Organization.READ']);
  });

  it('returns nothing for an empty list', () => {
    expect(normalizeScopes([])).toEqual({ scopes: [], errors: [], unknown: [] });
    expect(normalizeScopes('')).toEqual({ scopes: [], errors: [], unknown: [] });
  });
});

describe('scopeCovers', () => {
  it.each([
    ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.READ', true],
    ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.leads.DELETE', true],
    ['ZohoCRM.modules.READ', 'ZohoCRM.modules.leads.READ', true],
    ['ZohoCRM.modules.READ', 'ZohoCRM.modules.leads.CREATE', false],
    ['ZohoCRM.modules.leads.ALL', 'ZohoCRM.modules.READ', false],
    ['ZohoCRM.modules.leads.ALL', 'ZohoCRM.modules.contacts.READ', false],
    ['ZohoCRM.modules.WRITE', 'ZohoCRM.modules.deals.UPDATE', true],
    ['ZohoCRM.modules.WRITE', 'ZohoCRM.modules.deals.READ', false],
    ['zohocrm.settings.all', 'ZohoCRM.settings.fields.READ', true],
    ['ZohoCRM.settings.ALL', 'ZohoCRM.settingsx.READ', false],
    ['ZohoBooks.fullaccess.all', 'ZohoBooks.invoices.DELETE', true],
    ['ZohoBooks.fullaccess.all', 'ZohoInvoice.invoices.READ', false],
    ['ZohoCRM.users.READ', 'ZohoCRM.users.READ', true],
    ['aaaserver.profile.read', 'AaaServer.profile.READ', true],
    ['ZohoCRM.modules.ALL', 'ZohoBigin.modules.READ', false],
    ['openid', 'openid', true],
    ['openid', 'email', false],
    ['not a scope', 'ZohoCRM.modules.READ', false],
    ['ZohoCRM.modules.ALL', 'not a scope', false],
  ] as const)('%s covers %s: %s', (granted, required, expected) => {
    expect(scopeCovers(granted, required)).toBe(expected);
  });

  it('accepts a list of granted scopes', () => {
    expect(
      scopeCovers(['ZohoCRM.users.READ', 'ZohoCRM.modules.ALL'], 'ZohoCRM.modules.leads.READ'),
    ).toBe(true);
    expect(scopeCovers([], 'ZohoCRM.modules.leads.READ')).toBe(false);
  });
});
