// Where a test request goes. A path is resolved against the connection's API host; a full URL is
// accepted only for Zoho's own hosts (or the connection's configured servers), because the
// request carries the user's access token and must never hand it to anyone else.

import { inputError } from '../errors.js';
import type { Connection } from '../store/connection.js';
import { findProductForPath, resolveProductOrigin, type Product } from '../catalog/index.js';

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

/**
 * The origin a path is sent to: the catalog product's host in the connection's data centre (Desk
 * lives on desk.zoho.<tld>, CRM on the api_domain Zoho answered), or the api_domain when the
 * catalog does not know the path. A connection with custom servers always uses those.
 */
export function productOrigin(connection: Connection, product: Product | undefined): string {
  if (!product) return connection.apiDomain;
  const origin = resolveProductOrigin(product.id, {
    dc: connection.custom ? 'custom' : connection.dc,
    apiDomain: connection.apiDomain,
    accountsUrl: connection.accountsUrl,
    environment: connection.environment,
  });
  return origin ?? connection.apiDomain;
}

export function resolveRequestUrl(
  connection: Connection,
  pathOrUrl: string,
  baseUrl = productOrigin(connection, findProductForPath(pathOrUrl)),
): URL {
  const text = pathOrUrl.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
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
  return new URL(baseUrl.replace(/\/+$/, '') + text);
}
