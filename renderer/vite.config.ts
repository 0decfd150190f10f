// Builds the React renderer: the same bundle serves the Electron window (loaded from file://, hence
// relative asset URLs) and browser mode (served over loopback http). electron-vite reuses
// `rendererConfig` for its renderer section.

import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const rendererRoot = import.meta.dirname;

/**
 * Dev server only: React Fast Refresh injects an inline preamble script that the strict CSP of
 * index.html would block. Builds keep the strict policy untouched (apply: 'serve').
 */
const devInlinePreamble: Plugin = {
  name: 'token-desk:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react(), devInlinePreamble],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: {
    outDir: `${rendererRoot}/../out/renderer`,
    emptyOutDir: true,
    // Electron 41 ships a current Chromium; browser mode targets current browsers too.
    target: 'es2022',
  },
};

export default defineConfig(rendererConfig);
