// The catalog's data is consistent with itself: every product the issue lists is there, every
// preset, sample and discovery request names a scope its product lists, every claimed data centre
// has a host, and reverse lookup finds the scope of each sample request.
import { describe, expect, it } from 'vitest';
import { DC_CODES, type DcCode } from '../../../../main/core/zoho/data-centres.js';
import {
  PRODUCTS,
  PRODUCT_IDS,
  catalogFactCounts,
  defaultProductHost,
  findProductForPath,
  listPresets,
  listSampleRequests,
  parseScope,
  productsForPath,
  requiredScopeFor,
  resolveProductBaseUrl,
  scopeCovers,
  type Product,
} from '../../../../main/core/catalog/index.js';
import { resolveTarget } from '../../../../main/core/requests/request-runner.js';
import { isTokenDeskError } from '../../../../main/core/errors.js';
import { makeConnection } from '../../../support/fakes.js';

const REQUIRED_PRODUCTS = [
  'accounts',
  'crm',
  'bigin',
  'books',
  'invoice',
  'inventory',
  'expense',
  'billing',
  'desk',
  'projects',
  'people',
  'recruit',
  'creator',
  'analytics',
  'campaigns',
  'sign',
  'workdrive',
  'mail',
  'cliq',
  'sheet',
  'writer',
  'fsm',
];

function expectScopeOfProduct(product: Product, scope: string): void {
  const parsed = parseScope(scope);
  expect(parsed.ok, `${scope} parses`).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.scope.text, `${scope} is written in its normalized form`).toBe(scope);
  expect(parsed.scope.known, `${scope} is listed by the catalog`).toBe(true);
  expect(
    product.scopes.map((entry) => entry.scope),
    `${scope} belongs to ${product.id}`,
  ).toContain(scope);
}

