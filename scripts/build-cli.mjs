// Bundles the token-desk CLI into out/cli/ so it starts fast: no TypeScript at run time, minified,
// and split so that what a command does not use (catalog, browser mode, prompts) is not parsed.
// The native keyring binding stays external and loads from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('out/cli', { recursive: true, force: true });

await build({
  entryPoints: ['main/entry/token-desk.ts'],
  outdir: 'out/cli',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  external: ['@napi-rs/keyring', 'electron'],
  // CommonJS dependencies expect require and __filename (write-file-atomic seeds its temporary
  // file names with it); an ESM bundle has neither unless it makes them.
  banner: {
    js: "import { createRequire as __tdCreateRequire } from 'node:module'; import { fileURLToPath as __tdFileURLToPath } from 'node:url'; const require = __tdCreateRequire(import.meta.url); const __filename = __tdFileURLToPath(import.meta.url);",
  },
  logLevel: 'warning',
});
