// The server-based grant path: the browser sign-in through the loopback receiver. Adding scopes to
// a ready connection first asks Zoho to extend the grant it has (its refresh token keeps working,
// none is minted); when Zoho will not, a full sign-in follows and says why.

import { inputError } from '../errors.js';
import type { Connection } from '../store/connection.js';
import {
  runServerAuthorization,
  type ServerAuthorizationProgress,
} from '../auth/server-authorization.js';
import { ScopeEnhancementRefused, runScopeEnhancement } from '../auth/scope-enhancement.js';
import { normalizeScopes } from '../catalog/index.js';
import { withAddedScopes, type GrantContext } from './grant-context.js';
import { assertSignsInByBrowser } from './grant-guards.js';

export interface ServerAuthorizationOptions {
  openBrowser: boolean;
  /** Scopes to ask for on top of the connection's own (e.g. the one an API said was missing). */
  addScopes?: string[];
  timeoutMs?: number;
  onAuthorizationUrl?: (url: string) => void;
  /** The sign-in's steps (listening, sign-in page ready or opened, exchanging the code). */
  onProgress?: (progress: ServerAuthorizationProgress) => void;
  signal?: AbortSignal;
}

/** What both ways of signing in share: the browser, the receiver, the caller's listeners. */
function browserOptions(context: GrantContext, options: ServerAuthorizationOptions) {
  return {
    oauth: context.oauth,
    opener: context.deps.opener,
    openBrowser: options.openBrowser,
    onAuthorizationUrl: options.onAuthorizationUrl ?? (() => undefined),
    onProgress: options.onProgress,
    timeoutMs: options.timeoutMs,
    loopback: context.deps.loopback,
    coordinator: context.coordinator,
    signal: options.signal,
  };
}

/** A sign-in about to start: the scopes it asks for (`added` of them new), where it returns. */
interface SignInPlan {
  scopes: string[];
  added: string[];
  redirectUri: string;
  clientSecret: string;
}

/**
 * Extends the grant the connection has with the added scopes; undefined when there is no grant to
 * extend or Zoho refused to, so that the caller signs in afresh.
 */
async function extendGrant(
  context: GrantContext,
  connection: Connection,
  plan: SignInPlan,
  options: ServerAuthorizationOptions,
): Promise<Connection | undefined> {
  const refreshToken =
    plan.added.length > 0 && connection.status === 'ready'
      ? await context.getSecret(connection.id, 'refresh_token')
      : null;
  if (!refreshToken) return undefined;
  try {
    await runScopeEnhancement({
      ...browserOptions(context, options),
      connection: {
        accountsUrl: connection.accountsUrl,
        clientId: connection.clientId,
        redirectUri: plan.redirectUri,
      },
      clientSecret:
        (await context.dcClientSecret(connection, connection.accountsUrl, connection.location)) ??
        plan.clientSecret,
      refreshToken,
      extraScopes: plan.added,
    });
    await context.store.update(connection.id, (current) => ({
      ...current,
      scopes: plan.scopes,
      grantedScopes: normalizeScopes([...(current.grantedScopes ?? current.scopes), ...plan.added])
        .scopes,
    }));
    // A token minted before the consent lacks the new scopes: mint one that has them.
    options.onProgress?.({ step: 'exchanging' });
    return (await context.tokens.refresh(connection.id)).connection;
  } catch (error) {
    if (!(error instanceof ScopeEnhancementRefused)) throw error;
    options.onProgress?.({ step: 'full-sign-in', reason: error.reason });
    return undefined;
  }
}

/** The full sign-in, unless the grant the connection has could be extended instead. */
async function signIn(
  context: GrantContext,
  connection: Connection,
  options: ServerAuthorizationOptions,
): Promise<Connection> {
  const redirectUri = assertSignsInByBrowser(connection);
  if (options.openBrowser && !context.deps.opener) {
    throw inputError(
      'no_browser',
      'This shell cannot open a browser.',
      'Open the printed address yourself.',
    );
  }
  const scopes = withAddedScopes(connection.scopes, options.addScopes);
  const clientSecret = await context.requireClientSecret(connection);
  const had = new Set(connection.scopes.map((scope) => scope.toLowerCase()));
  const added = scopes.filter((scope) => !had.has(scope.toLowerCase()));
  const plan = { scopes, added, redirectUri, clientSecret };
  const extended = await extendGrant(context, connection, plan, options);
  if (extended) return extended;
  const outcome = await runServerAuthorization({
    ...browserOptions(context, options),
    connection: {
      accountsUrl: connection.accountsUrl,
      clientId: connection.clientId,
      scopes,
      redirectUri,
      customAccountsUrl: connection.custom?.accountsUrl,
    },
    clientSecret,
    secretFor: (accountsUrl, location) => context.dcClientSecret(connection, accountsUrl, location),
  });
  return context.finishAskedGrant(connection, scopes, outcome.tokens, {
    accountsUrl: outcome.accountsUrl,
    location: outcome.location,
  });
}

export function createServerSignIn(context: GrantContext) {
  return {
    /** The browser sign-in of a server-based client (with scopes added, when asked). */
    authorizeServerClient(
      nameOrId: string,
      options: ServerAuthorizationOptions,
    ): Promise<Connection> {
      return signIn(context, context.store.require(nameOrId), options);
    },
  };
}
