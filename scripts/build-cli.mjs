// Bundles the token-desk CLI into out/cli/token-desk.js so it starts fast (one file, no TS at run
// time). Native and heavy packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['main/entry/token-desk.ts'],
  outfile: 'out/cli/token-desk.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  external: ['@napi-rs/keyring', 'electron'],
  banner: { js: "import { createRequire as __tdCreateRequire } from 'node:module'; const require = __tdCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
