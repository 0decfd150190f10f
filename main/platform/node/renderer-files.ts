// Which file of the renderer build a request path names, for both shells that serve the window:
// the desktop app's app:// scheme (main/electron/app-protocol.ts) and the browser mode's loopback
// HTTP server (main/web/web-server.ts). Only files inside the build folder, of the types the
// build makes, are ever named; traversal (../, encoded slashes or backslashes, NUL), dot files and
// directories are refused. A pure function: the shells only read the file.

import nodePath from 'node:path';

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

export type RefusalStatus = 400 | 403 | 404 | 405;

export type RendererFileAnswer =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: RefusalStatus; reason: string };

export const refused = (status: RefusalStatus, reason: string): RendererFileAnswer => ({
  kind: 'refused',
  status,
  reason,
});

/** The path API the resolver uses; tests pass path.win32 or path.posix to check both. */
export type PathApi = Pick<typeof nodePath, 'join' | 'relative' | 'isAbsolute' | 'extname'>;

/**
 * Maps a URL's pathname (still percent-encoded, as `URL.pathname` gives it) to a file of the
 * build folder `root`, or refuses it. `/` is index.html.
 */
export function resolveRendererFile(
  pathname: string,
  root: string,
  path: PathApi = nodePath,
): RendererFileAnswer {
  // Encoded separators and NUL would become path syntax after decoding: never a build file.
  if (/%(2f|5c|00)/i.test(pathname)) return refused(400, 'Encoded separators are refused.');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
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
