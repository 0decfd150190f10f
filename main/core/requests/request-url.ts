// Where a test request goes. A path is resolved against its product's host in the data centre
// Zoho placed the account in (or the connection's api_domain); a full URL is
// accepted only for Zoho's own hosts (or the connection's configured servers), because the
// request carries the user's access token and must never hand it to anyone else.

import { inputError } from '../errors.js';
import type { Connection } from '../store/connection.js';
import { DATA_CENTRES, dcForAccountsUrl, isDcCode, type DcCode } from '../zoho/data-centres.js';
import {
  findProductForPath,
  productsForPath,
  requireProduct,
  resolveProductOrigin,
  type Product,
} from '../catalog/index.js';
import type { ApiRequest } from './api-request.js';

const ZOHO_HOST =
  /(^|\.)(zoho|zohoapis)\.(com|eu|in|com\.au|jp|sa|uk|com\.cn|ca|ae)$|(^|\.)zohocloud\.ca$/i;

export function isZohoHost(hostname: string): boolean {
  return ZOHO_HOST.test(hostname);
}

function connectionOrigins(connection: Connection): Set<string> {
  const origins = [
    connection.apiDomain,
    connection.accountsUrl,
    connection.custom?.apiDomain,
    connection.custom?.accountsUrl,
  ];
  return new Set(origins.filter((o): o is string => o !== undefined).map((o) => new URL(o).origin));
}

const isFullUrl = (text: string) => /^[a-z][a-z0-9+.-]*:/i.test(text.trim());
const pathOf = (pathOrUrl: string) => pathOrUrl.trim().split(/[?#]/)[0];

/**
 * The data centre Zoho placed the account in, which may differ from the one the connection was
 * added with (a multi-DC client started at accounts.zoho.com, Zoho redirected the user to EU):
 * Zoho's `location` from the callback, else the data centre of the accounts server that holds
 * the grant, else the one chosen when adding. 'custom' for configured servers.
 */
export function connectionDataCentre(connection: Connection): DcCode | 'custom' {
  if (connection.custom || connection.dc === 'custom') return 'custom';
  const location = connection.location?.trim().toLowerCase() ?? '';
  if (isDcCode(location)) return location;
  return dcForAccountsUrl(connection.accountsUrl)?.code ?? connection.dc;
}

/**
 * The catalog product a request is for: the one the request names (from a sample, the builder's
 * Product choice or `--product`), else the one its URL or path identifies. A path that several
 * products share ("/api/v1/" is Desk and Sign, on different hosts) is refused rather than sent to
 * the wrong host; a full URL names its host itself, so it never needs a product to be sent.
 */
export function requestProduct(
  request: Pick<ApiRequest, 'pathOrUrl' | 'product'>,
): Product | undefined {
  const candidates = productsForPath(request.pathOrUrl);
  if (request.product !== undefined) {
    const chosen = requireProduct(request.product);
    // A path that is plainly another product's (a CRM path with Desk chosen) would reach a host
    // that does not serve it: say so instead of sending it there.
    if (candidates.length > 0 && !candidates.includes(chosen)) {
      const owners = candidates.map((p) => p.name).join(' or ');
      throw inputError(
        'product_mismatch',
        `${pathOf(request.pathOrUrl)} is a ${owners} path, but the request is for ${chosen.name}.`,
        `Choose ${owners} (or Auto) as the product, or correct the path.`,
        { product: chosen.id, candidates: candidates.map((p) => p.id) },
        `${candidates.map((p) => `--product ${p.id}`).join(' or ')}, or leave --product out`,
      );
    }
    return chosen;
  }
  if (candidates.length <= 1 || isFullUrl(request.pathOrUrl))
    return findProductForPath(request.pathOrUrl);
  const names = candidates.map((p) => p.name);
  const ids = candidates.map((p) => p.id);
  throw inputError(
    'ambiguous_product',
    `${pathOf(request.pathOrUrl)} could be ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}: they use the same paths on different hosts, so Token Desk cannot tell where to send it.`,
    `Say which product you mean: choose ${names.join(' or ')} as the product.`,
    { candidates: ids },
    ids.map((id) => `--product ${id}`).join(' or '),
  );
}

/**
 * The origin a path is sent to: the catalog product's host in the connection's data centre (Desk
 * lives on desk.zoho.<tld>, CRM on the api_domain Zoho answered), or the api_domain when the
 * catalog does not know the path. A connection with custom servers always uses those. A product
 * on its own host that the catalog knows no host for in that data centre is refused: its path
 * would only reach api_domain, which is not where that product answers.
 */
export function productOrigin(connection: Connection, product: Product | undefined): string {
  if (!product) return connection.apiDomain;
  const dc = connectionDataCentre(connection);
  const origin = resolveProductOrigin(product.id, {
    dc,
    apiDomain: connection.apiDomain,
    accountsUrl: connection.accountsUrl,
    environment: connection.environment,
  });
  if (origin !== undefined) return origin;
  // A zohoapis product the catalog does not list for this DC (its UK column is thin) is served
  // on the api_domain Zoho answered for this very account: that is where Zoho says to call.
  if (dc === 'custom' || product.api.host.kind === 'zohoapis') return connection.apiDomain;
  const runsIn = (Object.keys(product.dcs) as DcCode[]).map((code) => code.toUpperCase());
  throw inputError(
    'product_not_in_dc',
    `${product.name} has no API host in the ${dc.toUpperCase()} data centre (${DATA_CENTRES[dc].label}), where this connection's Zoho account is, as far as Token Desk knows.`,
    `Token Desk knows ${product.name} in ${runsIn.join(', ')}. Use a connection whose account is in one of those data centres; if ${product.name} does run in yours, send the full https:// address Zoho gives for it instead.`,
    { product: product.id, dc },
  );
}

/** The URL a request goes to; `product` (see requestProduct) picks the host for a path. */
export function resolveRequestUrl(
  connection: Connection,
  pathOrUrl: string,
  product: Product | undefined = findProductForPath(pathOrUrl),
): URL {
  const text = pathOrUrl.trim();
  if (isFullUrl(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw inputError(
        'bad_url',
        `"${text}" is not a valid URL.`,
        'Give a path such as /crm/v8/org, or a full https:// Zoho address.',
      );
    }
    const own = connectionOrigins(connection).has(url.origin);
    if (!own && !(url.protocol === 'https:' && isZohoHost(url.hostname))) {
      throw inputError(
        'foreign_host',
        `Token Desk sends your access token only to Zoho; ${url.host} is not a Zoho address.`,
        "Give a path relative to the connection's API domain (e.g. /crm/v8/org) or a https:// address on a Zoho host.",
      );
    }
    return url;
  }
  if (!text.startsWith('/')) {
    throw inputError(
      'bad_path',
      `"${text}" is neither a path nor a URL.`,
      'Start the path with a slash, e.g. /crm/v8/org.',
    );
  }
  return new URL(productOrigin(connection, product).replace(/\/+$/, '') + text);
}
