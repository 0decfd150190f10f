#!/usr/bin/env node
// Entry point of the token-desk command: runs the bundle that `npm install` (prepare) builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/token-desk.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    'token-desk is not built yet. Run "npm install" (or "npm run build:cli") in the project folder, then try again.\n',
  );
  process.exit(2);
}
await import(bundle.href);
