// Reverse lookup: the scope a request needs, from its product, method and path. Used when an API
// answers OAUTH_SCOPE_MISMATCH (CRM, Bigin), code 57 (Books family) or INVALID_OAUTHSCOPE (Mail),
// so that the UI can name the missing scope instead of showing Zoho's bare error. Each product
// lists path templates (routes) from the most to the least specific.

import { findProductForPath, requireProduct } from './catalog.js';
import { findFamily, scopeCovers } from './scope-grammar.js';
import type {
  HttpMethod,
  Operation,
  Product,
  ProductId,
  ScopeFamily,
  ScopeRoute,
} from './types.js';

export interface RequiredScope {
  /** The narrowest catalog scope that allows the request. */
  scope: string;
  product: ProductId;
  /** Route, scope family and operation are all confirmed by Zoho's docs. */
  confirmed: boolean;
  /** Broader catalog scopes that also allow it (e.g. ZohoCRM.modules.ALL). */
  alsoAccepted: string[];
}

const DEFAULT_OPERATION: Readonly<Record<HttpMethod, Operation>> = {
  GET: 'READ',
  POST: 'CREATE',
  PUT: 'UPDATE',
  PATCH: 'UPDATE',
  DELETE: 'DELETE',
};

function pathOf(pathOrUrl: string): string {
  const text = pathOrUrl.trim();
  let path = text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      path = new URL(text).pathname;
    } catch {
      return '';
    }
  }
  return path.split(/[?#]/)[0] ?? '';
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

/** Matches a route template against path segments; returns the captured values or undefined. */
function matchTemplate(
  template: string,
  path: readonly string[],
): Record<string, string> | undefined {
  const parts = segments(template);
  const captures: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '**') return captures;
    const segment = path[i];
    if (segment === undefined) return undefined;
    const capture = /^\{(\w+)\}$/.exec(part);
    if (capture) captures[capture[1]!] = decodeSafely(segment);
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return parts.length === path.length ? captures : undefined;
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function fillName(template: string, captures: Record<string, string>, route: ScopeRoute): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = (captures[key] ?? '').toLowerCase().replace(/[_-]/g, '');
    return route.aliases?.[value] ?? value;
  });
}

function familyFor(product: Product, name: string): ScopeFamily | undefined {
  const entry = findFamily(product.servicePrefix, name);
  return entry && entry.product === product.id ? entry.family : undefined;
}

function resolveRoute(
  product: Product,
  route: ScopeRoute,
  method: HttpMethod,
  captures: Record<string, string>,
): RequiredScope | undefined {
  const names = [
    fillName(route.scope, captures, route),
    ...(route.fallback ? [fillName(route.fallback, captures, route)] : []),
  ];
  for (const name of names) {
    const family = familyFor(product, name);
    if (!family) continue;
    const wanted = route.methods?.[method] ?? DEFAULT_OPERATION[method];
    const operation = family.operations.includes(wanted)
      ? wanted
      : family.operations.includes('ALL')
        ? 'ALL'
        : undefined;
    if (!operation) continue;
    const scope = `${product.servicePrefix}.${family.name}.${operation}`;
    return {
      scope,
      product: product.id,
      confirmed:
        route.confirmed &&
        family.confirmed &&
        !(family.unconfirmedOperations ?? []).includes(operation),
      alsoAccepted: product.scopes
        .filter((entry) => entry.scope !== scope && scopeCovers(entry.scope, scope))
        .map((entry) => entry.scope),
    };
  }
  return undefined;
}

function normalizeMethod(method: string): HttpMethod | undefined {
  const upper = method.trim().toUpperCase();
  return upper in DEFAULT_OPERATION ? (upper as HttpMethod) : undefined;
}

/**
 * The scope a request needs. `productId` may be omitted when the path or URL identifies the
 * product (see findProductForPath). The path is from the host root ("/crm/v8/Leads"); a path
 * relative to the product's base path ("/Leads") is tried as well. Undefined when the catalog
 * does not know the endpoint.
 */
export function requiredScopeFor(
  productId: string | undefined,
  method: string,
  pathOrUrl: string,
): RequiredScope | undefined {
  const product =
    productId === undefined ? findProductForPath(pathOrUrl) : requireProduct(productId);
  const httpMethod = normalizeMethod(method);
  if (!product || !httpMethod) return undefined;
  const path = pathOf(pathOrUrl);
  const candidates = [
    segments(path),
    segments(product.api.basePath + (path.startsWith('/') ? path : `/${path}`)),
  ];
  for (const candidate of candidates) {
    for (const route of product.routes) {
      const captures = matchTemplate(route.path, candidate);
      if (!captures) continue;
      const found = resolveRoute(product, route, httpMethod, captures);
      if (found) return found;
    }
  }
  return undefined;
}
