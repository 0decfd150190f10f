#!/usr/bin/env node
// `npm start`: the desktop app when Electron's runtime is installed (electron-vite builds, then
// launches it), otherwise the browser mode (`token-desk ui`) with the same arguments. The npm
// package `electron` exports the path of its binary, which is missing when its download failed or
// was skipped: that is the test.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
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

if (electronBinary()) {
  const electronVite = join(
    dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  run(process.execPath, [electronVite, 'preview', ...(args.length > 0 ? ['--', ...args] : [])]);
} else {
  console.log(
    "Electron's runtime is not available on this machine; starting the browser mode instead.",
  );
  run(process.execPath, [join(root, 'bin', 'token-desk.js'), 'ui', ...args]);
}
