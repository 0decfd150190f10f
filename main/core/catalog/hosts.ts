// Where a product's API lives: the host per data centre (zohoapis.*, the accounts server, or the
// product's own host such as desk.zoho.<tld>), with Canada's zohocloud.ca and China's .com.cn, and
// the base URL a request for a connection goes to. Products on zohoapis follow the connection's
// api_domain when it is a zohoapis host (docs/zoho.md §7, Token answers); a 'custom' connection
// (proxy, test server) sends everything to its configured servers.

import { DATA_CENTRES, type DcCode } from '../zoho/data-centres.js';
import { PRODUCT_DEFINITIONS } from './products/index.js';
import type { Fact, ProductDefinition } from './types.js';

/** The ending of zoho.<tld> per data centre; Canada's product hosts are on zohocloud.ca instead. */
export const ZOHO_TLD: Readonly<Record<DcCode, string>> = {
  us: 'com',
  eu: 'eu',
  in: 'in',
  au: 'com.au',
  jp: 'jp',
  ca: 'ca',
  sa: 'sa',
  uk: 'uk',
  cn: 'com.cn',
};

export interface HostContext {
  /** The connection's data centre, or 'custom' for a configured server pair. */
  dc: DcCode | 'custom';
  /** The token response's api_domain (or the custom API domain). */
  apiDomain?: string;
  /** The accounts server that holds the grant (or the custom accounts URL). */
  accountsUrl?: string;
  environment?: 'production' | 'sandbox' | 'developer';
}

export interface ProductHost extends Fact {
  origin: string;
}

const ZOHOAPIS_HOST = /^(www|sandbox|developer)\.zohoapis\.[a-z.]+$/;

function definitionOf(product: ProductDefinition | string): ProductDefinition | undefined {
  return typeof product === 'string' ? PRODUCT_DEFINITIONS.find((p) => p.id === product) : product;
}

/** https://<subdomain>.zoho.<tld>, or https://<subdomain>.zohocloud.ca in Canada. */
export function productSubdomainOrigin(subdomain: string, dc: DcCode): string {
  return dc === 'ca'
    ? `https://${subdomain}.zohocloud.ca`
    : `https://${subdomain}.zoho.${ZOHO_TLD[dc]}`;
}

/** The product's host in a data centre, without connection facts; undefined where it does not run. */
export function defaultProductHost(
  product: ProductDefinition | string,
  dc: DcCode,
): ProductHost | undefined {
  const def = definitionOf(product);
  const fact = def?.dcs[dc];
  if (!def || !fact) return undefined;
  const confirmed = fact.confirmed && def.api.confirmed;
  const rule = def.api.host;
  switch (rule.kind) {
    case 'zohoapis':
      return { origin: DATA_CENTRES[dc].apiDomain, confirmed, source: fact.source };
    case 'accounts':
      return { origin: DATA_CENTRES[dc].accountsUrl, confirmed, source: fact.source };
    case 'subdomain':
      return {
        origin: rule.exceptions?.[dc] ?? productSubdomainOrigin(rule.subdomain, dc),
        confirmed,
        source: fact.source,
      };
  }
}

/** A short pattern of the product's host for lists: "www.zohoapis.<tld>", "desk.zoho.<tld>". */
export function hostPattern(product: ProductDefinition): string {
  const rule = product.api.host;
  switch (rule.kind) {
    case 'zohoapis':
      return 'www.zohoapis.<tld>';
    case 'accounts':
      return 'accounts.zoho.<tld>';
    case 'subdomain':
      return `${rule.subdomain}.zoho.<tld>`;
  }
}

/** Every hostname the product answers on (its own hosts only; zohoapis is shared). */
export function productHostnames(product: ProductDefinition): Set<string> {
  const names = new Set<string>();
  if (product.api.host.kind === 'zohoapis') return names;
  for (const dc of Object.keys(product.dcs) as DcCode[]) {
    const host = defaultProductHost(product, dc);
    if (host) names.add(new URL(host.origin).hostname);
  }
  return names;
}

function httpsOrigin(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origin (scheme + host) a request for this product goes to for a connection; for a 'custom'
 * connection, its configured server as given (which may include a path). Undefined when the
 * product does not run in that DC or the connection lacks the server it needs.
 */
export function resolveProductOrigin(
  product: ProductDefinition | string,
  ctx: HostContext,
): string | undefined {
  const def = definitionOf(product);
  if (!def) return undefined;
  if (ctx.dc === 'custom') {
    const server = def.api.host.kind === 'accounts' ? ctx.accountsUrl : ctx.apiDomain;
    return server?.replace(/\/+$/, '');
  }
  const host = defaultProductHost(def, ctx.dc);
  if (!host) return undefined;
  switch (def.api.host.kind) {
    case 'accounts':
      return httpsOrigin(ctx.accountsUrl)?.origin ?? host.origin;
    case 'subdomain':
      return host.origin;
    case 'zohoapis': {
      const given = httpsOrigin(ctx.apiDomain);
      const url = new URL(given && ZOHOAPIS_HOST.test(given.hostname) ? given.origin : host.origin);
      const env = ctx.environment;
      if (env && env !== 'production' && def.api.environments?.includes(env)) {
        url.hostname = url.hostname.replace(/^(www|sandbox|developer)\./, `${env}.`);
      }
      return url.origin;
    }
  }
}

/** The API root for this product and connection: origin + base path (e.g. https://www.zohoapis.eu/crm/v8). */
export function resolveProductBaseUrl(
  product: ProductDefinition | string,
  ctx: HostContext,
): string | undefined {
  const def = definitionOf(product);
  const origin = def && resolveProductOrigin(def, ctx);
  return def && origin !== undefined ? origin + def.api.basePath : undefined;
}

/**
 * The full URL for a product path: a path that already starts with one of the product's prefixes
 * ("/crm/v7/org") goes to the origin as is; any other path is taken as relative to the base path.
 */
export function resolveProductUrl(
  product: ProductDefinition | string,
  path: string,
  ctx: HostContext,
): string | undefined {
  const def = definitionOf(product);
  const origin = def && resolveProductOrigin(def, ctx);
  if (!def || origin === undefined) return undefined;
  const rooted = path.startsWith('/') ? path : `/${path}`;
  const full = startsWithAnyPrefix(rooted, [def.api.basePath, ...def.api.pathPrefixes]);
  return origin + (full ? rooted : def.api.basePath + rooted);
}

/** Path-prefix match on segment boundaries: "/crm/" and "/crm" both match "/crm/v8/org". */
export function startsWithPrefix(path: string, prefix: string): boolean {
  const withSlash = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const bare = path.split(/[?#]/)[0]!;
  return bare === withSlash.slice(0, -1) || bare.startsWith(withSlash);
}

function startsWithAnyPrefix(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => startsWithPrefix(path, prefix));
}
