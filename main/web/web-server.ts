// Browser mode: serves the built renderer and the rpc contract over HTTP on 127.0.0.1 only.
// Every rpc call and the event stream need the per-run secret (in a header, compared in constant
// time); Host and Origin must name this server, so a web page elsewhere (DNS rebinding, CSRF) can
// neither call it nor read it; requests from any other address are refused.
//
// The secret never travels in an address (a command line is readable by every local user, and
// Chromium keeps the first address of a tab in its history). The page gets it in exchange for a
// one-time code: POST RPC_SESSION_PATH with the code pasted from the terminal, or with the short-lived
// HttpOnly, SameSite=Strict ticket cookie that RPC_HANDOFF_PATH sets when it receives a code (posted
// by the 0600 hand-over page, or in the address `token-desk ui` prints). A used code is dead, so
// an address left in the history opens nothing. The secret lives in the tab's sessionStorage,
// which, unlike a cookie, is bound to this port: another local user's server on 127.0.0.1 cannot
// read it.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TokenDeskError } from '../core/errors.js';
import {
  RPC_EVENTS_PATH,
  RPC_HANDOFF_PATH,
  RPC_HTTP_PREFIX,
  RPC_SECRET_HEADER,
  RPC_SESSION_PATH,
  events as eventSchemas,
  type EventName,
  type EventPayload,
} from '../rpc/contract.js';
import type { Dispatch } from '../rpc/dispatcher.js';
import { resolveRendererFile } from '../platform/node/renderer-files.js';

