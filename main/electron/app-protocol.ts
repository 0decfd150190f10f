// The renderer build served over Token Desk's own privileged scheme, app://token-desk/, instead
// of file:// (Electron's security checklist, item 18): a file:// page has no origin, cannot get a
// CSP header, and may read other local files. The handler answers GET for files of the build
// folder only, with the strict CSP as a header; anything outside it (../, encoded slashes or
// backslashes, dot files, unknown types) is refused. resolveAppRequest is the whole decision, a
// pure function; the handler around it only reads the file. index.ts registers both.

import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Passed to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  // An origin of its own ('self' in the CSP, relative URLs), treated like https (secure context).
  standard: true,
  secure: true,
  // Vite's <script type="module" crossorigin> is a CORS fetch from the page's own origin.
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppRequestAnswer =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; reason: string };

const refused = (status: 400 | 403 | 404 | 405, reason: string): AppRequestAnswer => ({
  kind: 'refused',
  status,
  reason,
});

/**
 * Maps a request of the app scheme to a file of the build folder `root`, or refuses it.
 * `path` is node:path by default; tests pass path.win32 or path.posix to check both.
 */
export function resolveAppRequest(
  method: string,
  url: string,
  root: string,
  path: Pick<typeof nodePath, 'join' | 'relative' | 'isAbsolute' | 'extname'> = nodePath,
): AppRequestAnswer {
  if (method !== 'GET' && method !== 'HEAD') return refused(405, 'Only GET is served here.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refused(400, 'Not a URL.');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST)
    return refused(404, 'Not a Token Desk address.');
  if (parsed.username || parsed.password) return refused(400, 'Credentials are not allowed.');
  // Encoded separators and NUL would become path syntax after decoding: never a build file.
  if (/%(2f|5c|00)/i.test(parsed.pathname)) return refused(400, 'Encoded separators are refused.');
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return refused(400, 'Malformed percent-encoding.');
  }
  // eslint-disable-next-line no-control-regex -- control characters never name a build file
  if (/[\\\u0000-\u001f:]/.test(decoded)) return refused(400, 'Unexpected characters in the path.');
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.length === 0) segments.push('index.html');
  else if (decoded.endsWith('/')) return refused(404, 'No directory listings.');
  if (segments.some((s) => s === '..' || s === '.')) return refused(403, 'Outside the app.');
  if (segments.some((s) => s.startsWith('.'))) return refused(404, 'Not a file of the app.');

  const full = path.join(root, ...segments);
  const inside = path.relative(root, full);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside))
    return refused(403, 'Outside the app.');
  const contentType = CONTENT_TYPES[path.extname(full).toLowerCase()];
  if (!contentType) return refused(404, 'Not a file of the app.');
  return { kind: 'file', path: full, contentType };
}

export interface AppProtocolHandlerOptions {
  /** The renderer build folder (out/renderer, inside app.asar when packaged). */
  root: string;
  /** The strict Content-Security-Policy (csp.ts), sent with every answer. */
  policy: string;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

/** protocol.handle's handler for the app scheme. */
export function createAppProtocolHandler(
  options: AppProtocolHandlerOptions,
): (request: Request) => Promise<Response> {
  const headers = (contentType: string) => ({
    'content-type': contentType,
    'content-security-policy': options.policy,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  });
  const refuse = (status: number, reason: string) =>
    new Response(reason, { status, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    const answer = resolveAppRequest(request.method, request.url, options.root);
    if (answer.kind === 'refused') return refuse(answer.status, answer.reason);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await options.readFile(answer.path);
    } catch {
      return refuse(404, 'Not a file of the app.');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: headers(answer.contentType),
    });
  };
}
