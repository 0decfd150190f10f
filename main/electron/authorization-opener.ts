// The BrowserOpener given to the core in the desktop app. shell.openExternal hands a URL to the
// OS, which would run any registered scheme handler, so only one kind of URL goes through: a
// sign-in page main built itself, i.e. `<accounts server of a known connection>/oauth/v2/auth`
// over https (http only for a loopback test server, as the custom-server rules allow).

import { TokenDeskError } from '../core/errors.js';
import type { BrowserOpener } from '../core/ports.js';
import { isLoopbackHost } from '../core/zoho/data-centres.js';

export const AUTHORIZE_PATH = '/oauth/v2/auth';

export interface AuthorizationOpenerOptions {
  /** shell.openExternal in the app. */
  openExternal(url: string): Promise<void>;
  /** Accounts servers of the stored connections (accountsUrl, custom accountsUrl); read per call. */
  accountsServers(): Iterable<string>;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The endpoint `<server>/oauth/v2/auth` as origin + path, or undefined for a malformed server. */
function authorizeEndpoint(server: string): string | undefined {
  const parsed = parse(server);
  if (!parsed) return undefined;
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}${AUTHORIZE_PATH}`;
}

export function isAuthorizationUrl(url: string, accountsServers: Iterable<string>): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password || parsed.hash) return false;
  const secure =
    parsed.protocol === 'https:' ||
    (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  if (!secure) return false;
  const endpoint = `${parsed.origin}${parsed.pathname}`;
  for (const server of accountsServers) {
    if (authorizeEndpoint(server) === endpoint) return true;
  }
  return false;
}

export function createAuthorizationOpener(options: AuthorizationOpenerOptions): BrowserOpener {
  return {
    async open(url) {
      if (!isAuthorizationUrl(url, options.accountsServers())) {
        throw new TokenDeskError(
          'refused_url',
          'Token Desk opens only the Zoho sign-in pages it built itself.',
          {
            category: 'local',
            remedy: 'Start the sign-in again from the connection in Token Desk.',
          },
        );
      }
      await options.openExternal(url);
    },
  };
}