describe('catalog data', () => {
  it('has every product the issue asks for, once, in PRODUCT_IDS order', () => {
    expect(PRODUCTS.map((p) => p.id)).toEqual([...PRODUCT_IDS]);
    expect(PRODUCTS.map((p) => p.id)).toEqual(expect.arrayContaining(REQUIRED_PRODUCTS));
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
  });

  it.each(PRODUCTS.map((p) => [p.id, p] as const))(
    '%s: scopes are valid, unique and carry plain descriptions',
    (_, product) => {
      expect(product.scopes.length).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const entry of product.scopes) {
        expect(parseScope(entry.scope).ok, entry.scope).toBe(true);
        expect(seen.has(entry.scope.toLowerCase()), `duplicate ${entry.scope}`).toBe(false);
        seen.add(entry.scope.toLowerCase());
        expect(entry.description.length).toBeGreaterThan(3);
        expect(entry.description).not.toMatch(/\n/);
      }
    },
  );

  it('uses the Billing scope prefix ZohoSubscriptions, and People its upper-case ZOHOPEOPLE', () => {
    expect(PRODUCTS.find((p) => p.id === 'billing')!.servicePrefix).toBe('ZohoSubscriptions');
    expect(PRODUCTS.find((p) => p.id === 'people')!.servicePrefix).toBe('ZOHOPEOPLE');
  });

  it.each(listPresets().map((p) => [p.id, p] as const))(
    'preset %s: every scope parses and exists in its product',
    (_, preset) => {
      const product = PRODUCTS.find((p) => p.id === preset.product)!;
      expect(preset.scopes.length).toBeGreaterThan(0);
      for (const scope of preset.scopes) expectScopeOfProduct(product, scope);
    },
  );

  it('has unique preset ids, with the examples from the issue', () => {
    const ids = listPresets().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const labels = listPresets().map((p) => p.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'CRM: read everything',
        'Books: manage invoices',
        'Desk: read tickets',
      ]),
    );
  });

  it.each(listSampleRequests().map((s) => [s.id, s] as const))(
    'sample %s: read-only GET whose scope exists in its product',
    (_, sample) => {
      const product = PRODUCTS.find((p) => p.id === sample.product)!;
      expect(sample.method).toBe('GET');
      expect(sample.path.startsWith('/')).toBe(true);
      expectScopeOfProduct(product, sample.scope);
      for (const param of sample.params ?? []) expect(sample.path).toContain(`{${param.name}}`);
    },
  );

  it('has at least one sample request per product', () => {
    for (const product of PRODUCTS) expect(product.samples.length, product.id).toBeGreaterThan(0);
  });

  it.each(PRODUCTS.filter((p) => p.orgContext?.discovery).map((p) => [p.id, p] as const))(
    '%s: the organization discovery request names an existing scope',
    (_, product) => {
      expectScopeOfProduct(product, product.orgContext!.discovery!.scope);
    },
  );

  it.each(PRODUCTS.map((p) => [p.id, p] as const))(
    '%s: has an https host for each data centre it claims, and none for the others',
    (_, product) => {
      const claimed = Object.keys(product.dcs) as DcCode[];
      expect(claimed.length).toBeGreaterThan(0);
      for (const dc of DC_CODES) {
        const host = defaultProductHost(product, dc);
        const base = resolveProductBaseUrl(product, { dc });
        if (claimed.includes(dc)) {
          expect(host?.origin, `${product.id} in ${dc}`).toMatch(/^https:\/\/[a-z0-9.-]+$/);
          expect(base).toBe(host!.origin + product.api.basePath);
        } else {
          expect(host, `${product.id} does not claim ${dc}`).toBeUndefined();
          expect(base).toBeUndefined();
        }
      }
    },
  );

  it.each(PRODUCTS.map((p) => [p.id, p] as const))(
    '%s: the base path is clean and every sample path carries a product prefix',
    (_, product) => {
      expect(product.api.basePath).toMatch(/^\/[^?#]*[^/]$/);
      for (const sample of product.samples) {
        const bare = sample.path.split('?')[0]!;
        expect(
          product.api.pathPrefixes.some(
            (prefix) =>
              bare === prefix.replace(/\/$/, '') ||
              bare.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
          ),
          sample.path,
        ).toBe(true);
      }
    },
  );

  it.each(listSampleRequests().map((s) => [s.id, s] as const))(
    'reverse lookup finds the scope of sample %s',
    (_, sample) => {
      const found = requiredScopeFor(sample.product, sample.method, sample.path);
      expect(found, sample.path).toBeDefined();
      expect(found!.product).toBe(sample.product);
      expect(found!.scope).toBe(sample.scope);
    },
  );

  it('finds the product of every sample, and refuses to guess where products share a path', () => {
    const eu = makeConnection({
      dc: 'eu',
      accountsUrl: 'https://accounts.zoho.eu',
      apiDomain: 'https://www.zohoapis.eu',
      custom: undefined,
    });
    const shared = new Set<string>();
    for (const sample of listSampleRequests()) {
      const candidates = productsForPath(sample.path).map((p) => p.id);
      expect(candidates, sample.path).toContain(sample.product);
      // With its product named (as a loaded sample does), it goes to that product's host.
      const target = resolveTarget(eu, {
        method: 'GET',
        pathOrUrl: sample.path,
        product: sample.product,
      });
      expect(target.url.origin, sample.id).toBe(defaultProductHost(sample.product, 'eu')!.origin);
      expect(target.product).toBe(sample.product);
      if (candidates.length === 1) {
        expect(findProductForPath(sample.path)?.id, sample.path).toBe(sample.product);
        continue;
      }
      shared.add(sample.product);
      expect(findProductForPath(sample.path), sample.path).toBeUndefined();
      // Without it, the request is refused instead of going to api_domain.
      let error: unknown;
      try {
        resolveTarget(eu, { method: 'GET', pathOrUrl: sample.path });
      } catch (caught) {
        error = caught;
      }
      expect(isTokenDeskError(error) && error.code, sample.id).toBe('ambiguous_product');
      expect(isTokenDeskError(error) && error.cliHint).toContain(`--product ${sample.product}`);
    }
    expect([...shared].sort()).toEqual(['cliq', 'desk', 'sheet', 'sign']);
    expect(findProductForPath('/crm/v8/org')?.id).toBe('crm');
    expect(findProductForPath('/books/v3/invoices')?.id).toBe('books');
  });

  it('marks at least the facts docs/zoho.md confirms, and counts both kinds', () => {
    const counts = catalogFactCounts();
    expect(counts.total.confirmed).toBeGreaterThan(0);
    expect(counts.total.unconfirmed).toBeGreaterThan(0);
    expect(counts.total.confirmed + counts.total.unconfirmed).toBe(
      Object.entries(counts)
        .filter(([k]) => k !== 'total')
        .reduce((sum, [, c]) => sum + c.confirmed + c.unconfirmed, 0),
    );
    const crm = PRODUCTS.find((p) => p.id === 'crm')!;
    expect(crm.scopes.find((s) => s.scope === 'ZohoCRM.modules.ALL')!.confirmed).toBe(true);
    expect(crm.scopes.find((s) => s.scope === 'ZohoCRM.users.READ')!.confirmed).toBe(false);
    const desk = PRODUCTS.find((p) => p.id === 'desk')!;
    expect(desk.scopes.find((s) => s.scope === 'Desk.tickets.READ')!.confirmed).toBe(false);
    expect(desk.orgContext!.confirmed).toBe(true);
  });

  it('lists the widely used Desk WRITE scopes and CRM WRITE/CUSTOM, marked as Zoho states them', () => {
    const scope = (productId: string, text: string) =>
      PRODUCTS.find((p) => p.id === productId)!.scopes.find((s) => s.scope === text);
    for (const text of [
      'Desk.tickets.WRITE',
      'Desk.contacts.WRITE',
      'Desk.tasks.WRITE',
      'Desk.settings.WRITE',
      'Desk.basic.CREATE',
    ]) {
      expect(scope('desk', text), text).toMatchObject({ confirmed: false });
      expect(parseScope(text)).toMatchObject({ ok: true, scope: { known: true, text } });
    }
    expect(scope('desk', 'Desk.tickets.WRITE')!.sensitivity).toBe('delete');
    expect(scope('crm', 'ZohoCRM.modules.WRITE')).toMatchObject({
      confirmed: true,
      sensitivity: 'delete',
    });
    expect(scope('crm', 'ZohoCRM.modules.leads.WRITE')).toMatchObject({ confirmed: true });
    expect(scope('crm', 'ZohoCRM.modules.CUSTOM')).toMatchObject({ confirmed: false });
    // WRITE stands for create, update and delete, so it allows a POST the lookup maps to CREATE.
    expect(requiredScopeFor('crm', 'POST', '/crm/v8/Leads')!.alsoAccepted).toContain(
      'ZohoCRM.modules.leads.WRITE',
    );
  });

  it('every sample scope is covered by the presets of its product or is offered alone', () => {
    // Not a rule of Zoho, a sanity check of our presets: the first read preset runs the samples.
    for (const product of PRODUCTS) {
      const presetScopes = product.presets.flatMap((p) => [...p.scopes]);
      const runnable = product.samples.filter((s) => scopeCovers(presetScopes, s.scope));
      expect(runnable.length, product.id).toBeGreaterThan(0);
    }
  });
});
