// The loopback redirect receiver (RFC 8252 §7.3): listens on this computer at the registered
// redirect URI, answers exactly one GET on that path whose `state` matches, then closes. Anything
// else (another path, a wrong or missing state) gets the same small 404 page and does not end the
// flow, so a forged request learns nothing. It never logs: the URL holds the code. The sockets are
// behind the LoopbackListenerPort; everything that decides (addresses, port, which request counts,
// the pages, when to stop) is here.

import { TokenDeskError, inputError } from '../errors.js';
import type {
  LoopbackListener,
  LoopbackListenerPort,
  LoopbackRequest,
  LoopbackResponse,
} from '../ports.js';
import { constantTimeEqual } from './pkce.js';

export interface CallbackResult {
  /** Empty for a scope-enhancement return, which carries no code. */
  code: string;
  /** Zoho's `status` on a scope-enhancement return (`success`, `failure`), when it sent one. */
  status?: string;
  /** Zoho's data-centre code (`us`, `eu`, ...), when it sent one. */
  location?: string;
  /** Zoho's `accounts-server`, URL-decoded; not yet trusted (see server-authorization). */
  accountsServer?: string;
}

export interface LoopbackReceiverOptions {
  /**
   * http://localhost:<port>/<path> (or 127.0.0.1, [::1]). Port 0 lets the system pick one, for
   * servers that accept any loopback port (RFC 8252); Zoho needs the exact registered port.
   */
  redirectUri: string;
  expectedState: string;
  /**
   * 'scope-enhancement': the browser returns from addextrascope, with no code, and Zoho does not
   * document echoing `state` (docs/zoho.md §4.9): a return without state is accepted, a wrong
   * one is not. A forged return can only make Token Desk check the scopes early.
   */
  expect?: 'code' | 'scope-enhancement';
  /** Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LoopbackReceiver {
  /** The URI actually listened on (differs from the option only when it asked for port 0). */
  readonly redirectUri: string;
  /** Settles once: the callback, or a TokenDeskError. Its listeners close before it settles. */
  readonly result: Promise<CallbackResult>;
  cancel(): void;
}

export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 300_000;
/** Longer URLs are not a Zoho redirect; refuse before parsing them. */
export const MAX_CALLBACK_URL_LENGTH = 8 * 1024;

interface ListenTarget {
  address: string;
  /** localhost also tries ::1, but a machine without IPv6 loopback is fine. */
  optional: boolean;
}

interface ParsedRedirect {
  url: URL;
  port: number;
  targets: ListenTarget[];
}

function badRedirectUri(value: string, why: string): TokenDeskError {
  return inputError(
    'bad_redirect_uri',
    `The redirect URI "${value}" cannot be used: ${why}.`,
    'Use http://localhost:<port>/<path>, for example http://localhost:53134/callback, and register exactly that URI in the Zoho API Console.',
  );
}

export function parseLoopbackRedirectUri(value: string): ParsedRedirect {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRedirectUri(value, 'it is not a valid URL');
  }
  if (url.protocol !== 'http:')
    throw badRedirectUri(
      value,
      'it must start with http:// (the answer never leaves this computer)',
    );
  if (url.username || url.password || url.search || url.hash)
    throw badRedirectUri(value, 'it must not contain credentials, a query or a fragment');
  if (url.port === '')
    throw badRedirectUri(value, 'it must name a port, as in http://localhost:53134/callback');
  const host = url.hostname.toLowerCase();
  let targets: ListenTarget[];
  if (host === 'localhost') {
    // The browser may resolve localhost to either family; listen on both so neither misses.
    targets = [
      { address: '127.0.0.1', optional: false },
      { address: '::1', optional: true },
    ];
  } else if (/^127(\.\d{1,3}){3}$/.test(host)) {
    targets = [{ address: host, optional: false }];
  } else if (host === '[::1]') {
    targets = [{ address: '::1', optional: false }];
  } else {
    throw badRedirectUri(value, 'its host must be localhost, 127.0.0.1 or [::1]');
  }
  return { url, port: Number(url.port), targets };
}

