import { describe, expect, it, vi } from 'vitest';
import {
  RPC_EVENTS_PATH,
  RPC_SECRET_HEADER,
  RPC_SESSION_PATH,
  type PreloadApi,
  type RpcEnvelope,
} from '../../../main/rpc/contract.js';
import { electronTransport, httpTransport, RpcFailure } from '../../../renderer/src/rpc/client.js';
import { createSseParser } from '../../../renderer/src/rpc/sse-parser.js';
import { exchangeCode, startRpc } from '../../../renderer/src/rpc/startup.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A controllable text/event-stream body. */
function eventStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    body,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

describe('http transport (browser mode)', () => {
  it('POSTs the params with the secret header and returns the result', async () => {
    const fetch = vi.fn(async () =>
      json({
        ok: true,
        result: {
          clipboardClearSeconds: 30,
          autoRefresh: true,
          theme: 'dark',
          keepRequestHistory: true,
        },
      }),
    );
    const client = httpTransport({ secret: 's3cret', fetch, validateResults: true });
    await expect(client.call('settings.get', {})).resolves.toEqual({
      clipboardClearSeconds: 30,
      autoRefresh: true,
      theme: 'dark',
      keepRequestHistory: true,
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/rpc/settings.get');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)[RPC_SECRET_HEADER]).toBe('s3cret');
    expect(init.body).toBe('{}');
  });

  it('throws an RpcFailure that keeps the message and the remedy', async () => {
    const error = {
      code: 'bad_name',
      message: '"a b" is not a usable connection name.',
      remedy: 'Use letters and digits.',
    };
    const client = httpTransport({
      secret: 's',
      fetch: async () => json({ ok: false, error }, 200),
    });
    const failure = await client.call('tokens.refresh', { name: 'a b' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RpcFailure);
    expect((failure as RpcFailure).error).toEqual(error);
  });

  it('turns a dead server and a refused secret into plain errors with remedies', async () => {
    const offline = httpTransport({
      secret: 's',
      fetch: async () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline.call('app.info', {})).rejects.toMatchObject({
      error: { code: 'server_unreachable', remedy: expect.stringContaining('token-desk ui') },
    });
    const refused = httpTransport({
      secret: 's',
      fetch: async () => new Response('nope', { status: 401 }),
    });
    await expect(refused.call('app.info', {})).rejects.toMatchObject({
      error: { code: 'page_not_authorized' },
    });
  });

  it('rejects a result that does not match the contract when validating', async () => {
    const client = httpTransport({
      secret: 's',
      fetch: async () => json({ ok: true, result: { theme: 'purple' } }),
      validateResults: true,
    });
    await expect(client.call('settings.get', {})).rejects.toMatchObject({
      error: { code: 'bad_result' },
    });
  });

  it('reads events from the stream with the secret header, parses them, and reconnects after a drop', async () => {
    const streams = [eventStream(), eventStream()];
    const requests: RequestInit[] = [];
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      expect(String(url)).toBe(RPC_EVENTS_PATH);
      requests.push(init!);
      return new Response(streams[requests.length - 1]!.body, {
        headers: { 'content-type': 'text/event-stream' },
      });
    });
    const sleeps: number[] = [];
    const client = httpTransport({ secret: 'k', fetch, sleep: async (ms) => void sleeps.push(ms) });
    const progress: unknown[] = [];
    const changed: unknown[] = [];
    client.on('authorization.progress', (p) => progress.push(p));
    const stop = client.on('connections.changed', (p) => changed.push(p));

    streams[0]!.push(': connected\n\nevent: authorization.progress\ndata: {"name":"acme","st');
    streams[0]!.push(
      'ep":"listening"}\n\nevent: authorization.progress\ndata: {"name":"acme","step":"not-a-step"}\n\n',
    );
    await vi.waitFor(() => expect(progress).toEqual([{ name: 'acme', step: 'listening' }]));
    expect((requests[0]!.headers as Record<string, string>)[RPC_SECRET_HEADER]).toBe('k');

    streams[0]!.end();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(sleeps).toEqual([500]);
    // After a reconnect the list may be stale: listeners hear connections.changed.
    await vi.waitFor(() => expect(changed).toEqual([{}]));
    streams[1]!.push('event: connections.changed\r\ndata: {}\r\n\r\n');
    await vi.waitFor(() => expect(changed).toEqual([{}, {}]));
    stop();
  });
});

describe('sse parser', () => {
  it('handles chunks split anywhere, CRLF, comments and multi-line data', () => {
    const seen: Array<{ event: string; data: string }> = [];
    const parser = createSseParser((e) => seen.push(e));
    for (const ch of 'event: a\r\ndata: 1\r\n\r\n: keep-alive\n\nevent: b\ndata: x\ndata: y\n\n')
      parser.push(ch);
    expect(seen).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: 'x\ny' },
    ]);
  });
});

