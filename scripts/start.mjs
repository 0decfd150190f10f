#!/usr/bin/env node
// `npm start` (and `npm run dev:electron`, with --dev): gathers the facts, lets
// scripts/start-decision.mjs decide, and applies the decision: the desktop app (electron-vite
// builds and launches it) or the browser mode (`token-desk ui`, same arguments) with one line
// saying why. Electron 42+ has no install script, so on a fresh clone this is what runs Electron's
// installer (node_modules/electron/install.js) to fetch the runtime, once.
//
// Never `require('electron')` here: since Electron 42 that require itself starts a download (and
// throws when it fails). The runtime is looked up as electron-vite looks it up: path.txt + dist/.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decideStart } from './start-decision.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const dev = argv[0] === '--dev';
const args = dev ? argv.slice(1) : argv;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function electronFolder() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** The runtime's executable when installer has put it in place, else undefined. */
function electronBinary(folder) {
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Electron's own installer: downloads (or takes from its cache) the runtime of this version. */
function fetchRuntime(folder) {
  console.log("Fetching Electron's runtime (once; about 100 MB)…");
  const result = spawnSync(process.execPath, [join(folder, 'install.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  return result.status === 0 && electronBinary(folder) !== undefined;
}

/** A runtime that cannot start here (missing shared libraries on a server) fails this. */
function probeRuntime(binary) {
  const result = spawnSync(binary, ['--version'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
  });
  return result.status === 0 && /^v?\d+\./.test(result.stdout.trim());
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`Could not start: ${error.message}`);
    process.exit(1);
  });
}

const folder = electronFolder();
const facts = {
  platform: process.platform,
  nodeVersion: process.versions.node,
  desktopNodeMin:
    String(pkg.engines?.['node-desktop-app'] ?? '').replace(/^[^\d]*/, '') || undefined,
  env: { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY },
  runtime: folder && electronBinary(folder) ? 'present' : 'missing',
};

let decision = decideStart(facts);
if (decision.action === 'fetch') {
  facts.runtime = folder && fetchRuntime(folder) ? 'present' : 'fetch-failed';
  decision = decideStart(facts);
}
if (decision.action === 'probe') {
  facts.probe = probeRuntime(electronBinary(folder)) ? 'ok' : 'failed';
  decision = decideStart(facts);
}

if (decision.action === 'desktop') {
  const electronVite = join(
    dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const command = dev ? 'dev' : 'preview';
  run(process.execPath, [electronVite, command, ...(args.length > 0 ? ['--', ...args] : [])]);
} else if (dev) {
  // The developer asked for the desktop app in particular: say why not, and stop.
  console.error(`npm run dev:electron cannot start the desktop app: ${decision.reason}.`);
  process.exit(1);
} else {
  console.log(`Starting the browser mode instead of the desktop app: ${decision.reason}.`);
  run(process.execPath, [join(root, 'bin', 'token-desk.js'), 'ui', ...args]);
}
