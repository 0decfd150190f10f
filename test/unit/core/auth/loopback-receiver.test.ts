import { createServer as createNetServer, connect, type Server as NetServer } from 'node:net';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeRepeatedly,
  parseLoopbackRedirectUri,
  startLoopbackReceiver,
  type LoopbackReceiver,
  type LoopbackReceiverOptions,
} from '../../../../main/core/auth/loopback-receiver.js';
import { nodeLoopbackListener } from '../../../../main/platform/node/loopback-listener.js';
import type { LoopbackListenerPort } from '../../../../main/core/ports.js';
import { rejection } from '../../../support/typed-errors.js';

const STATE = 'expected-state-0123456789';

const receivers: LoopbackReceiver[] = [];
const blockers: NetServer[] = [];

afterEach(async () => {
  for (const receiver of receivers.splice(0)) {
    receiver.cancel();
    await receiver.result.catch(() => undefined);
  }
  for (const blocker of blockers.splice(0)) {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});

async function start(options: Partial<LoopbackReceiverOptions> = {}): Promise<LoopbackReceiver> {
  const receiver = await startLoopbackReceiver(nodeLoopbackListener, {
    redirectUri: 'http://127.0.0.1:0/callback',
    expectedState: STATE,
    ...options,
  });
  receivers.push(receiver);
  return receiver;
}

function callbackUrl(base: string, params: Record<string, string>): string {
  return `${base}?${new URLSearchParams(params).toString()}`;
}

async function get(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Whether anything accepts TCP connections on host:port right now. */
function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const portOf = (uri: string) => Number(new URL(uri).port);

async function ipv6LoopbackAvailable(): Promise<boolean> {
  const probe = createNetServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

describe('startLoopbackReceiver: the happy path', () => {
  it('returns the code, location and URL-decoded accounts-server, with a safe page', async () => {
    const receiver = await start();
    expect(portOf(receiver.redirectUri)).toBeGreaterThan(0);
    expect(new URL(receiver.redirectUri).pathname).toBe('/callback');

    // Zoho's own example: accounts-server percent-encoded once more than the query needs.
    const url = `${receiver.redirectUri}?state=${STATE}&code=1000.abc.def&location=eu&accounts-server=https%253A%252F%252Faccounts.zoho.eu`;
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Token Desk received the authorization. You can close this tab.');
    // It tries to close itself: one inline script, exactly window.close(), allowed by its hash
    // alone; nothing else runs or loads.
    expect(page.body).not.toMatch(/<link|src=|href=/i);
    expect([...page.body.matchAll(/<script>(.*?)<\/script>/g)].map((m) => m[1])).toEqual([
      'window.close();',
    ]);
    const hash = createHash('sha256').update('window.close();').digest('base64');
    expect(page.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'`,
    );
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    await expect(receiver.result).resolves.toEqual({
      code: '1000.abc.def',
      location: 'eu',
      accountsServer: 'https://accounts.zoho.eu',
    });
  });

  it('decodes an accounts-server that arrives single-encoded too, and leaves it out when absent', async () => {
    const receiver = await start();
    await get(
      callbackUrl(receiver.redirectUri, {
        state: STATE,
        code: 'c1',
        'accounts-server': 'https://accounts.zoho.com',
      }),
    );
    await expect(receiver.result).resolves.toEqual({
      code: 'c1',
      location: undefined,
      accountsServer: 'https://accounts.zoho.com',
    });

    const plain = await start();
    await get(callbackUrl(plain.redirectUri, { state: STATE, code: 'c2' }));
    expect(await plain.result).toEqual({
      code: 'c2',
      location: undefined,
      accountsServer: undefined,
    });
  });

  it('closes its servers once settled, so a second callback can never become a second result', async () => {
    const receiver = await start();
    const port = portOf(receiver.redirectUri);
    await get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'first' }));
    expect(await receiver.result).toMatchObject({ code: 'first' });
    expect(await isListening('127.0.0.1', port)).toBe(false);
    await expect(
      get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'second' })),
    ).rejects.toThrow();
    expect(await receiver.result).toMatchObject({ code: 'first' });
  });

  it('does not wait for idle browser sockets: they are closed when the flow settles', async () => {
    const receiver = await start();
    // Browsers preconnect; a socket that never sends a request must not keep the receiver open.
    const idle = connect({ host: '127.0.0.1', port: portOf(receiver.redirectUri) });
    await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    idle.on('error', () => undefined);

    await get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'c' }));
    expect(await receiver.result).toMatchObject({ code: 'c' });
    await idleClosed;
  });

  it('answers two simultaneous valid callbacks with one result; the other gets 410 or no connection', async () => {
    const receiver = await start();
    const outcomes = await Promise.allSettled([
      get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'one' })),
      get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'two' })),
    ]);
    const statuses = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.status : 'refused'));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 410 || s === 'refused')).toBe(true);
    const { code } = await receiver.result;
    expect(['one', 'two']).toContain(code);
  });
});

