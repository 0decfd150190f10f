// The small HTTP pieces of the browser-mode server (web-server.ts, web-handoff.ts): answers with
// the safety headers, refusals in the rpc error shape, bounded request bodies, cookies, and
// secrets compared in constant time.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

const MAX_BODY_BYTES = 1024 * 1024;

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function send(res: ServerResponse, status: number, body: string, type = 'application/json') {
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

export function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  remedy = OPEN_AGAIN,
) {
  send(res, status, JSON.stringify({ ok: false, error: { code, message, remedy } }));
}

export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  return text ? JSON.parse(text) : {};
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Takes a live token out of the set (constant-time compare): each works once. */
export function takeOnce(live: Set<string>, given: string | undefined): boolean {
  if (!given) return false;
  for (const candidate of live) {
    if (sameSecret(given, candidate)) {
      live.delete(candidate);
      return true;
    }
  }
  return false;
}
