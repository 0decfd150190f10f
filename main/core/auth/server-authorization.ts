// The whole browser sign-in for a server-based client, as one straight line: fresh state and
// PKCE, receiver listening, authorization URL shown and opened, callback awaited, accounts server
// checked against the trust list BEFORE any secret is sent, then the code exchanged there.

import { TokenDeskError } from '../errors.js';
import type { BrowserOpener, LoopbackListenerPort, Random } from '../ports.js';
import { dcForAccountsUrl, isTrustedAccountsServer } from '../zoho/data-centres.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import type { TokenSet } from '../zoho/token-set.js';
import {
  openBrowserRoundTrip,
  safeProgress,
  type ServerAuthorizationProgress,
} from './browser-round-trip.js';
import type { AuthorizationCoordinator } from './pending-authorization.js';
import { createPkcePair, createState, nodeRandom } from './pkce.js';

export type { ServerAuthorizationProgress } from './browser-round-trip.js';

export interface ServerAuthorizationConnection {
  /** Where the sign-in starts (the DC's accounts server, or the custom one). */
  accountsUrl: string;
  clientId: string;
  scopes: string[];
  /** The exact redirect URI registered in the API Console. */
  redirectUri: string;
  /** A configured custom accounts server: then it is the only one trusted. */
  customAccountsUrl?: string;
}

export interface ServerAuthorizationOptions {
  oauth: ZohoOAuthClient;
  opener?: BrowserOpener;
  openBrowser: boolean;
  /** Called with the URL before the browser opens, so a shell can show it for copying. */
  onAuthorizationUrl(url: string): void;
  /** Each step as it happens; a throwing listener does not end the sign-in. */
  onProgress?(progress: ServerAuthorizationProgress): void;
  connection: ServerAuthorizationConnection;
  clientSecret: string;
  /**
   * A Multi-DC client's secret for the DC Zoho reports (docs/zoho.md §2, Multi-DC); without it,
   * or when it has none for that DC, `clientSecret` is used.
   */
  secretFor?(accountsUrl: string, location: string | undefined): Promise<string | null>;
  /** How long to wait for the browser; default 5 minutes. */
  timeoutMs?: number;
  /** Where the receiver listens for the browser's return (node:http in main/platform/node). */
  loopback: LoopbackListenerPort;
  /**
   * Shared by a long-running shell so that a new sign-in cancels the previous one; built on the
   * same `loopback`. Without it, this sign-in has a coordinator of its own.
   */
  coordinator?: AuthorizationCoordinator;
  signal?: AbortSignal;
  random?: Random;
}

export interface ServerAuthorizationResult {
  tokens: TokenSet;
  /** The accounts server that holds the grant; refresh and revoke must go there. */
  accountsUrl: string;
  /** Zoho's data-centre code from the callback, if sent. */
  location?: string;
}

export async function runServerAuthorization(
  options: ServerAuthorizationOptions,
): Promise<ServerAuthorizationResult> {
  const { oauth, connection } = options;
  const random = options.random ?? nodeRandom;
  // Fresh per attempt: a state or verifier from an older attempt must never complete this one.
  const state = createState(random);
  const pkce = createPkcePair(random);
  const progress = safeProgress(options.onProgress);
  const pending = await openBrowserRoundTrip({
    ...options,
    receiver: {
      redirectUri: connection.redirectUri,
      expectedState: state,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    },
    pageUrl: (redirectUri) =>
      oauth.buildAuthorizationUrl({
        accountsUrl: connection.accountsUrl,
        clientId: connection.clientId,
        scopes: connection.scopes,
        redirectUri,
        state,
        codeChallenge: pkce.challenge,
      }),
    progress,
  });

  const callback = await pending.result;
  progress({ step: 'exchanging' });
  const accountsUrl = chooseAccountsServer(callback.accountsServer, connection);

  const clientSecret =
    (await options.secretFor?.(accountsUrl, callback.location)) ?? options.clientSecret;
  const tokens = await oauth.exchangeCode({
    accountsUrl,
    clientId: connection.clientId,
    clientSecret,
    code: callback.code,
    redirectUri: pending.redirectUri,
    codeVerifier: pkce.verifier,
  });
  return { tokens, accountsUrl, location: callback.location };
}

/**
 * The accounts server to exchange the code at: the callback's accounts-server when it is one we
 * trust (a known Zoho DC, or exactly the configured custom server), else the one we started at.
 */
export function chooseAccountsServer(
  candidate: string | undefined,
  connection: ServerAuthorizationConnection,
): string {
  if (candidate === undefined) return connection.accountsUrl;
  if (!isTrustedAccountsServer(candidate, connection.customAccountsUrl)) {
    const shown = candidate.length > 120 ? `${candidate.slice(0, 120)}…` : candidate;
    throw new TokenDeskError(
      'untrusted_accounts_server',
      `The sign-in answer named "${shown}" as the accounts server, which is not a known Zoho accounts server. Token Desk sent it nothing.`,
      {
        category: 'refused',
        remedy: connection.customAccountsUrl
          ? `Sign in through ${connection.customAccountsUrl}, the accounts server configured for this connection, and click Try again.`
          : 'Try again, and sign in only on a zoho.* (or zohocloud.ca) page. If you use your own accounts server, add it to the connection as a custom server.',
        details: { accountsServer: shown },
      },
    );
  }
  // Canonical form (no trailing slash or path): the configured custom URL, or the DC's own URL.
  return (
    connection.customAccountsUrl ??
    dcForAccountsUrl(candidate)?.accountsUrl ??
    connection.accountsUrl
  );
}
