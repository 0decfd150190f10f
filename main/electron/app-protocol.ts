// The renderer build served over Token Desk's own privileged scheme, app://token-desk/, instead
// of file:// (Electron's security checklist, item 18): a file:// page has no origin, cannot get a
// CSP header, and may read other local files. The handler answers GET for files of the build
// folder only, with the strict CSP as a header; anything outside it (../, encoded slashes or
// backslashes, dot files, unknown types) is refused. resolveAppRequest is the whole decision, a
// pure function (the path part shared with the browser mode: platform/node/renderer-files.ts); the
// handler around it only reads the file. index.ts registers both.

import {
  refused,
  resolveRendererFile,
  type PathApi,
  type RendererFileAnswer,
} from '../platform/node/renderer-files.js';
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

export type AppRequestAnswer = RendererFileAnswer;

/**
 * Maps a request of the app scheme to a file of the build folder `root`, or refuses it.
 * `path` is node:path by default; tests pass path.win32 or path.posix to check both.
 */
export function resolveAppRequest(
  method: string,
  url: string,
  root: string,
  path?: PathApi,
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
  return resolveRendererFile(parsed.pathname, root, path);
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
