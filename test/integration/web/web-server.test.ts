// Browser-mode security: only this computer, only with the run's secret, only addressed to us.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { startWebServer, type WebServer } from '../../../main/web/web-server.js';
import { RPC_SECRET_HEADER } from '../../../main/rpc/contract.js';
import type { Dispatch } from '../../../main/rpc/dispatcher.js';

const SECRET = 'test-secret-0123456789';

interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function raw(
  port: number,
  options: {
    path: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode web server', () => {
  let dir: string;
  let server: WebServer;
  const calls: Array<[string, unknown]> = [];
  const dispatch: Dispatch = async (method, params) => {
    calls.push([method, params]);
    return { ok: true, result: { echoed: method } };
  };

  beforeEach(async () => {
    calls.length = 0;
    dir = await mkdtemp(join(tmpdir(), 'td-web-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Token Desk</title>');
    // A trailing slash, as `new URL('../renderer/', import.meta.url)` gives.
    server = await startWebServer({ dispatch, staticDir: dir + '/', secret: SECRET });
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${server.port}`;
  const rpc = (headers: Record<string, string>) =>
    raw(server.port, {
      path: '/rpc/connections.list',
      method: 'POST',
      headers: { host: host(), 'content-type': 'application/json', ...headers },
      body: '{}',
    });

  it('listens on 127.0.0.1 only and never puts the secret in an address', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const code = server.issueCode();
    expect(server.codeUrl(code)).toBe(`http://127.0.0.1:${server.port}/handoff?code=${code}`);
    expect(server.codeUrl(code)).not.toContain(SECRET);
    expect(server.handoffUrl).toBe(`http://127.0.0.1:${server.port}/handoff`);
  });

  /** POST /session as the page does (same origin), with a pasted code or a cookie. */
  const session = (body: object, headers: Record<string, string> = {}) =>
    raw(server.port, {
      path: '/session',
      method: 'POST',
      headers: {
        host: host(),
        origin: `http://${host()}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it('hands the secret over for a one-time code in the printed address, once', async () => {
    const code = server.issueCode();
    const path = new URL(server.codeUrl(code)).pathname + new URL(server.codeUrl(code)).search;
    const landing = await raw(server.port, { path, headers: { host: host() } });
    expect(landing.status).toBe(303);
    expect(landing.headers.location).toBe('/');
    expect(landing.body).not.toContain(SECRET);
    const setCookie = String(landing.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(SECRET);
    const ticket = setCookie.split(';')[0]!;
    expect(await session({})).toMatchObject({ status: 401 });
    const opened = await session({}, { cookie: ticket });
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.body)).toEqual({ ok: true, result: { secret: SECRET } });
    // The ticket and the code are spent: neither opens a second session.
    expect((await session({}, { cookie: ticket })).status).toBe(401);
    const again = await raw(server.port, { path, headers: { host: host() } });
    expect(again.status).toBe(303);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('the 0600 page posts its code as a form from a file (Origin: null); nothing else may', async () => {
    const code = server.issueCode();
    const posted = await raw(server.port, {
      path: '/handoff',
      method: 'POST',
      headers: {
        host: host(),
        origin: 'null',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `code=${code}`,
    });
    expect(posted.status).toBe(303);
    expect(String(posted.headers['set-cookie'])).toContain('HttpOnly');
    // A null or foreign Origin is still refused everywhere else.
    expect((await session({ code: server.issueCode() }, { origin: 'null' })).status).toBe(403);
    expect(
      (await session({ code: server.issueCode() }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
  });

  it('a pasted code opens a session once; a wrong one is refused in words', async () => {
    const code = server.issueCode();
    const first = await session({ code: ` ${code} ` });
    expect(JSON.parse(first.body)).toEqual({ ok: true, result: { secret: SECRET } });
    const second = await session({ code });
    expect(second.status).toBe(401);
    expect(JSON.parse(second.body).error.message).toContain('used already');
    expect(second.body).not.toContain(SECRET);
  });

  it('a malformed method path is a bad request, not a server error', async () => {
    const answer = await raw(server.port, {
      path: '/rpc/%E0%A4%A',
      method: 'POST',
      headers: { host: host(), [RPC_SECRET_HEADER]: SECRET, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe('bad_method');
    expect(calls).toEqual([]);
  });

  it('answers an rpc call that carries the secret', async () => {
    const answer = await rpc({ [RPC_SECRET_HEADER]: SECRET, origin: `http://${host()}` });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, result: { echoed: 'connections.list' } });
    expect(calls).toEqual([['connections.list', {}]]);
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    expect((await rpc({})).status).toBe(401);
    expect((await rpc({ [RPC_SECRET_HEADER]: 'x' + SECRET.slice(1) })).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign Host (DNS rebinding) even with the secret', async () => {
    const answer = await rpc({ [RPC_SECRET_HEADER]: SECRET, host: `evil.example:${server.port}` });
    expect(answer.status).toBe(421);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign or null Origin (a web page elsewhere) even with the secret', async () => {
    expect(
      (await rpc({ [RPC_SECRET_HEADER]: SECRET, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await rpc({ [RPC_SECRET_HEADER]: SECRET, origin: 'null' })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('refuses a request from another address', async () => {
    const answer = await rpc({ [RPC_SECRET_HEADER]: SECRET, ...{} }).then(() =>
      raw(server.port, {
        path: '/rpc/connections.list',
        method: 'POST',
        headers: { host: host(), [RPC_SECRET_HEADER]: SECRET },
        body: '{}',
        localAddress: '127.0.0.2',
      }),
    );
    expect(answer.status).toBe(403);
    expect(calls).toHaveLength(1);
  });

  it('serves the renderer with a strict CSP and no path traversal', async () => {
    const page = await raw(server.port, { path: '/', headers: { host: host() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Token Desk</title>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    const traversal = await raw(server.port, {
      path: '/..%2f..%2fetc%2fpasswd',
      headers: { host: host() },
    });
    expect(traversal.status).toBe(404);
    // Only the build's own kinds of file, never a dot file, and a bad escape is no server error.
    await writeFile(join(dir, '.env'), 'SECRET=1');
    await writeFile(join(dir, 'notes.sh'), 'echo hi');
    for (const path of ['/.env', '/notes.sh', '/%E0%A4%A']) {
      const answer = await raw(server.port, { path, headers: { host: host() } });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('SECRET');
    }
  });

  it('streams events to a caller with the secret only', async () => {
    expect(
      (await raw(server.port, { path: '/rpc-events', headers: { host: host() } })).status,
    ).toBe(401);
    const response = await fetch(`http://127.0.0.1:${server.port}/rpc-events`, {
      headers: { [RPC_SECRET_HEADER]: SECRET },
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    server.emit('connections.changed', {});
    while (!text.includes('connections.changed'))
      text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: connections.changed\ndata: {}');
    await reader.cancel();
  });
});
