// Which URLs are "the app": the one page the window loads (the built index.html over file://, or
// the electron-vite dev server while developing). The IPC adapter, the navigation guard and the
// CSP header all ask this one question, so they cannot disagree about what is trusted.

export type AppLocation =
  /** Production: the bundled page, e.g. file:///opt/Token Desk/resources/app.asar/out/renderer/index.html */
  | { kind: 'file'; indexUrl: string }
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
  if (location.kind === 'file') {
    const index = parse(location.indexUrl);
    if (!index || index.protocol !== 'file:')
      throw new Error(`app-origin: not a file URL: ${location.indexUrl}`);
    // file: URLs have an opaque origin ("null"), so the page is identified by its exact path:
    // another local file (a downloaded .html, say) is not the app.
    return {
      location,
      startUrl: index.href,
      isAppUrl(url) {
        const candidate = parse(url);
        return (
          candidate !== undefined &&
          candidate.protocol === 'file:' &&
          candidate.host === index.host &&
          candidate.pathname === index.pathname
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
 * electron-vite set ELECTRON_RENDERER_URL; a packaged app always loads its own file.
 */
export function resolveAppLocation(options: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  indexUrl: string;
}): AppLocation {
  if (!options.isPackaged && options.devServerUrl)
    return { kind: 'dev', serverUrl: options.devServerUrl };
  return { kind: 'file', indexUrl: options.indexUrl };
}
