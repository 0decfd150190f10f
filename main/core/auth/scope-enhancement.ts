// Incremental authorization of a server-based connection (docs/zoho.md §4.9, Scope enhancement):
// an enhancement token for the existing refresh token, then the browser to addextrascope, where
// the user accepts only the new scopes. The refresh token stays the same, so nothing minted
// elsewhere breaks and no 21st refresh token pushes out an old one. When Zoho refuses either step
// (anything but the user pressing Reject), the caller falls back to a full sign-in and says so.

import { TokenDeskError, isTokenDeskError } from '../errors.js';
import type { BrowserOpener, LoopbackListenerPort, Random } from '../ports.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import {
  openBrowserRoundTrip,
  safeProgress,
  type ServerAuthorizationProgress,
} from './browser-round-trip.js';
import type { AuthorizationCoordinator } from './pending-authorization.js';
import { createState, nodeRandom } from './pkce.js';

export interface ScopeEnhancementOptions {
  oauth: ZohoOAuthClient;
  opener?: BrowserOpener;
  openBrowser: boolean;
  onAuthorizationUrl(url: string): void;
  onProgress?(progress: ServerAuthorizationProgress): void;
  connection: {
    /** The accounts server that holds the refresh token. */
    accountsUrl: string;
    clientId: string;
    redirectUri: string;
  };
  clientSecret: string;
  refreshToken: string;
  /** Only the scopes to add. */
  extraScopes: string[];
  timeoutMs?: number;
  loopback: LoopbackListenerPort;
  coordinator?: AuthorizationCoordinator;
  signal?: AbortSignal;
  random?: Random;
}

/**
 * Why Zoho would not extend the grant; the caller signs in afresh instead. `reason` is one
 * plain-language sentence, never a secret.
 */
export class ScopeEnhancementRefused extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(reason, cause === undefined ? undefined : { cause });
    this.name = 'ScopeEnhancementRefused';
  }
}

/** Errors that mean "do not fall back": the user said no, gave up, or the network is down. */
function isFinal(error: unknown): boolean {
  return (
    isTokenDeskError(error) &&
    (error.category === 'network' ||
      error.code === 'access_denied' ||
      error.code === 'authorization_cancelled' ||
      error.code === 'authorization_timeout' ||
      error.code === 'port_in_use' ||
      error.code === 'throttled')
  );
}

export async function runScopeEnhancement(options: ScopeEnhancementOptions): Promise<void> {
  const { oauth, connection } = options;
  const progress = safeProgress(options.onProgress);

  progress({ step: 'scope-enhancement' });
  let enhanceToken: string;
  try {
    const answer = await oauth.scopeEnhancementToken({
      accountsUrl: connection.accountsUrl,
      clientId: connection.clientId,
      clientSecret: options.clientSecret,
      refreshToken: options.refreshToken,
    });
    enhanceToken = answer.accessToken;
  } catch (error) {
    if (isFinal(error)) throw error;
    throw new ScopeEnhancementRefused(
      isTokenDeskError(error)
        ? `Zoho would not extend the existing grant (${error.code})`
        : 'Zoho would not extend the existing grant',
      error,
    );
  }

  const state = createState(options.random ?? nodeRandom);
  const pending = await openBrowserRoundTrip({
    ...options,
    receiver: {
      redirectUri: connection.redirectUri,
      expectedState: state,
      expect: 'scope-enhancement',
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    },
    pageUrl: (redirectUri) =>
      oauth.buildAddExtraScopeUrl({
        accountsUrl: connection.accountsUrl,
        clientId: connection.clientId,
        redirectUri,
        scopes: options.extraScopes,
        enhanceToken,
        state,
      }),
    progress,
  });

  let status: string | undefined;
  try {
    status = (await pending.result).status;
  } catch (error) {
    if (isFinal(error)) throw error;
    throw new ScopeEnhancementRefused('Zoho did not add the scopes to the existing grant', error);
  }
  // Zoho documents a success and a failure answer on the redirect; only an explicit failure
  // counts as one (the exact parameter is unconfirmed, docs/zoho.md §4.9).
  if (status !== undefined && status.toLowerCase() !== 'success') {
    throw new ScopeEnhancementRefused(
      `Zoho answered "${status}" to the request for more scopes`,
      new TokenDeskError('scope_enhancement_failed', 'Zoho did not add the scopes.', {
        category: 'refused',
        remedy: 'Sign in again with all the scopes.',
      }),
    );
  }
}
