// electron-vite: main (ESM, dependencies left to node_modules), preload (one CommonJS file with
// its imports inlined, zod included: a sandboxed preload can require nothing but 'electron'), and
// the renderer with the renderer's own Vite config. Output: out/main, out/preload, out/renderer.

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config.js';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    // Explicit: electron-vite bundles this file with the renderer config, so import.meta.dirname
    // inside renderer/vite.config.ts evaluates to the project root here.
    root: resolve(root, 'renderer'),
    build: {
      ...rendererConfig.build,
      // electron-vite leaves the renderer unminified by default; the window (and browser mode,
      // which serves the same out/renderer) should load the minified bundle `vite build` makes.
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