describe('electron transport', () => {
  it('calls the preload function of the method and subscribes per event', async () => {
    const settingsGet = vi.fn(async (): Promise<RpcEnvelope<unknown>> => ({
      ok: false,
      error: { code: 'x', message: 'M', remedy: 'R' },
    }));
    let emit: ((p: unknown) => void) | undefined;
    const api = {
      call: { 'settings.get': settingsGet },
      on: {
        'connections.changed': (listener: (p: unknown) => void) => (
          (emit = listener),
          () => (emit = undefined)
        ),
      },
    } as unknown as PreloadApi;
    const client = electronTransport(api);
    await expect(client.call('settings.get', {})).rejects.toMatchObject({
      message: 'M',
      remedy: 'R',
    });
    const seen: unknown[] = [];
    const stop = client.on('connections.changed', (p) => seen.push(p));
    emit?.({});
    stop();
    expect(seen).toEqual([{}]);
    expect(emit).toBeUndefined();
  });
});

describe('startup', () => {
  it('uses window.tokenDesk in Electron', async () => {
    const fakeWindow = { tokenDesk: { call: {}, on: {} } } as unknown as Window;
    await expect(startRpc(fakeWindow)).resolves.toMatchObject({ kind: 'ready', shell: 'electron' });
  });

  it('in browser mode trades the hand-over ticket for the secret, keeps it for reloads and never puts it in the URL', async () => {
    window.history.replaceState(null, '', '/index.html?x=1');
    sessionStorage.clear();
    const fetch = vi.fn(async () => json({ ok: true, result: { secret: 'abc123' } }));
    const started = await startRpc(window, { fetch });
    expect(started).toMatchObject({ kind: 'ready', shell: 'browser' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(RPC_SESSION_PATH);
    expect(init.method).toBe('POST');
    expect(window.location.href).not.toContain('abc123');
    expect(window.location.pathname + window.location.search).toBe('/index.html?x=1');
    expect(sessionStorage.getItem('token-desk.rpc-secret')).toBe('abc123');
    // A reload finds it without asking the server again.
    expect(await startRpc(window, { fetch })).toMatchObject({ kind: 'ready', shell: 'browser' });
    expect(fetch).toHaveBeenCalledTimes(1);
    sessionStorage.clear();
    const refused = vi.fn(async () =>
      json({ ok: false, error: { code: 'no_session', message: 'not signed in' } }, 401),
    );
    expect(await startRpc(window, { fetch: refused })).toEqual({ kind: 'no-secret' });
  });

  it('forgets a secret the server no longer knows (a restart), so a reload asks for a code', async () => {
    sessionStorage.setItem('token-desk.rpc-secret', 'old-run');
    const fetch = vi.fn(async () =>
      json({ ok: false, error: { code: 'missing_secret', message: 'M', remedy: 'R' } }, 401),
    );
    const started = await startRpc(window, { fetch });
    if (started.kind !== 'ready') throw new Error('expected a client');
    await expect(started.client.call('settings.get', {})).rejects.toMatchObject({ message: 'M' });
    expect(sessionStorage.getItem('token-desk.rpc-secret')).toBeNull();
  });

  it('a pasted code, or the whole printed address, is exchanged for the secret', async () => {
    sessionStorage.clear();
    const fetch = vi.fn(async (_url: string, init: RequestInit) =>
      JSON.parse(String(init.body)).code === 'one-time'
        ? json({ ok: true, result: { secret: 's' } })
        : json({ ok: false, error: { code: 'code_not_valid', message: 'used already' } }, 401),
    );
    const doFetch = fetch as unknown as typeof globalThis.fetch;
    expect(await exchangeCode(window, ' wrong ', doFetch)).toEqual({ message: 'used already' });
    expect(sessionStorage.getItem('token-desk.rpc-secret')).toBeNull();
    expect(await exchangeCode(window, 'http://127.0.0.1:5/handoff?code=one-time', doFetch)).toEqual(
      { secret: 's' },
    );
    expect(sessionStorage.getItem('token-desk.rpc-secret')).toBe('s');
    sessionStorage.clear();
  });
});
