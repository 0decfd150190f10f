// What `npm start` opens, decided from facts alone (no I/O here, so every case is a unit test:
// test/unit/scripts/start-decision.test.ts). scripts/start.mjs gathers the facts and asks again
// after each step it was told to take: fetch the runtime, then probe it.
//
// Electron 42 and later no longer download their runtime at `npm install` (no install script);
// the runtime is fetched by Electron's installer (node_modules/electron/install.js), which needs
// Node 22.12 or later. The CLI and the browser mode need only Node 20.

/** Node's version for Electron's installer (the `electron` package's own `engines`). */
export const DESKTOP_NODE_MIN = '22.12.0';

/**
 * @typedef {object} StartFacts
 * @property {NodeJS.Platform | string} platform  process.platform
 * @property {string} nodeVersion  process.versions.node, e.g. "20.20.2"
 * @property {string} [desktopNodeMin]  the Node version Electron's installer needs
 * @property {{ DISPLAY?: string, WAYLAND_DISPLAY?: string }} env  the display variables
 * @property {'present' | 'missing' | 'fetch-failed'} runtime  Electron's runtime in node_modules
 * @property {'ok' | 'failed'} [probe]  `electron --version` ran (undefined: not run yet)
 */

/**
 * @typedef {{ action: 'desktop' }
 *   | { action: 'fetch' }
 *   | { action: 'probe' }
 *   | { action: 'browser', reason: string }} StartDecision
 */

/** "22.12.0" -> [22, 12, 0]; anything unparsable counts as 0. */
function parts(version) {
  return String(version)
    .replace(/^[^\d]*/, '')
    .split('.')
    .slice(0, 3)
    .map((part) => Number.parseInt(part, 10) || 0);
}

/** a >= b for dotted versions. */
export function versionAtLeast(a, b) {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return true;
}

/** Linux (and the BSDs) need an X11 or Wayland display; macOS and Windows always have one. */
export function displayPresent(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The next step. Order: a missing display first (no point fetching 100 MB onto a server), then
 * the runtime (present, or fetchable with this Node), then whether it actually starts.
 * @param {StartFacts} facts
 * @returns {StartDecision}
 */
export function decideStart(facts) {
  const min = facts.desktopNodeMin ?? DESKTOP_NODE_MIN;
  if (!displayPresent(facts.platform, facts.env)) {
    return { action: 'browser', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  if (facts.runtime === 'fetch-failed') {
    return { action: 'browser', reason: "Electron's runtime could not be fetched" };
  }
  if (facts.runtime === 'missing') {
    if (!versionAtLeast(facts.nodeVersion, min)) {
      return {
        action: 'browser',
        reason: `Node ${facts.nodeVersion} is too old for Electron's installer (the desktop app needs Node ${min} or later to fetch its runtime)`,
      };
    }
    return { action: 'fetch' };
  }
  if (facts.probe === undefined) return { action: 'probe' };
  if (facts.probe === 'failed') {
    return { action: 'browser', reason: "Electron's runtime is installed but fails to start here" };
  }
  return { action: 'desktop' };
}