const MAX_BODY_BYTES = 1024 * 1024;
/** The hand-over ticket only has to survive the redirect to the page and its first request. */
const TICKET_SECONDS = 60;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
export interface WebServerOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed secret for tests; a fresh random one otherwise. */
  secret?: string;
  /** Told each time a one-time code is used (whoever used it), with that code. */
  onCodeUsed?: (code: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  /** A fresh one-time code: it opens one browser session, then dies (as does a run's end). */
  issueCode(): string;
  /** The address that hands `code` over (GET): safe to print, dead once used. */
  codeUrl(code: string): string;
  /** Where the 0600 hand-over page POSTs its code (a form field named `code`). */
  handoffUrl: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json') {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

// The way back in needs the terminal: the page at the bare address asks for the printed code.
const OPEN_AGAIN =
  'Reload the page and paste the one-time code printed in the terminal of `token-desk ui`, or run it again.';

function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  remedy = OPEN_AGAIN,
) {
  send(res, status, JSON.stringify({ ok: false, error: { code, message, remedy } }));
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  return text ? JSON.parse(text) : {};
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Takes a live token out of the set (constant-time compare): each works once. */
function takeOnce(live: Set<string>, given: string | undefined): boolean {
  if (!given) return false;
  for (const candidate of live) {
    if (sameSecret(given, candidate)) {
      live.delete(candidate);
      return true;
    }
  }
  return false;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  const codes = new Set<string>();
  const tickets = new Set<string>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // Cookies are shared by every port of 127.0.0.1: the port in the name keeps two runs apart.
  const ticketCookie = () => `token-desk-handoff-${port}`;
  const useCode = (code: string | undefined): boolean => {
    if (!code || !takeOnce(codes, code)) return false;
    options.onCodeUsed?.(code);
    return true;
  };

  /** A code arrives by navigation: trade it for a ticket cookie and go to the page. */
  async function handOver(req: IncomingMessage, res: ServerResponse, url: URL) {
    let code: string | undefined;
    if (req.method === 'GET' || req.method === 'HEAD') code = url.searchParams.get('code') ?? '';
    else if (req.method === 'POST') {
      try {
        code = new URLSearchParams(await readText(req)).get('code') ?? '';
      } catch {
        return refuse(res, 400, 'bad_body', 'The hand-over was too large.');
      }
    } else return refuse(res, 405, 'method_not_allowed', 'Use GET or POST here.');
    const headers: Record<string, string> = {
      Location: '/',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    };
    // A dead or wrong code still lands on the page, which offers the way back in.
    if (useCode(code)) {
      const ticket = randomBytes(32).toString('base64url');
      tickets.add(ticket);
      setTimeout(() => tickets.delete(ticket), TICKET_SECONDS * 1000).unref();
      headers['Set-Cookie'] =
        `${ticketCookie()}=${ticket}; Path=${RPC_SESSION_PATH}; Max-Age=${TICKET_SECONDS}; HttpOnly; SameSite=Strict`;
    }
    res.writeHead(303, headers);
    res.end();
  }

  /** The page trades a pasted code or its ticket cookie for the run's secret. */
  async function openSession(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'Use POST here.');
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      return refuse(res, 400, 'bad_body', 'The request body was not JSON, or too large.');
    }
    const pasted =
      typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string'
        ? body.code.trim()
        : undefined;
    const granted = pasted ? useCode(pasted) : takeOnce(tickets, cookieValue(req, ticketCookie()));
    if (!granted)
      return refuse(
        res,
        401,
        pasted ? 'code_not_valid' : 'no_session',
        pasted
          ? 'That code does not open Token Desk: it was used already, mistyped, or is from an earlier run.'
          : 'This page is not signed in to Token Desk.',
      );
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // The ticket is spent: let the browser forget it.
      'Set-Cookie': `${ticketCookie()}=; Path=${RPC_SESSION_PATH}; Max-Age=0; HttpOnly; SameSite=Strict`,
    });
    res.end(JSON.stringify({ ok: true, result: { secret } }));
  }

  const server = createServer(async (req, res) => {
    try {
      if (!isLoopbackAddress(req.socket.remoteAddress))
        return refuse(res, 403, 'forbidden_address', 'Token Desk answers only this computer.');
      if (!allowedHosts().has(req.headers.host ?? ''))
        return refuse(res, 421, 'forbidden_host', 'This request was not addressed to Token Desk.');
      const origin = req.headers.origin;
      const ownOrigin =
        origin === undefined || allowedHosts().has(origin.replace(/^http:\/\//, ''));
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      // The 0600 hand-over page is a file, whose form posts with `Origin: null`; its code is the
      // proof, and all it can win is a ticket for the browser that posted it.
      if (url.pathname === RPC_HANDOFF_PATH && (ownOrigin || origin === 'null'))
        return await handOver(req, res, url);
      if (!ownOrigin)
        return refuse(res, 403, 'forbidden_origin', 'Another web page tried to use Token Desk.');
      if (url.pathname === RPC_SESSION_PATH) return await openSession(req, res);

      if (url.pathname.startsWith(RPC_HTTP_PREFIX) || url.pathname === RPC_EVENTS_PATH) {
        const given = req.headers[RPC_SECRET_HEADER];
        if (!sameSecret(Array.isArray(given) ? given[0] : given, secret))
          return refuse(
            res,
            401,
            'missing_secret',
            'This call did not carry the secret of this Token Desk run.',
          );
        if (url.pathname === RPC_EVENTS_PATH) {
          res.writeHead(200, {
            'Content-Type': 'text/event-stream',
            'Cache-Control': 'no-store',
            Connection: 'keep-alive',
          });
          res.write(': connected\n\n');
          streams.add(res);
          req.on('close', () => streams.delete(res));
          return;
        }
        if (req.method !== 'POST')
          return refuse(res, 405, 'method_not_allowed', 'Use POST for rpc calls.');
        let params: unknown;
        try {
          params = await readBody(req);
        } catch {
          return refuse(res, 400, 'bad_body', 'The request body was not JSON, or too large.');
        }
        let method: string;
        try {
          method = decodeURIComponent(url.pathname.slice(RPC_HTTP_PREFIX.length));
        } catch {
          return refuse(
            res,
            400,
            'bad_method',
            'The operation named in this call is not valid.',
            'Reload the page; if it keeps happening, restart Token Desk.',
          );
        }
        const envelope = await options.dispatch(method, params);
        return send(res, 200, JSON.stringify(envelope));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD')
        return refuse(res, 405, 'method_not_allowed', 'Only GET is served here.');
      // Whatever the reason a path is refused (traversal, a dot file, an unknown type), the
      // browser is told no more than that there is nothing there.
      const answer = resolveRendererFile(url.pathname, staticRoot);
      if (answer.kind === 'refused') return send(res, 404, 'Not found', 'text/plain');
      let content: Buffer;
      try {
        content = await readFile(answer.path);
      } catch {
        return send(res, 404, 'Not found', 'text/plain');
      }
      res.writeHead(200, {
        'Content-Type': answer.contentType,
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
      });
      res.end(req.method === 'HEAD' ? undefined : content);
    } catch {
      if (!res.headersSent) refuse(res, 500, 'unexpected', 'Something unexpected went wrong.');
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new TokenDeskError(
              'port_in_use',
              `Port ${options.port} is already in use on this computer.`,
              {
                category: 'local',
                remedy:
                  'Choose another with --port, or leave it out to let Token Desk pick a free one.',
              },
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base + '/',
    port,
    issueCode() {
      const code = randomBytes(24).toString('base64url');
      codes.add(code);
      return code;
    },
    codeUrl: (code) => `${base}${RPC_HANDOFF_PATH}?code=${encodeURIComponent(code)}`,
    handoffUrl: base + RPC_HANDOFF_PATH,
    emit(event, payload) {
      const data = eventSchemas[event].parse(payload);
      for (const stream of streams)
        stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    async close() {
      codes.clear();
      tickets.clear();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
