// Copying a connection's access token. In Electron main copies (tokens.copy) and clears the
// clipboard later: the token never enters this window. In browser mode there is no main-process
// clipboard, so on the user's click we ask for the token (tokens.reveal) and write it ourselves,
// clearing it after the user's delay if it is still there.

import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { ClipboardUnavailableError, copySecret } from '../../lib/clipboard.js';
import { RpcFailure } from '../../rpc/client.js';

export type CopyKind = 'token' | 'header';

const WHAT: Record<CopyKind, string> = { token: 'Access token', header: 'Authorization header' };

/** The same text main puts on the clipboard for each kind (main/electron/token-copy.ts). */
export const clipboardText = (accessToken: string, as: CopyKind) =>
  as === 'header' ? `Authorization: Zoho-oauthtoken ${accessToken}` : accessToken;

export function useTokenCopy(name: string): (as: CopyKind) => Promise<string> {
  const rpc = useRpc();
  const { info, settings } = useAppState();
  return async (as) => {
    const clearing =
      settings.clipboardClearSeconds > 0
        ? ` The clipboard is cleared in ${settings.clipboardClearSeconds} s.`
        : '';
    if (info.shell === 'electron') {
      await rpc.call('tokens.copy', { name, as });
      return `${WHAT[as]} copied.${clearing}`;
    }
    const { accessToken } = await rpc.call('tokens.reveal', { name });
    try {
      await copySecret(clipboardText(accessToken, as), settings.clipboardClearSeconds);
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
    return `${WHAT[as]} copied.${clearing}`;
  };
}