export async function startLoopbackReceiver(
  loopback: LoopbackListenerPort,
  options: LoopbackReceiverOptions,
): Promise<LoopbackReceiver> {
  const parsed = parseLoopbackRedirectUri(options.redirectUri);
  const timeoutMs = options.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS;
  const { signal } = options;
  if (signal?.aborted) throw cancelledError();

  let settled = false;
  let resolveResult!: (value: CallbackResult) => void;
  let rejectResult!: (error: unknown) => void;
  const result = new Promise<CallbackResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may cancel and never await; that is not an unhandled rejection.
  result.catch(() => undefined);

  const { listeners, port } = await listenAll(loopback, parsed, (request) => handle(request));
  const url = new URL(parsed.url.href);
  url.port = String(port);
  const redirectUri = url.href;

  function settle(outcome: { value: CallbackResult } | { error: TokenDeskError }): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // The listeners send an answer being written (the page of the request that settled) first.
    void closeAll(listeners).then(() => {
      if ('value' in outcome) resolveResult(outcome.value);
      else rejectResult(outcome.error);
    });
  }

  function handle(request: LoopbackRequest): LoopbackResponse {
    if (settled) {
      // A request that raced in while the servers close: it must not become a second result.
      return page(
        410,
        'Already finished',
        'Token Desk has already received an answer for this sign-in. You can close this tab.',
      );
    }
    const raw = request.url;
    if (raw.length > MAX_CALLBACK_URL_LENGTH) {
      return page(414, 'Address too long', 'This address is too long to be a Zoho sign-in answer.');
    }
    if (request.method !== 'GET') {
      return page(
        405,
        'Not allowed',
        'Token Desk only accepts the browser returning from the Zoho sign-in page here.',
        { allow: 'GET' },
      );
    }
    let requestUrl: URL;
    try {
      requestUrl = new URL(raw, 'http://loopback.invalid');
    } catch {
      return page(400, 'Bad request', 'This address could not be read.');
    }
    const params = requestUrl.searchParams;
    const state = params.get('state');
    const enhancing = options.expect === 'scope-enhancement';
    if (
      requestUrl.pathname !== parsed.url.pathname ||
      (state === null && !enhancing) ||
      (state !== null && !constantTimeEqual(state, options.expectedState))
    ) {
      // Not ours (another path, an old tab, another attempt, a forged request): the one page for
      // anything unknown, and keep waiting for the real callback.
      return notFound();
    }
    const error = params.get('error');
    if (error !== null) {
      const failure = authorizationError(error, params.get('error_description'));
      settle({ error: failure });
      return page(
        200,
        'Authorization not completed',
        `${failure.message} ${failure.remedy} You can close this tab.`,
      );
    }
    if (enhancing) {
      const status = shortText(params.get('status'));
      settle({
        value: {
          code: '',
          status,
          location: shortText(params.get('location')),
          accountsServer: decodeRepeatedly(params.get('accounts-server')),
        },
      });
      return page(
        200,
        status === 'failure' ? 'Scopes not added' : 'Answer received',
        'Token Desk received the answer from Zoho. You can close this tab.',
      );
    }
    const code = params.get('code');
    if (code === null || code === '') {
      const failure = new TokenDeskError(
        'callback_missing_code',
        'The Zoho sign-in page sent the browser back without an authorization code.',
        {
          category: 'refused',
          remedy:
            'Try again. If it keeps happening, check the client ID and the scopes of this connection.',
        },
      );
      settle({ error: failure });
      return page(400, 'No authorization code', `${failure.message} ${failure.remedy}`);
    }
    settle({
      value: {
        code,
        location: shortText(params.get('location')),
        accountsServer: decodeRepeatedly(params.get('accounts-server')),
      },
    });
    return page(
      200,
      'Authorization received',
      'Token Desk received the authorization. You can close this tab.',
    );
  }

  const onAbort = () => settle({ error: cancelledError() });
  const timer = setTimeout(() => settle({ error: timeoutError(timeoutMs) }), timeoutMs);
  // A pending sign-in must not keep a CLI process alive on its own.
  timer.unref();
  signal?.addEventListener('abort', onAbort, { once: true });
  // Aborted while we were binding the port.
  if (signal?.aborted) onAbort();

  return { redirectUri, result, cancel: onAbort };
}

function authorizationError(error: string, description: string | null): TokenDeskError {
  if (error === 'access_denied') {
    return new TokenDeskError(
      'access_denied',
      'You declined access on the Zoho page, so Token Desk received no authorization.',
      {
        category: 'refused',
        remedy: 'Try again, and press Accept on the Zoho page.',
      },
    );
  }
  const said = shortText(description);
  return new TokenDeskError(
    'authorization_failed',
    `The Zoho sign-in page returned the error "${shortText(error)}"${said ? `: ${said}` : ''}.`,
    {
      category: 'refused',
      remedy:
        'Check the client ID, redirect URI and scopes of this connection in the Zoho API Console, then click Try again.',
      details: { error: shortText(error) },
    },
  );
}

function cancelledError(): TokenDeskError {
  return new TokenDeskError(
    'authorization_cancelled',
    'The authorization was cancelled before the Zoho sign-in finished.',
    {
      category: 'auth',
      remedy: 'Try again when you are ready.',
    },
  );
}

