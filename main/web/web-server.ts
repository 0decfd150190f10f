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
// read it. The hand-over lives in web-handoff.ts, the small HTTP pieces in web-http.ts.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
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
import { createHandOff, type HandOff } from './web-handoff.js';
import { isLoopbackAddress, readBody, refuse, sameSecret, send } from './web-http.js';

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

/** What the routes of one run share. */
interface RouteContext {
  secret: string;
  staticRoot: string;
  dispatch: Dispatch;
  handOff: HandOff;
  /** The open event streams, written to by emit(). */
  streams: Set<ServerResponse>;
  /** The server's port, known once it listens. */
  port(): number;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  let port = 0;
  const handOff = createHandOff({ secret, port: () => port, onCodeUsed: options.onCodeUsed });
  const context: RouteContext = {
    secret,
    staticRoot: resolve(options.staticDir),
    dispatch: options.dispatch,
    handOff,
    streams: new Set<ServerResponse>(),
    port: () => port,
  };
  const { streams } = context;

  const server = createServer(async (req, res) => {
    try {
      await route(req, res, context);
    } catch {
      if (!res.headersSent) refuse(res, 500, 'unexpected', 'Something unexpected went wrong.');
      else res.end();
    }
  });
  port = await listen(server, options.port);
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base + '/',
    port,
    issueCode: () => handOff.issueCode(),
    codeUrl: (code) => `${base}${RPC_HANDOFF_PATH}?code=${encodeURIComponent(code)}`,
    handoffUrl: base + RPC_HANDOFF_PATH,
    emit(event, payload) {
      const data = eventSchemas[event].parse(payload);
      for (const stream of streams)
        stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    async close() {
      handOff.clear();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Who may ask (this computer, this server's Host and Origin), then which route answers. */
async function route(req: IncomingMessage, res: ServerResponse, context: RouteContext) {
  const port = context.port();
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!isLoopbackAddress(req.socket.remoteAddress))
    return refuse(res, 403, 'forbidden_address', 'Token Desk answers only this computer.');
  if (!allowedHosts.has(req.headers.host ?? ''))
    return refuse(res, 421, 'forbidden_host', 'This request was not addressed to Token Desk.');
  const origin = req.headers.origin;
  const ownOrigin = origin === undefined || allowedHosts.has(origin.replace(/^http:\/\//, ''));
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  // The 0600 hand-over page is a file, whose form posts with `Origin: null`; its code is the
  // proof, and all it can win is a ticket for the browser that posted it.
  if (url.pathname === RPC_HANDOFF_PATH && (ownOrigin || origin === 'null'))
    return await context.handOff.handOver(req, res, url);
  if (!ownOrigin)
    return refuse(res, 403, 'forbidden_origin', 'Another web page tried to use Token Desk.');
  if (url.pathname === RPC_SESSION_PATH) return await context.handOff.openSession(req, res);
  if (url.pathname.startsWith(RPC_HTTP_PREFIX) || url.pathname === RPC_EVENTS_PATH)
    return await serveRpc(req, res, url, context);
  return await serveStatic(req, res, url, context.staticRoot);
}

/** The rpc calls and the event stream: only with the run's secret. */
async function serveRpc(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  { secret, dispatch, streams }: RouteContext,
) {
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
  const envelope = await dispatch(method, params);
  return send(res, 200, JSON.stringify(envelope));
}

/** The built renderer's files, with the page's Content-Security-Policy. */
async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  staticRoot: string,
) {
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
}

/** Listens on 127.0.0.1 only; a taken port is said in the user's words. Returns the port. */
async function listen(server: Server, port: number | undefined): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new TokenDeskError('port_in_use', `Port ${port} is already in use on this computer.`, {
              category: 'local',
              remedy:
                'Choose another with --port, or leave it out to let Token Desk pick a free one.',
            })
          : error,
      ),
    );
    server.listen(port ?? 0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
