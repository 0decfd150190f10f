// The one way core sends an HTTP request: a per-attempt timeout, and bounded retries with
// exponential backoff and jitter for network failures, timeouts and HTTP 5xx. 2xx-4xx answers are
// returned as they are; interpreting them is the caller's job. Failures name the host only, never
// the path's query or the body, because token calls carry secrets.

import { TokenDeskError } from '../errors.js';
import { realSleep, type FetchPort, type Sleep } from '../ports.js';
import { hostOf } from '../../vocabulary/index.js';

export interface HttpClientOptions {
  /** Default: globalThis.fetch. */
  fetch?: FetchPort;
  /** Waits between attempts; tests pass a recorder that resolves at once. */
  sleep?: Sleep;
  /** Uniform [0, 1) for the backoff jitter; default Math.random (jitter needs no crypto). */
  random?: () => number;
  /** Per attempt, including reading the body. Default 15 s. */
  timeoutMs?: number;
  /** Extra attempts after the first. Default 3. */
  retries?: number;
  /** Backoff before the first retry; doubled for each further one. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound for one backoff. Default 8 s. */
  maxDelayMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Cancels the request and any further retries. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The whole body as text (token answers are small). */
  text: string;
  /** How many attempts it took (1 = no retry). */
  attempts: number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_RETRIES = 3;

/** Backoff for retry number `retry` (1-based): exponential, capped, with "equal jitter". */
export function backoffDelay(
  retry: number,
  random: () => number,
  baseDelayMs: number,
  maxDelayMs: number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  // Half fixed, half random: spreads simultaneous clients apart without ever retrying at once.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const fetchPort: FetchPort = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8_000;

  async function attempt(
    request: HttpRequest,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const response = await fetchPort(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      // A redirect from a token endpoint would resend the form (and its secret) elsewhere.
      redirect: 'manual',
    });
    // Reading the body is part of the attempt: a server that stalls mid-body also times out.
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  }

  return {
    async request(request) {
      const host = hostOf(request.url);
      let lastFailure: unknown;
      let timedOut = false;
      for (let attemptNumber = 1; attemptNumber <= retries + 1; attemptNumber++) {
        if (attemptNumber > 1) {
          await sleep(backoffDelay(attemptNumber - 1, random, baseDelayMs, maxDelayMs));
        }
        throwIfCancelled(request.signal, host);
        try {
          const answer = await attempt(request);
          // 5xx is Zoho (or a proxy) failing, not refusing: worth another try while we have any.
          if (answer.status >= 500 && attemptNumber <= retries) continue;
          return { ...answer, attempts: attemptNumber };
        } catch (error) {
          throwIfCancelled(request.signal, host);
          lastFailure = error;
          timedOut = isTimeout(error);
        }
      }
      throw new TokenDeskError(
        'network_error',
        timedOut
          ? `${host} did not answer within ${formatSeconds(timeoutMs)} (${retries + 1} attempts).`
          : `Could not reach ${host} (${retries + 1} attempts).`,
        {
          category: 'network',
          remedy:
            'Check your internet connection, and your proxy or firewall settings, then try again.',
          details: { host, attempts: retries + 1, timedOut },
          cause: lastFailure,
        },
      );
    },
  };
}

function throwIfCancelled(signal: AbortSignal | undefined, host: string): void {
  if (signal?.aborted) {
    throw new TokenDeskError('request_cancelled', `The request to ${host} was cancelled.`, {
      category: 'network',
      remedy: 'Run the operation again if you still need it.',
      details: { host },
    });
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
