// Picks the transport at launch. In Electron the preload has put `window.tokenDesk` there. In
// browser mode the page was opened with `#secret=…` (a fragment never reaches a server): keep the
// secret in sessionStorage for reloads of this tab, then remove it from the address bar and history.

import type { PreloadApi } from '../../../main/rpc/contract.js';
import { electronTransport, httpTransport, type RpcClient } from './client.js';

declare global {
  interface Window {
    tokenDesk?: PreloadApi;
  }
}

const SECRET_KEY = 'token-desk.rpc-secret';

export type Startup =
  { kind: 'ready'; client: RpcClient; shell: 'electron' | 'browser' } | { kind: 'no-secret' };

export function startRpc(win: Window, options: { validateResults?: boolean } = {}): Startup {
  if (win.tokenDesk)
    return { kind: 'ready', shell: 'electron', client: electronTransport(win.tokenDesk, options) };
  const secret = takeSecretFromUrl(win) ?? readStoredSecret(win);
  if (!secret) return { kind: 'no-secret' };
  return { kind: 'ready', shell: 'browser', client: httpTransport({ secret, ...options }) };
}

function takeSecretFromUrl(win: Window): string | undefined {
  const hash = win.location.hash.replace(/^#/, '');
  if (!hash) return undefined;
  const secret = new URLSearchParams(hash).get('secret') ?? undefined;
  if (secret === undefined) return undefined;
  try {
    win.sessionStorage.setItem(SECRET_KEY, secret);
  } catch {
    // Storage disabled: the secret still works for this page load.
  }
  win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}`);
  return secret || undefined;
}

function readStoredSecret(win: Window): string | undefined {
  try {
    return win.sessionStorage.getItem(SECRET_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
