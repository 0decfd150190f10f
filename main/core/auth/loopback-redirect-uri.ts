// Which redirect URIs the loopback receiver can listen at (RFC 8252 §7.3), and on which loopback
// addresses: only plain http on localhost, 127.x.y.z or [::1], with an explicit port, because
// the answer carries the authorization code and must never leave this computer.

import { inputError, type TokenDeskError } from '../errors.js';

export interface ListenTarget {
  address: string;
  /** localhost also tries ::1, but a machine without IPv6 loopback is fine. */
  optional: boolean;
}

export interface ParsedRedirect {
  url: URL;
  port: number;
  targets: ListenTarget[];
}

function badRedirectUri(value: string, why: string): TokenDeskError {
  return inputError(
    'bad_redirect_uri',
    `The redirect URI "${value}" cannot be used: ${why}.`,
    'Use http://localhost:<port>/<path>, for example http://localhost:53134/callback, and register exactly that URI in the Zoho API Console.',
  );
}

export function parseLoopbackRedirectUri(value: string): ParsedRedirect {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRedirectUri(value, 'it is not a valid URL');
  }
  if (url.protocol !== 'http:')
    throw badRedirectUri(
      value,
      'it must start with http:// (the answer never leaves this computer)',
    );
  if (url.username || url.password || url.search || url.hash)
    throw badRedirectUri(value, 'it must not contain credentials, a query or a fragment');
  if (url.port === '')
    throw badRedirectUri(value, 'it must name a port, as in http://localhost:53134/callback');
  const host = url.hostname.toLowerCase();
  let targets: ListenTarget[];
  if (host === 'localhost') {
    // The browser may resolve localhost to either family; listen on both so neither misses.
    targets = [
      { address: '127.0.0.1', optional: false },
      { address: '::1', optional: true },
    ];
  } else if (/^127(\.\d{1,3}){3}$/.test(host)) {
    targets = [{ address: host, optional: false }];
  } else if (host === '[::1]') {
    targets = [{ address: '::1', optional: false }];
  } else {
    throw badRedirectUri(value, 'its host must be localhost, 127.0.0.1 or [::1]');
  }
  return { url, port: Number(url.port), targets };
}
