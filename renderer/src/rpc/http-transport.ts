// Browser mode: the same contract over loopback HTTP. Methods are POST `${RPC_HTTP_PREFIX}<method>`
// with JSON params; events are a server-sent-event stream read with fetch (not EventSource), so the
// per-run secret travels in a header and never in a URL. The stream reconnects with backoff and,
// after a reconnect, tells listeners that connections may have changed while it was away.

import {
  RPC_EVENTS_PATH,
  RPC_HTTP_PREFIX,
  RPC_SECRET_HEADER,
  type EventName,
  type MethodName,
  type RpcEnvelope,
} from '../../../main/rpc/contract.js';
import {
  createRpcClient,
  type RpcClient,
  type RpcClientOptions,
  type RpcTransport,
} from './rpc-client.js';
import { createSseParser } from './sse-parser.js';

export interface HttpTransportOptions extends RpcClientOptions {
  /** The per-run secret from the page URL's fragment. */
  secret: string;
  /** Origin of the Token Desk server; '' = this page's origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reconnect delays of the event stream: first, and the ceiling it doubles up to. */
  reconnect?: { initialMs: number; maxMs: number };
  /** Waits before a reconnect; tests replace it. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The server no longer knows the secret (Token Desk restarted): forget it, so a reload asks for a code. */
  onUnauthorized?: () => void;
}

const UNREACHABLE = {
  code: 'server_unreachable',
  message: 'Token Desk is not answering.',
  remedy:
    'Check that `token-desk ui` is still running in its terminal on this computer, then reload this page.',
};
const UNAUTHORIZED = {
  code: 'page_not_authorized',
  message:
    'This page is not allowed to talk to Token Desk: its access key is missing or out of date.',
  remedy:
    'Reload this page and paste the one-time code that `token-desk ui` printed in its terminal; an old tab stops working when Token Desk restarts.',
};

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

export function httpTransport(options: HttpTransportOptions): RpcClient {
  const {
    secret,
    baseUrl = '',
    reconnect = { initialMs: 500, maxMs: 15_000 },
    sleep = defaultSleep,
  } = options;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let stream: AbortController | undefined;

  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event as EventName) ?? []) listener(payload);
  };

  async function runEventStream(signal: AbortSignal): Promise<void> {
    let delay = reconnect.initialMs;
    let connectedBefore = false;
    while (!signal.aborted) {
      try {
        const response = await doFetch(`${baseUrl}${RPC_EVENTS_PATH}`, {
          method: 'GET',
          headers: { [RPC_SECRET_HEADER]: secret, accept: 'text/event-stream' },
          signal,
          cache: 'no-store',
        });
        if (response.ok && response.body) {
          if (connectedBefore) emit('connections.changed', {});
          connectedBefore = true;
          delay = reconnect.initialMs;
          const parser = createSseParser(({ event, data }) => {
            try {
              emit(event, JSON.parse(data) as unknown);
            } catch {
              // Not JSON: not one of ours; ignore it.
            }
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parser.push(value);
          }
        }
      } catch {
        // Network error or abort: fall through to the backoff (or the loop's exit on abort).
      }
      if (signal.aborted) return;
      await sleep(delay, signal);
      delay = Math.min(delay * 2, reconnect.maxMs);
    }
  }

  const transport: RpcTransport = {
    async send(method: MethodName, params: unknown): Promise<RpcEnvelope<unknown>> {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${RPC_HTTP_PREFIX}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [RPC_SECRET_HEADER]: secret },
          body: JSON.stringify(params ?? {}),
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: UNREACHABLE };
      }
      if (response.status === 401) options.onUnauthorized?.();
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (typeof body === 'object' && body !== null && 'ok' in body)
        return body as RpcEnvelope<unknown>;
      if (response.status === 401 || response.status === 403)
        return { ok: false, error: UNAUTHORIZED };
      return {
        ok: false,
        error: {
          code: 'bad_response',
          message: `Token Desk answered with an unexpected response (HTTP ${response.status}).`,
          remedy: 'Reload the page; if it keeps happening, restart Token Desk.',
        },
      };
    },
    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      if (!stream) {
        stream = new AbortController();
        void runEventStream(stream.signal);
      }
      return () => {
        set.delete(listener);
        const remaining = [...listeners.values()].reduce((n, s) => n + s.size, 0);
        if (remaining === 0 && stream) {
          stream.abort();
          stream = undefined;
        }
      };
    },
  };
  return createRpcClient(transport, options);
}
