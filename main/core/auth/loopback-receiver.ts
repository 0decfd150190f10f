// The loopback redirect receiver (RFC 8252 §7.3): listens on this computer at the registered
// redirect URI, answers exactly one GET on that path whose `state` matches, then closes. Anything
// else (another path, a wrong or missing state) gets the same small 404 page and does not end the
// flow, so a forged request learns nothing. It never logs: the URL holds the code. The sockets are
// behind the LoopbackListenerPort; this module owns the receiver's lifecycle (the one result, the
// timeout, cancelling, closing); the redirect URI's rules, the reading of a request, the pages and
// the binding of the listeners each have a module of their own (loopback-*.ts).

import { TokenDeskError } from '../errors.js';
import type { LoopbackListenerPort, LoopbackRequest, LoopbackResponse } from '../ports.js';
import { answerCallback, type CallbackOutcome, type CallbackResult } from './loopback-callback.js';
import { closeAll, listenAll } from './loopback-listen.js';
import { alreadyFinished } from './loopback-pages.js';
import { parseLoopbackRedirectUri } from './loopback-redirect-uri.js';

export {
  MAX_CALLBACK_URL_LENGTH,
  decodeRepeatedly,
  type CallbackResult,
} from './loopback-callback.js';
export { parseLoopbackRedirectUri } from './loopback-redirect-uri.js';

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

  function settle(outcome: CallbackOutcome): void {
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
    if (settled) return alreadyFinished();
    const answer = answerCallback(request, {
      pathname: parsed.url.pathname,
      expectedState: options.expectedState,
      expect: options.expect,
    });
    if (answer.outcome) settle(answer.outcome);
    return answer.response;
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
