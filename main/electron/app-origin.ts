// Which URLs are "the app": the one page the window loads (the renderer build served by Token
// Desk's own app:// scheme, see app-protocol.ts, or the electron-vite dev server while
// developing). The IPC adapter, the navigation guard and the CSP header all ask this one
// question, so they cannot disagree about what is trusted.

/** The privileged scheme the renderer build is served from (never file://, see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'token-desk';
/** The page the window loads: app://token-desk/index.html. */
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type AppLocation =
  /** A build (packaged or not): out/renderer served by the app:// protocol handler. */
  | { kind: 'app' }
  /** Development only: the electron-vite dev server, e.g. http://localhost:5173/ */
  | { kind: 'dev'; serverUrl: string };

export interface AppOrigin {
  readonly location: AppLocation;
  /** The URL the window loads. */
  readonly startUrl: string;
  /** True only for a URL of the app page itself (hash and query ignored). */
  isAppUrl(url: string): boolean;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function createAppOrigin(location: AppLocation): AppOrigin {
  if (location.kind === 'app') {
    return {
      location,
      startUrl: APP_START_URL,
      isAppUrl(url) {
        const candidate = parse(url);
        // The exact page: another file of the build (a script, say) is not a page of the app.
        return (
          candidate !== undefined &&
          candidate.protocol === `${APP_SCHEME}:` &&
          candidate.host === APP_HOST &&
          candidate.username === '' &&
          candidate.password === '' &&
          candidate.pathname === '/index.html'
        );
      },
    };
  }
  const server = parse(location.serverUrl);
  if (!server || (server.protocol !== 'http:' && server.protocol !== 'https:')) {
    throw new Error(`app-origin: not an http(s) URL: ${location.serverUrl}`);
  }
  return {
    location,
    startUrl: server.href,
    isAppUrl(url) {
      const candidate = parse(url);
      return candidate !== undefined && candidate.origin === server.origin;
    },
  };
}

/**
 * The app location for this run: the dev server only when the app is not packaged AND
 * electron-vite set ELECTRON_RENDERER_URL; otherwise the build, over app://.
 */
export function resolveAppLocation(options: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
}): AppLocation {
  if (!options.isPackaged && options.devServerUrl)
    return { kind: 'dev', serverUrl: options.devServerUrl };
  return { kind: 'app' };
}