describe('startLoopbackReceiver: requests that must not end the flow', () => {
  it('answers a wrong or missing state with the same 404 page as any unknown request, and keeps waiting for the right one', async () => {
    const receiver = await start();
    const unknown = await get(`${new URL(receiver.redirectUri).origin}/elsewhere`);
    expect(unknown.status).toBe(404);
    const unknownPage = unknown.body;
    const wrong = await get(
      callbackUrl(receiver.redirectUri, { state: 'forged', code: 'attacker-code' }),
    );
    expect(wrong.status).toBe(404);
    // Nothing tells a forger that the path was right and only the state was wrong.
    expect(wrong.body).toBe(unknownPage);
    const missing = await get(callbackUrl(receiver.redirectUri, { code: 'attacker-code' }));
    expect(missing.status).toBe(404);
    expect(missing.body).toBe(unknownPage);
    const denied = await get(
      callbackUrl(receiver.redirectUri, { state: 'forged', error: 'access_denied' }),
    );
    expect(denied.status).toBe(404);

    const right = await get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'real-code' }));
    expect(right.status).toBe(200);
    expect(await receiver.result).toMatchObject({ code: 'real-code' });
  });

  it('answers 404 on another path, 405 on POST and 414 on an oversized URL, and keeps waiting', async () => {
    const receiver = await start();
    const base = new URL(receiver.redirectUri);

    expect(
      (await get(callbackUrl(`${base.origin}/elsewhere`, { state: STATE, code: 'x' }))).status,
    ).toBe(404);
    expect((await get(`${base.origin}/favicon.ico`)).status).toBe(404);
    const post = await get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'x' }), {
      method: 'POST',
      body: 'a=b',
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const huge = await get(
      callbackUrl(receiver.redirectUri, { state: STATE, code: 'x'.repeat(9000) }),
    );
    expect(huge.status).toBe(414);

    await get(callbackUrl(receiver.redirectUri, { state: STATE, code: 'finally' }));
    expect(await receiver.result).toMatchObject({ code: 'finally' });
  });
});

