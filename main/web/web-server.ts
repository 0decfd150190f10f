// Browser mode: serves the built renderer and the rpc contract over HTTP on 127.0.0.1 only.
// Every rpc call and the event stream need the per-run secret (in a header, compared in constant
// time); Host and Origin must name this server, so a web page elsewhere (DNS rebinding, CSRF) can
// neither call it nor read it; requests from any other address are refused.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TokenDeskError } from '../core/errors.js';
import {
  RPC_EVENTS_PATH,
  RPC_HTTP_PREFIX,
  RPC_SECRET_HEADER,
  events as eventSchemas,
  type EventName,
  type EventPayload,
} from '../rpc/contract.js';
import type { Dispatch } from '../rpc/dispatcher.js';
import { resolveRendererFile } from '../platform/node/renderer-files.js';

const MAX_BODY_BYTES = 1024 * 1024;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
export interface WebServerOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed secret for tests; a fresh random one otherwise. */
  secret?: string;
}

export interface WebServer {
  url: string;
  /** The address to open: carries the secret in the fragment, which browsers never send. */
  openUrl: string;
  port: number;
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

function refuse(res: ServerResponse, status: number, code: string, message: string) {
  send(
    res,
    status,
    JSON.stringify({
      ok: false,
      error: {
        code,
        message,
        remedy: 'Open Token Desk with the address that `token-desk ui` printed.',
      },
    }),
  );
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = createServer(async (req, res) => {
    try {
      if (!isLoopbackAddress(req.socket.remoteAddress))
        return refuse(res, 403, 'forbidden_address', 'Token Desk answers only this computer.');
      if (!allowedHosts().has(req.headers.host ?? ''))
        return refuse(res, 421, 'forbidden_host', 'This request was not addressed to Token Desk.');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
        return refuse(res, 403, 'forbidden_origin', 'Another web page tried to use Token Desk.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

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
        const envelope = await options.dispatch(
          decodeURIComponent(url.pathname.slice(RPC_HTTP_PREFIX.length)),
          params,
        );
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
    openUrl: `${base}/#secret=${secret}`,
    port,
    emit(event, payload) {
      const data = eventSchemas[event].parse(payload);
      for (const stream of streams)
        stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
