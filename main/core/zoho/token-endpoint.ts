// The one way the Zoho clients (oauth-client.ts, device-client.ts) call an accounts server: the
// retry policy of token calls, endpoint addresses, a form posted in the body (never the query),
// and Zoho's answer read as tokens or turned into a TokenDeskError with the secrets masked.
// A response is a success only if it carries access_token: Zoho returns errors with HTTP 200.

import type { TokenDeskError } from '../errors.js';
import { createHttpClient, type HttpClient, type HttpResponse } from '../http/http-client.js';
import { hostOf } from '../../vocabulary/index.js';
import { systemClock, type Clock, type FetchPort, type Sleep } from '../ports.js';
import { parseTokenResponse } from './token-response.js';
import type { TokenSet } from './token-set.js';
import { parseJson, zohoErrorFromResponse, type ZohoErrorContext } from './zoho-errors.js';

/** Backoff of the token calls: 0.5 s before the first retry, doubled, at most 8 s. */
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;

export interface TokenEndpointOptions {
  fetch?: FetchPort;
  clock?: Clock;
  /** Backoff between retries; tests pass one that resolves at once. */
  sleep?: Sleep;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
  /** Extra attempts on network errors, timeouts and 5xx. Default 3. */
  retries?: number;
  /** Jitter source for the backoff, [0, 1). */
  random?: () => number;
}

/** What a failed call's error is built from, besides the response. */
export interface FailureContext {
  context: ZohoErrorContext;
  /** Masked wherever Zoho's answer might echo them. */
  secrets: string[];
  /** Named in a redirect_uri_mismatch error (server clients' exchange). */
  redirectUri?: string;
}

export interface TokenEndpoint {
  readonly clock: Clock;
  /** The HTTP client with the token calls' retry policy (for the GETs that are not forms). */
  readonly http: HttpClient;
  /** POSTs `form` (undefined fields left out) as application/x-www-form-urlencoded. */
  postForm(url: string, form: Record<string, string | undefined>): Promise<HttpResponse>;
  /** Zoho's answer as a TokenDeskError (its error shapes, masked secrets, attempts). */
  failure(url: string, response: HttpResponse, failure: FailureContext): TokenDeskError;
  /** POSTs a grant and returns its tokens, or throws Zoho's error. */
  grant(
    url: string,
    form: Record<string, string | undefined>,
    failure: FailureContext,
  ): Promise<TokenSet>;
}

const FORM_HEADERS = {
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
} as const;

/** `${base}${path}`, tolerating a trailing slash on the base (custom servers may have a path). */
export function endpoint(accountsUrl: string, path: string): string {
  return `${accountsUrl.replace(/\/+$/, '')}${path}`;
}

export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** A JSON object's fields, or none when the answer is not an object. */
export function jsonRecord(json: unknown): Record<string, unknown> {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
}

export function createTokenEndpoint(options: TokenEndpointOptions = {}): TokenEndpoint {
  const clock = options.clock ?? systemClock;
  const http = createHttpClient({
    fetch: options.fetch,
    sleep: options.sleep,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    baseDelayMs: BASE_DELAY_MS,
    maxDelayMs: MAX_DELAY_MS,
    random: options.random,
  });

  const postForm: TokenEndpoint['postForm'] = (url, form) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      if (value !== undefined) body.set(key, value);
    }
    // Secrets travel in the body only: URLs end up in proxy logs and error reports.
    return http.request({ method: 'POST', url, headers: FORM_HEADERS, body: body.toString() });
  };

  const failure: TokenEndpoint['failure'] = (url, response, { context, secrets, redirectUri }) =>
    zohoErrorFromResponse({
      context,
      status: response.status,
      text: response.text,
      host: hostOf(url),
      now: clock.now(),
      redirectUri,
      secrets,
      attempts: response.attempts,
    });

  return {
    clock,
    http,
    postForm,
    failure,
    async grant(url, form, context) {
      const response = await postForm(url, form);
      if (isSuccess(response)) {
        const tokens = parseTokenResponse(parseJson(response.text), clock.now());
        if (tokens) return tokens;
      }
      throw failure(url, response, context);
    },
  };
}
