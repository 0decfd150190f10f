// Small HTTP plumbing shared by the simulator's two servers: body and form parsing, answers,
// loopback listening and a close that does not wait for keep-alive sockets.
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The first value of each name, like URLSearchParams.get. */
export function firstValues(params: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!Object.hasOwn(out, name)) out[name] = value;
  }
  return out;
}

/**
 * Zoho accepts urlencoded and multipart form bodies (the CRM SDK sends multipart); the fetch
 * Response parser handles both without a dependency. Anything else has no form fields.
 */
export async function parseFormBody(
  body: Buffer,
  contentType: string | undefined,
): Promise<Record<string, string>> {
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return {};
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return firstValues(new URLSearchParams(body.toString('utf8')));
  }
  if (type.startsWith('multipart/form-data')) {
    try {
      const data = await new Response(new Uint8Array(body), {
        headers: { 'content-type': contentType! },
      }).formData();
      const fields: [string, string][] = [];
      data.forEach((value, name) => {
        if (typeof value === 'string') fields.push([name, value]);
      });
      return firstValues(fields);
    } catch {
      return {};
    }
  }
  return {};
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    // No external resources at all. No form-action: Chromium applies it to the redirect that
    // follows the form post, which must reach the app's loopback receiver.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
}

export function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow);
  sendText(res, 405, 'Method Not Allowed');
}

/** Listens on 127.0.0.1 with an ephemeral port, so parallel suites never share ports. */
export function listenOnLoopback(server: Server, port = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('simulator server has no TCP address'));
        return;
      }
      resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}

/** Ends idle keep-alive sockets too; otherwise close() waits for fetch's pooled connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * The token of an `Authorization: <scheme> <token>` header when the scheme is one of `schemes`
 * (compared case-insensitively; Zoho writes exactly one space).
 */
export function tokenFromAuthorization(
  header: string | undefined,
  schemes: readonly string[],
): string | undefined {
  const match = /^(\S+) (\S+)$/.exec(header ?? '');
  if (!match) return undefined;
  return schemes.some((scheme) => scheme.toLowerCase() === match[1]!.toLowerCase())
    ? match[2]
    : undefined;
}

/** Turns a thrown error into an answer; the simulator never logs. */
export function handleSafely(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) sendText(res, 413, 'Payload Too Large');
      else sendText(res, 500, 'Internal Server Error');
    });
  };
}
