// The catalog's lookups: products with their flattened scope lists, presets, finding a product
// from a request path or URL, sample requests a token can run, and each product's organization
// context. The data lives in products/; this module only indexes it.

import { inputError } from '../errors.js';
import { productHostnames, startsWithPrefix } from './hosts.js';
import { PRODUCT_DEFINITIONS } from './products/index.js';
import { scopeCovers, sensitivityOf } from './scope-grammar.js';
import {
  OPERATIONS,
  PRODUCT_IDS,
  type OrgContext,
  type Preset,
  type Product,
  type ProductDefinition,
  type ProductId,
  type SampleRequest,
  type ScopeEntry,
} from './types.js';

function flattenScopes(def: ProductDefinition): ScopeEntry[] {
  const entries: ScopeEntry[] = [];
  for (const family of def.scopeFamilies) {
    const service = family.service ?? def.servicePrefix;
    const prefix = `${service}.${family.name}`;
    const operations = OPERATIONS.filter((op) => family.operations.includes(op));
    for (const operation of operations) {
      entries.push({
        scope: `${prefix}.${operation}`,
        product: def.id,
        family: prefix,
        operation,
        description: family.description,
        sensitivity: sensitivityOf(operation, family.name),
        confirmed: family.confirmed && !(family.unconfirmedOperations ?? []).includes(operation),
        ...(family.source ? { source: family.source } : {}),
      });
    }
  }
  for (const standalone of def.standaloneScopes ?? []) {
    entries.push({
      scope: standalone.scope,
      product: def.id,
      family: standalone.scope,
      operation: null,
      description: standalone.description,
      sensitivity: 'read',
      confirmed: standalone.confirmed,
      ...(standalone.source ? { source: standalone.source } : {}),
    });
  }
  return entries;
}

/** Every product, in display order, with its scopes flattened to one entry per operation. */
export const PRODUCTS: readonly Product[] = PRODUCT_DEFINITIONS.map((def) => ({
  ...def,
  scopes: flattenScopes(def),
}));

const BY_ID = new Map<string, Product>(PRODUCTS.map((product) => [product.id, product]));

export function isProductId(value: string): value is ProductId {
  return (PRODUCT_IDS as readonly string[]).includes(value);
}

export function getProduct(id: string): Product | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

/** Like getProduct, but an unknown id is the user's input error, listing the ids there are. */
export function requireProduct(id: string): Product {
  const product = getProduct(id);
  if (!product) {
    throw inputError(
      'unknown_product',
      `"${id}" is not a product in the Token Desk catalog.`,
      `Use one of: ${PRODUCT_IDS.join(', ')}.`,
      {
        products: [...PRODUCT_IDS],
      },
    );
  }
  return product;
}

/** All presets of all products (or of one), each with its product id. */
export function listPresets(productId?: string): (Preset & { product: ProductId })[] {
  const products = productId === undefined ? PRODUCTS : [requireProduct(productId)];
  return products.flatMap((product) =>
    product.presets.map((preset) => ({ ...preset, product: product.id })),
  );
}

export function getPreset(id: string): (Preset & { product: ProductId }) | undefined {
  return listPresets().find((preset) => preset.id === id);
}

/** The flattened scopes of every product, or of one. */
export function listScopes(productId?: string): ScopeEntry[] {
  return productId === undefined
    ? PRODUCTS.flatMap((product) => [...product.scopes])
    : [...requireProduct(productId).scopes];
}

const HOSTNAMES = new Map<string, ProductId>();
for (const product of PRODUCTS)
  for (const hostname of productHostnames(product)) HOSTNAMES.set(hostname, product.id);

function splitTarget(pathOrUrl: string): { hostname?: string; path: string } {
  const text = pathOrUrl.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      return { hostname: url.hostname.toLowerCase(), path: url.pathname };
    } catch {
      return { path: '' };
    }
  }
  return { path: text.split(/[?#]/)[0] ?? '' };
}

/**
 * The products a request path or URL may belong to. A full URL on a product's own host
 * (desk.zoho.eu) decides by host; otherwise the longest matching path prefix decides ("/crm/",
 * "/books/"). Several products when they share the best prefix on different hosts: "/api/v1/" is
 * both Desk and Sign, "/api/v2/" Cliq and Sheet, "/api/v3/" Cliq and Projects.
 */
export function productsForPath(pathOrUrl: string): Product[] {
  const { hostname, path } = splitTarget(pathOrUrl);
  if (hostname !== undefined) {
    const byHost = HOSTNAMES.get(hostname);
    if (byHost) return [getProduct(byHost)!];
    if (/^accounts\.zoho(cloud)?\./.test(hostname)) return [getProduct('accounts')!];
  }
  const onZohoapis = hostname !== undefined && /(^|\.)zohoapis\./.test(hostname);
  let best: Product[] = [];
  let bestLength = 0;
  for (const product of PRODUCTS) {
    if (onZohoapis && product.api.host.kind !== 'zohoapis') continue;
    for (const prefix of product.api.pathPrefixes) {
      if (!startsWithPrefix(path, prefix)) continue;
      if (prefix.length > bestLength) {
        best = [product];
        bestLength = prefix.length;
      } else if (prefix.length === bestLength && !best.includes(product)) {
        best.push(product);
      }
    }
  }
  return best;
}

/**
 * The product a request path or URL belongs to (see productsForPath). Undefined when nothing
 * matches or the path is ambiguous: then the caller must say which product it means.
 */
export function findProductForPath(pathOrUrl: string): Product | undefined {
  const candidates = productsForPath(pathOrUrl);
  return candidates.length === 1 ? candidates[0] : undefined;
}

export interface CatalogSampleRequest extends SampleRequest {
  product: ProductId;
  productName: string;
}

/** Every sample request, with its product. */
export function listSampleRequests(productId?: string): CatalogSampleRequest[] {
  const products = productId === undefined ? PRODUCTS : [requireProduct(productId)];
  return products.flatMap((product) =>
    product.samples.map((sample) => ({
      ...sample,
      product: product.id,
      productName: product.name,
    })),
  );
}

/** The sample requests a token with these scopes may run (its scope is covered by one of them). */
export function sampleRequestsFor(grantedScopes: readonly string[]): CatalogSampleRequest[] {
  return listSampleRequests().filter((sample) => scopeCovers(grantedScopes, sample.scope));
}

/** How the product is told which organization a call is for; undefined when it needs nothing. */
export function orgContextFor(productId: string): OrgContext | undefined {
  return requireProduct(productId).orgContext;
}