function timeoutError(timeoutMs: number): TokenDeskError {
  const span =
    timeoutMs >= 60_000
      ? plural(Math.round(timeoutMs / 60_000), 'minute')
      : plural(Math.max(1, Math.ceil(timeoutMs / 1000)), 'second');
  return new TokenDeskError(
    'authorization_timeout',
    `No answer came back from the Zoho sign-in page within ${span}.`,
    {
      category: 'auth',
      remedy: `Try again, and finish the sign-in in the browser within ${span}.`,
      details: { timeoutMs },
    },
  );
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Zoho's example shows accounts-server percent-encoded once more than the query needs. */
export function decodeRepeatedly(value: string | null): string | undefined {
  if (value === null || value.trim() === '') return undefined;
  let current = value.trim();
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(current); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
  }
  return current;
}

function shortText(value: string | null): string | undefined {
  if (value === null) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters have no place in a message
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Self-contained page: no script, no external resource, nothing that could leak the URL.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // One request per connection, so closing the servers leaves no keep-alive socket behind.
  connection: 'close',
} as const;

function page(
  status: number,
  title: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): LoopbackResponse {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Token Desk</title>
<style>body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1f2937}h1{font-size:1.3rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
  return { status, headers: { ...PAGE_HEADERS, ...extraHeaders }, body };
}

function notFound(): LoopbackResponse {
  return page(
    404,
    'Not found',
    'Nothing is here. Token Desk is waiting for the Zoho sign-in page to send you back. If you came from an older Zoho tab, use the newest one, or start the authorization again.',
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function portInUse(port: number, redirectUri: string): TokenDeskError {
  const other = `http://localhost:${port === 65535 ? port - 1 : port + 1}/callback`;
  return new TokenDeskError(
    'port_in_use',
    `Port ${port} on this computer is already in use by another program, so Token Desk cannot receive the Zoho answer at ${redirectUri}.`,
    {
      category: 'local',
      remedy: `Close the program that uses port ${port} (or a Token Desk sign-in still running), or give the connection a redirect URI with another port, for example ${other}, and register that exact URI in the Zoho API Console.`,
      cliHint: `--redirect-uri ${other} (when adding the connection)`,
      details: { port },
    },
  );
}

function listenFailure(code: string | undefined, port: number, address: string): TokenDeskError {
  if (code === 'EACCES') {
    return new TokenDeskError(
      'port_not_allowed',
      `Token Desk is not allowed to listen on port ${port} of this computer.`,
      {
        category: 'local',
        remedy:
          'Give the connection a redirect URI with a port above 1024 (for example http://localhost:53134/callback) and register that exact URI in the Zoho API Console.',
        cliHint: '--redirect-uri http://localhost:53134/callback (when adding the connection)',
        details: { port },
      },
    );
  }
  return new TokenDeskError(
    'loopback_unavailable',
    `Token Desk could not listen on ${address} port ${port}${code ? ` (${code})` : ''}.`,
    {
      category: 'local',
      remedy:
        'Check that the loopback network interface is enabled and that no security software blocks local ports, or choose another redirect URI.',
      details: { port, address, code },
    },
  );
}

const UNAVAILABLE_FAMILY = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** The system's reason a listen failed (EADDRINUSE, EACCES...), as the port promises. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function listenAll(
  loopback: LoopbackListenerPort,
  parsed: ParsedRedirect,
  handle: (request: LoopbackRequest) => LoopbackResponse,
): Promise<{ listeners: LoopbackListener[]; port: number }> {
  // With port 0 the system picks a port for the first address; if it is taken on the other one,
  // pick again rather than share a port with a stranger.
  const attempts = parsed.port === 0 ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    const listeners: LoopbackListener[] = [];
    let port = parsed.port;
    try {
      for (const target of parsed.targets) {
        let listener: LoopbackListener;
        try {
          listener = await loopback.listen({ address: target.address, port, handle });
        } catch (error) {
          const code = errorCode(error);
          if (target.optional && code !== undefined && UNAVAILABLE_FAMILY.has(code)) continue;
          throw error;
        }
        listeners.push(listener);
        if (port === 0) port = listener.port;
      }
      return { listeners, port };
    } catch (error) {
      await closeAll(listeners);
      const code = errorCode(error);
      if (code === 'EADDRINUSE' && attempt < attempts) continue;
      if (code === 'EADDRINUSE') throw portInUse(port, parsed.url.href);
      const address = (error as { address?: unknown } | null)?.address;
      throw listenFailure(code, port, typeof address === 'string' ? address : parsed.url.hostname);
    }
  }
}

/** Stops every listener; resolves when nothing is left open. */
function closeAll(listeners: LoopbackListener[]): Promise<void> {
  return Promise.all(listeners.map((listener) => listener.close())).then(() => undefined);
}
