// Copying a connection's access token. In Electron main copies (tokens.copy) and clears the
// clipboard later: the token never enters this window. In browser mode there is no main-process
// clipboard, so on the user's click we ask for the token (tokens.reveal) and write it ourselves.
// Clearing it later is up to the browser (it must let the page read the clipboard, with focus),
// so the promise is worded as a try, and a clear the browser refused becomes a notice.

import { useAppState } from '../../app/app-state.js';
import { useNotices } from '../../app/notices.js';
import { useRpc } from '../../app/rpc-context.js';
import { ClipboardUnavailableError, copySecret } from '../../lib/clipboard.js';
import { describeSeconds } from '../../lib/format.js';
import { RpcFailure } from '../../rpc/client.js';

export type CopyKind = 'token' | 'header';

const WHAT: Record<CopyKind, string> = { token: 'Access token', header: 'Authorization header' };

/** The same text main puts on the clipboard for each kind (main/electron/token-copy.ts). */
export const clipboardText = (accessToken: string, as: CopyKind) =>
  as === 'header' ? `Authorization: Zoho-oauthtoken ${accessToken}` : accessToken;

/** Browser mode: the clear after the delay was refused, so what was copied may still be there. */
export const CLIPBOARD_NOT_CLEARED_KEY = 'clipboard-not-cleared';
/** The outlet by the copy buttons (TokenCard, ExportCard) where clipboard notices sit. */
export const CLIPBOARD_NOTICE_ANCHOR = 'clipboard';
/** Away from the copy buttons the notice floats, and goes after this long (it may cover a button). */
export const CLIPBOARD_NOTICE_TIMEOUT_MS = 15_000;

export function clipboardNotClearedNotice(what: string) {
  return {
    key: CLIPBOARD_NOT_CLEARED_KEY,
    title: 'Could not clear the clipboard',
    message: `Your browser did not allow it, so ${what} may still be on the clipboard. Copy something else to replace it.`,
    anchor: CLIPBOARD_NOTICE_ANCHOR,
    timeoutMs: CLIPBOARD_NOTICE_TIMEOUT_MS,
  } as const;
}

export const CLIPBOARD_NOT_CLEARED_NOTICE = clipboardNotClearedNotice('the access token');

/** The desktop app's promise about clearing: main does it, so it is one. */
export const electronClearPromise = (seconds: number) =>
  seconds > 0 ? ` The clipboard is cleared in ${describeSeconds(seconds)}.` : '';

/** Browser mode's promise about clearing: a try, since the browser may refuse it. */
export const browserClearPromise = (seconds: number) =>
  seconds > 0
    ? ` Token Desk tries to clear the clipboard in ${describeSeconds(seconds)}, if your browser allows it (keep this tab open).`
    : '';

export function useTokenCopy(name: string): (as: CopyKind) => Promise<string> {
  const rpc = useRpc();
  const notices = useNotices();
  const { info, settings } = useAppState();
  return async (as) => {
    const seconds = settings.clipboardClearSeconds;
    if (info.shell === 'electron') {
      await rpc.call('tokens.copy', { name, as });
      return `${WHAT[as]} copied.${electronClearPromise(seconds)}`;
    }
    const { accessToken } = await rpc.call('tokens.reveal', { name });
    notices.dismiss(CLIPBOARD_NOT_CLEARED_NOTICE.key);
    try {
      await copySecret(clipboardText(accessToken, as), seconds, {
        onClearResult: (result) => {
          if (result === 'not-allowed') notices.show(CLIPBOARD_NOT_CLEARED_NOTICE);
        },
      });
    } catch (thrown) {
      if (thrown instanceof ClipboardUnavailableError) {
        throw new RpcFailure({
          code: 'clipboard_unavailable',
          message: 'The browser did not let this page write to the clipboard.',
          remedy:
            'Click Reveal and copy the token by hand, or allow clipboard access for this page.',
        });
      }
      throw thrown;
    }
    return `${WHAT[as]} copied.${browserClearPromise(seconds)}`;
  };
}
