// Copies a connection's access token (or a ready-made Authorization header) in main, for the tray
// and the window's Copy button: the token manager is asked for a token valid at least 5 more
// minutes (so it refreshes first when less remains), the clipboard is cleared after the user's
// delay if it still holds it, and a notification says what was copied and until when it works.
// The token itself never appears in a notification, a log line or an error. An export copied from
// the window goes through the same guard: with secrets it is cleared after the same delay, and a
// copy of either kind supersedes the pending clear of the one before.

import { isTokenDeskError } from '../core/errors.js';
import type { ClipboardPort } from '../core/ports.js';
import { clearIfUnchanged, copyWithAutoClear, type Schedule } from './clipboard-guard.js';
import { formatClockTime } from './time-text.js';
import { describeSeconds, formatTimeLeft } from '../vocabulary/index.js';

/** Zoho's advice: reuse a token until about 5 minutes before it expires; copy nothing shorter-lived. */
export const COPY_MIN_VALID_SECONDS = 300;

export type CopyKind = 'token' | 'header';

export interface Notice {
  title: string;
  body: string;
}

export interface TokenCopierDeps {
  /** The token manager's getAccessToken. */
  getAccessToken(
    name: string,
    options: { minValidSeconds: number },
  ): Promise<{
    accessToken: string;
    expiresAt: number;
    connection?: { name: string };
    /** True when getting it took a refresh (the stored expiry changed). */
    refreshed?: boolean;
  }>;
  clipboard: ClipboardPort;
  schedule: Schedule;
  /** The user's setting, read at each copy; 0 = never clear. */
  clearAfterSeconds(): number;
  notify(notice: Notice): void;
  now(): number;
  formatTime?(ms: number): string;
  /**
   * The connection changed because of a copy: its token was refreshed, or a failed refresh may
   * have marked it for re-authorization. The desktop emits connections.changed, so the window's
   * countdown and the tray label follow at once (a tray copy has no rpc call that would).
   */
  onConnectionChanged?(name: string): unknown; // awaited when it returns a promise
}

export interface TokenCopier {
  /** Copies, notifies, and returns the expiry; throws the token manager's error on failure. */
  copy(name: string, as: CopyKind): Promise<{ expiresAt: number }>;
  /**
   * Puts other text on the clipboard (an export). `secret`: it holds secrets, so it is cleared
   * after the user's delay like a token; otherwise it stays. Says after how many seconds (0: never).
   */
  copyText(text: string, options: { secret: boolean }): Promise<{ clearAfterSeconds: number }>;
  /** For the tray: like copy, but a failure becomes a notification instead of a rejection. */
  copyAndReport(name: string, as: CopyKind): Promise<void>;
  /** On quit: take our last copy off the clipboard now if it is still there. */
  clearNow(): Promise<void>;
}

/** What lands on the clipboard: the bare token, or a header line to paste into curl or Postman. */
export function clipboardText(accessToken: string, as: CopyKind): string {
  return as === 'header' ? `Authorization: Zoho-oauthtoken ${accessToken}` : accessToken;
}

const WHAT: Record<CopyKind, string> = { token: 'Access token', header: 'Authorization header' };

export function createTokenCopier(deps: TokenCopierDeps): TokenCopier {
  const formatTime = deps.formatTime ?? formatClockTime;
  // One pending clear at a time: a new copy supersedes the old one's timer.
  let last: { cancel: () => void; text: string } | undefined;

  const changed = async (name: string) => {
    try {
      await deps.onConnectionChanged?.(name);
    } catch {
      // Telling the window is a courtesy; the copy itself worked (or its error is what matters).
    }
  };

  async function copy(name: string, as: CopyKind): Promise<{ expiresAt: number }> {
    let result: Awaited<ReturnType<TokenCopierDeps['getAccessToken']>>;
    try {
      result = await deps.getAccessToken(name, { minValidSeconds: COPY_MIN_VALID_SECONDS });
    } catch (error) {
      await changed(name);
      throw error;
    }
    if (result.refreshed) await changed(result.connection?.name ?? name);
    const text = clipboardText(result.accessToken, as);
    const clearAfterSeconds = deps.clearAfterSeconds();
    last?.cancel();
    const cancel = await copyWithAutoClear({
      clipboard: deps.clipboard,
      text,
      clearAfterMs: clearAfterSeconds * 1000,
      schedule: deps.schedule,
    });
    last = { cancel, text };

    const label = result.connection?.name ?? name;
    const remaining = formatTimeLeft(Math.max(0, result.expiresAt - deps.now()));
    const clearing =
      clearAfterSeconds > 0
        ? `The clipboard is cleared in ${describeSeconds(clearAfterSeconds)}.`
        : 'The clipboard is not cleared automatically.';
    deps.notify({
      title: `${WHAT[as]} copied`,
      body: `${label}: valid until ${formatTime(result.expiresAt)} (${remaining} left). ${clearing}`,
    });
    return { expiresAt: result.expiresAt };
  }

  return {
    copy,
    async copyText(text, { secret }) {
      const clearAfterSeconds = secret ? Math.max(0, deps.clearAfterSeconds()) : 0;
      last?.cancel();
      last = undefined;
      const cancel = await copyWithAutoClear({
        clipboard: deps.clipboard,
        text,
        clearAfterMs: clearAfterSeconds * 1000,
        schedule: deps.schedule,
      });
      if (secret) last = { cancel, text };
      return { clearAfterSeconds };
    },
    async copyAndReport(name, as) {
      try {
        await copy(name, as);
      } catch (error) {
        deps.notify({
          title: `Could not copy the token of ${name}`,
          body: isTokenDeskError(error)
            ? `${error.message} ${error.remedy}`
            : 'Something unexpected went wrong. Open Token Desk to see the connection.',
        });
      }
    },
    async clearNow() {
      if (!last) return;
      const { cancel, text } = last;
      last = undefined;
      cancel();
      await clearIfUnchanged(deps.clipboard, text);
    },
  };
}