describe('startLoopbackReceiver: failures', () => {
  it('settles with access_denied when the user pressed Reject', async () => {
    const receiver = await start();
    const page = await get(
      callbackUrl(receiver.redirectUri, { state: STATE, error: 'access_denied' }),
    );
    expect(page.body).toContain('You declined access');
    // A page the user must read does not close itself, and runs nothing.
    expect(page.body).not.toMatch(/<script/i);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    const error = await rejection(receiver.result);
    expect(error.code).toBe('access_denied');
    expect(error.category).toBe('refused');
    expect(error.message).toMatch(/declined access/);
    expect(error.remedy).toMatch(/Accept/);
  });

  it('shows other error values verbatim, HTML-escaped on the page', async () => {
    const receiver = await start();
    const page = await get(
      callbackUrl(receiver.redirectUri, {
        state: STATE,
        error: '<b>server_error</b>',
        error_description: 'Something broke',
      }),
    );
    expect(page.body).not.toContain('<b>');
    expect(page.body).toContain('&#60;b&#62;server_error');
    const error = await rejection(receiver.result);
    expect(error.code).toBe('authorization_failed');
    expect(error.message).toContain('"<b>server_error</b>"');
    expect(error.message).toContain('Something broke');
  });

  it('settles with callback_missing_code when the state matches but no code came', async () => {
    const receiver = await start();
    const page = await get(callbackUrl(receiver.redirectUri, { state: STATE, location: 'us' }));
    expect(page.status).toBe(400);
    expect((await rejection(receiver.result)).code).toBe('callback_missing_code');
  });

  it('times out with authorization_timeout and closes its servers', async () => {
    const receiver = await start({ timeoutMs: 50 });
    const error = await rejection(receiver.result);
    expect(error.code).toBe('authorization_timeout');
    expect(error.remedy).toMatch(/within 1 second/);
    expect(await isListening('127.0.0.1', portOf(receiver.redirectUri))).toBe(false);
  });

  it('cancel() settles with authorization_cancelled and frees the port', async () => {
    const receiver = await start();
    receiver.cancel();
    const error = await rejection(receiver.result);
    expect(error.code).toBe('authorization_cancelled');
    expect(await isListening('127.0.0.1', portOf(receiver.redirectUri))).toBe(false);
  });

  it('an abort signal cancels too, and an already-aborted one refuses to start', async () => {
    const controller = new AbortController();
    const receiver = await start({ signal: controller.signal });
    controller.abort();
    expect((await rejection(receiver.result)).code).toBe('authorization_cancelled');

    const aborted = new AbortController();
    aborted.abort();
    expect(
      (
        await rejection(
          startLoopbackReceiver(nodeLoopbackListener, {
            redirectUri: 'http://127.0.0.1:0/cb',
            expectedState: STATE,
            signal: aborted.signal,
          }),
        )
      ).code,
    ).toBe('authorization_cancelled');
  });

  it('reports a port in use by another program, naming the port and the remedy', async () => {
    const blocker = createNetServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;

    const error = await rejection(
      startLoopbackReceiver(nodeLoopbackListener, {
        redirectUri: `http://localhost:${port}/callback`,
        expectedState: STATE,
      }),
    );
    expect(error.code).toBe('port_in_use');
    expect(error.category).toBe('local');
    expect(error.message).toContain(String(port));
    expect(error.remedy).toContain('redirect URI with another port');
    expect(error.remedy).toContain('API Console');
    expect(error.remedy).not.toContain('--');
    expect(error.cliHint).toContain(`--redirect-uri http://localhost:${port + 1}/callback`);
    expect(error.details.port).toBe(port);
  });

  it('refuses redirect URIs it cannot listen on', async () => {
    for (const uri of [
      'https://localhost:1234/cb',
      'http://example.com:1234/cb',
      'http://localhost/cb',
      'http://localhost:1234/cb?x=1',
      'not a url',
    ]) {
      expect(
        (
          await rejection(
            startLoopbackReceiver(nodeLoopbackListener, { redirectUri: uri, expectedState: STATE }),
          )
        ).code,
      ).toBe('bad_redirect_uri');
    }
  });
});

describe('startLoopbackReceiver: address families', () => {
  it('answers on ::1 as well when the redirect host is localhost (if this machine has IPv6 loopback)', async (context) => {
    if (!(await ipv6LoopbackAvailable())) {
      context.skip();
      return;
    }
    const receiver = await start({ redirectUri: 'http://localhost:0/callback' });
    const port = portOf(receiver.redirectUri);
    expect(new URL(receiver.redirectUri).hostname).toBe('localhost');
    expect(await isListening('127.0.0.1', port)).toBe(true);

    const page = await get(
      callbackUrl(`http://[::1]:${port}/callback`, { state: STATE, code: 'via-ipv6' }),
    );
    expect(page.status).toBe(200);
    expect(await receiver.result).toMatchObject({ code: 'via-ipv6' });
    expect(await isListening('::1', port)).toBe(false);
    expect(await isListening('127.0.0.1', port)).toBe(false);
  });

  it('listens on the exact port of the redirect URI', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const receiver = await start({ redirectUri: `http://localhost:${port}/cb` });
    expect(receiver.redirectUri).toBe(`http://localhost:${port}/cb`);
    expect(await isListening('127.0.0.1', port)).toBe(true);
  });

  it('parses which addresses to listen on', () => {
    expect(
      parseLoopbackRedirectUri('http://localhost:1234/cb').targets.map((t) => t.address),
    ).toEqual(['127.0.0.1', '::1']);
    expect(
      parseLoopbackRedirectUri('http://127.0.0.1:1234/cb').targets.map((t) => t.address),
    ).toEqual(['127.0.0.1']);
    expect(parseLoopbackRedirectUri('http://[::1]:1234/cb').targets).toEqual([
      { address: '::1', optional: false },
    ]);
  });
});

