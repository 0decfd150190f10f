// The browser half shared by a full sign-in (server-authorization.ts) and a scope enhancement
// (scope-enhancement.ts): the receiver listens at the redirect URI first, the page is built for
// the URI actually listened on, handed to the shell and opened, and each step is reported. The
// caller then awaits the callback and makes its own exchange with Zoho.

import type { BrowserOpener, LoopbackListenerPort } from '../ports.js';
import {
  AuthorizationCoordinator,
  type PendingAuthorization,
  type PendingAuthorizationParams,
} from './pending-authorization.js';

/** The steps of a sign-in a shell can show while it waits (the waiting screen's timeline). */
export type ServerAuthorizationProgress =
  /** The receiver listens at the redirect URI; its timeout runs from now. */
  | { step: 'listening'; redirectUri: string }
  /** The sign-in page is ready: opened in the system browser, or (opened false) to be opened by hand. */
  | { step: 'sign-in'; url: string; browserOpened: boolean }
  /** Zoho sent the browser back with a code; it is being exchanged for tokens. */
  | { step: 'exchanging' }
  /** Adding scopes: asking Zoho to extend the existing refresh token (docs/zoho.md §4.9). */
  | { step: 'scope-enhancement' }
  /** Zoho would not extend it: a full sign-in follows, which mints a new refresh token. */
  | { step: 'full-sign-in'; reason: string };

export interface BrowserRoundTripOptions {
  opener?: BrowserOpener;
  openBrowser: boolean;
  /** Called with the URL before the browser opens, so a shell can show it for copying. */
  onAuthorizationUrl(url: string): void;
  /** Where the receiver listens for the browser's return (node:http in main/platform/node). */
  loopback: LoopbackListenerPort;
  /** A long-running shell's, so that a new sign-in cancels the previous one; else one of its own. */
  coordinator?: AuthorizationCoordinator;
  /** What the receiver waits for: the redirect URI, the state, the kind of return, how long. */
  receiver: PendingAuthorizationParams;
  /** The Zoho page to open, for the redirect URI the receiver actually listens at. */
  pageUrl(redirectUri: string): string;
  progress(step: ServerAuthorizationProgress): void;
}

/**
 * Listens, then shows and opens the Zoho page; resolves with the waiting authorization once the
 * page is out. Listening comes first: if the port is taken, say so before the user signs in for
 * nothing.
 */
export async function openBrowserRoundTrip(
  options: BrowserRoundTripOptions,
): Promise<PendingAuthorization> {
  const coordinator =
    options.coordinator ?? new AuthorizationCoordinator({ loopback: options.loopback });
  const pending = await coordinator.start(options.receiver);
  options.progress({ step: 'listening', redirectUri: pending.redirectUri });
  const url = options.pageUrl(pending.redirectUri);
  let browserOpened = false;
  try {
    options.onAuthorizationUrl(url);
    if (options.openBrowser && options.opener) {
      // The URL was already handed to the shell; if the browser does not open, the user can
      // still paste it, so a failure here must not end the sign-in.
      browserOpened = await options.opener.open(url).then(
        () => true,
        () => false,
      );
    }
  } catch (error) {
    pending.cancel();
    throw error;
  }
  options.progress({ step: 'sign-in', url, browserOpened });
  return pending;
}

/** A shell's progress listener made harmless: a display problem must not end the flow. */
export function safeProgress(
  onProgress: ((progress: ServerAuthorizationProgress) => void) | undefined,
): (progress: ServerAuthorizationProgress) => void {
  return (step) => {
    try {
      onProgress?.(step);
    } catch {
      // A display problem in a shell must not cost the user their sign-in.
    }
  };
}
