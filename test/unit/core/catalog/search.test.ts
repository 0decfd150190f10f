// Scope search and sample requests for a token's scopes.
import { describe, expect, it } from 'vitest';
import {
  listScopes,
  sampleRequestsFor,
  searchScopes,
} from '../../../../main/core/catalog/index.js';

describe('searchScopes', () => {
  it('returns every scope of a product for an empty query', () => {
    expect(searchScopes('', 'desk')).toEqual(listScopes('desk'));
    expect(searchScopes('  ').length).toBe(listScopes().length);
  });

  it('needs every word to match the scope, its description or its product', () => {
    const found = searchScopes('books invoices read').map((e) => e.scope);
    expect(found).toEqual(['ZohoBooks.invoices.READ']);
    expect(searchScopes('tickets', 'desk').map((e) => e.scope)).toContain('Desk.tickets.READ');
    expect(searchScopes('zzzz-nothing')).toEqual([]);
  });

  it('puts exact and prefix matches on the scope first', () => {
    expect(searchScopes('zohocrm.modules.read')[0]?.scope).toBe('ZohoCRM.modules.READ');
    expect(searchScopes('ZohoBooks.inv')[0]?.scope).toMatch(/^ZohoBooks\.invoices\./);
  });

  it('rejects an unknown product with the list of ids', () => {
    expect(() => searchScopes('x', 'nope')).toThrow(
      expect.objectContaining({
        code: 'unknown_product',
        remedy: expect.stringMatching(/crm, bigin, books/),
      }),
    );
  });
});

describe('sampleRequestsFor', () => {
  it('offers the samples whose scope the token has, including through ALL and parent scopes', () => {
    const ids = sampleRequestsFor([
      'ZohoCRM.modules.ALL',
      'ZohoCRM.org.READ',
      'aaaserver.profile.read',
    ]).map((s) => s.id);
    expect(ids).toEqual(['accounts-user-info', 'crm-org', 'crm-leads']);
    expect(sampleRequestsFor(['ZohoBooks.fullaccess.all']).map((s) => s.id)).toEqual([
      'books-organizations',
      'books-invoices',
      'books-contacts',
    ]);
  });

  it('offers nothing without scopes', () => {
    expect(sampleRequestsFor([])).toEqual([]);
    expect(sampleRequestsFor(['bad scope'])).toEqual([]);
  });
});