describe('decodeRepeatedly', () => {
  it('undoes single and double percent-encoding and stops at plain text', () => {
    expect(decodeRepeatedly('https%3A%2F%2Faccounts.zoho.com')).toBe('https://accounts.zoho.com');
    expect(decodeRepeatedly('https%253A%252F%252Faccounts.zoho.com')).toBe(
      'https://accounts.zoho.com',
    );
    expect(decodeRepeatedly('https://accounts.zoho.com')).toBe('https://accounts.zoho.com');
    expect(decodeRepeatedly('%E0%A4%A')).toBe('%E0%A4%A');
    expect(decodeRepeatedly('')).toBeUndefined();
    expect(decodeRepeatedly(null)).toBeUndefined();
  });
});

describe('startLoopbackReceiver: the decisions it makes over the listener port', () => {
  type Listen = Parameters<LoopbackListenerPort['listen']>[0];

  /** A listener port without sockets: `fail` decides per listen; records what listened and closed. */
  function fakePort(fail: (call: number, options: Listen) => string | undefined) {
    const calls: { address: string; port: number; closed: boolean }[] = [];
    const handlers: Listen['handle'][] = [];
    let attempts = 0;
    const port: LoopbackListenerPort = {
      async listen(options) {
        const code = fail(++attempts, options);
        if (code) throw Object.assign(new Error(code), { code, address: options.address });
        const call = {
          address: options.address,
          port: options.port || 40_000 + calls.length,
          closed: false,
        };
        calls.push(call);
        handlers.push(options.handle);
        return {
          port: call.port,
          close: async () => {
            call.closed = true;
          },
        };
      },
    };
    return { port, calls, handlers };
  }

  it('listens on 127.0.0.1 alone when ::1 is not available, and closes before it settles', async () => {
    const fake = fakePort((_, { address }) => (address === '::1' ? 'EADDRNOTAVAIL' : undefined));
    const receiver = await startLoopbackReceiver(fake.port, {
      redirectUri: 'http://localhost:53134/callback',
      expectedState: STATE,
    });
    expect(fake.calls).toEqual([{ address: '127.0.0.1', port: 53134, closed: false }]);
    const page = fake.handlers[0]!({ method: 'GET', url: `/callback?state=${STATE}&code=c` });
    expect(page.status).toBe(200);
    expect(page.headers.connection).toBe('close');
    expect(await receiver.result).toMatchObject({ code: 'c' });
    expect(fake.calls.every((c) => c.closed)).toBe(true);
    // A request racing in while the listeners close never becomes a second result.
    expect(
      fake.handlers[0]!({ method: 'GET', url: `/callback?state=${STATE}&code=d` }).status,
    ).toBe(410);
  });

  it('with port 0, picks again when the port it got is taken on the other address', async () => {
    const fake = fakePort((call) => (call === 2 ? 'EADDRINUSE' : undefined));
    const receiver = await startLoopbackReceiver(fake.port, {
      redirectUri: 'http://localhost:0/callback',
      expectedState: STATE,
    });
    receivers.push(receiver);
    expect(fake.calls.map((c) => [c.address, c.closed])).toEqual([
      ['127.0.0.1', true],
      ['127.0.0.1', false],
      ['::1', false],
    ]);
    expect(portOf(receiver.redirectUri)).toBe(fake.calls[1]!.port);
  });

  it('explains a port it may not use, and any other listen failure', async () => {
    const denied = fakePort(() => 'EACCES');
    const error = await rejection(
      startLoopbackReceiver(denied.port, {
        redirectUri: 'http://127.0.0.1:1000/cb',
        expectedState: STATE,
      }),
    );
    expect(error.code).toBe('port_not_allowed');
    expect(error.details.port).toBe(1000);

    const other = fakePort(() => 'EINVAL');
    expect(
      (
        await rejection(
          startLoopbackReceiver(other.port, {
            redirectUri: 'http://[::1]:5000/cb',
            expectedState: STATE,
          }),
        )
      ).code,
    ).toBe('loopback_unavailable');
  });
});
