// Picks the transport at launch. In Electron the preload has put `window.tokenDesk` there. In
// browser mode the page needs the run's secret, which never appears in an address: it keeps it in
// sessionStorage (bound to this origin and port, kept across reloads of this tab); a new tab
// trades the ticket cookie the hand-over left (RPC_HANDOFF_PATH) for it at RPC_SESSION_PATH, and a
// tab with neither asks for the one-time code printed in the terminal (exchangeCode).

import { RPC_SESSION_PATH, type PreloadApi } from '../../../main/rpc/contract.js';
import { electronTransport, httpTransport, type RpcClient } from './client.js';

declare global {
  interface Window {
    tokenDesk?: PreloadApi;
  }
}

const SECRET_KEY = 'token-desk.rpc-secret';

export type Startup =
  { kind: 'ready'; client: RpcClient; shell: 'electron' | 'browser' } | { kind: 'no-secret' };

export interface StartupOptions {
  validateResults?: boolean;
  fetch?: typeof fetch;
}

export async function startRpc(win: Window, options: StartupOptions = {}): Promise<Startup> {
  const { fetch: doFetch, ...clientOptions } = options;
  if (win.tokenDesk)
    return {
      kind: 'ready',
      shell: 'electron',
      client: electronTransport(win.tokenDesk, clientOptions),
    };
  const secret = readStoredSecret(win) ?? (await askForSecret(win, {}, doFetch)).secret;
  if (!secret) return { kind: 'no-secret' };
  return {
    kind: 'ready',
    shell: 'browser',
    client: httpTransport({
      secret,
      fetch: doFetch,
      ...clientOptions,
      onUnauthorized: () => forgetSecret(win),
    }),
  };
}

export interface CodeExchange {
  secret?: string;
  /** Why the code did not open Token Desk, in words for the user. */
  message?: string;
}

/**
 * Trades the one-time code the user pasted (or the whole address it came in) for the run's
 * secret, and keeps it for this tab. The caller reloads the page when `secret` is set.
 */
export async function exchangeCode(
  win: Window,
  pasted: string,
  doFetch?: typeof fetch,
): Promise<CodeExchange> {
  return askForSecret(win, { code: codeFrom(pasted) }, doFetch);
}

function codeFrom(pasted: string): string {
  const text = pasted.trim();
  try {
    return new URL(text).searchParams.get('code') ?? text;
  } catch {
    return text;
  }
}

async function askForSecret(
  win: Window,
  body: { code?: string },
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<CodeExchange> {
  let answer: unknown;
  try {
    const response = await doFetch(RPC_SESSION_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    answer = await response.json();
  } catch {
    return {
      message:
        'Token Desk is not answering. Check that `token-desk ui` is still running in its terminal.',
    };
  }
  const envelope = answer as
    | { ok: true; result: { secret?: unknown } }
    | { ok: false; error?: { message?: unknown } }
    | undefined;
  if (envelope?.ok && typeof envelope.result.secret === 'string' && envelope.result.secret) {
    const secret = envelope.result.secret;
    try {
      win.sessionStorage.setItem(SECRET_KEY, secret);
    } catch {
      // Storage disabled: the secret still works for this page load.
    }
    return { secret };
  }
  const message =
    envelope && !envelope.ok && typeof envelope.error?.message === 'string'
      ? envelope.error.message
      : 'Token Desk did not accept this page.';
  return { message };
}

function forgetSecret(win: Window): void {
  try {
    win.sessionStorage.removeItem(SECRET_KEY);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

function readStoredSecret(win: Window): string | undefined {
  try {
    return win.sessionStorage.getItem(SECRET_KEY) || undefined;
  } catch {
    return undefined;
  }
}
