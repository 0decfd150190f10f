#!/usr/bin/env node
// `npm run icons`: every raster icon of the desktop app, drawn from build/icon.svg, the one source.
// The outputs are committed (packaging must not need this script's dev dependencies):
//   build/icon.png                       512 px: Linux, macOS (electron-builder makes the .icns)
//   build/icon.ico                       Windows: 16, 24, 32, 48, 64, 128, 256 px, each drawn at
//                                        its size (sharper than one image scaled down)
//   build/trayTemplate.png, @2x          macOS menu bar: 16 px and 32 px. A "Template" image is
//                                        black on transparent; macOS tints it for light and dark
//                                        menu bars. Only the key and the baseline: the blue tile
//                                        would be a black square.

import { Resvg } from '@resvg/resvg-js';
import { Buffer } from 'node:buffer';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imagesToIco } from 'png-to-ico';
import { readPNG } from 'png-to-ico/lib/png.js';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const source = await readFile(join(buildDir, 'icon.svg'), 'utf8');

/** The SVG rendered `size` pixels wide, as PNG bytes. */
function render(svg, size) {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/**
 * The tray glyph: icon.svg without its tile (the <rect>s and their gradients), every stroke black,
 * and the view cropped to the glyph so it fills the menu bar's 16 pt.
 */
export function templateSvg(svg) {
  return svg
    .replace(/<defs>[\s\S]*?<\/defs>/, '')
    .replace(/<rect\b[^>]*\/>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/stroke="#[0-9A-Fa-f]{3,8}"/g, 'stroke="#000000"')
    .replace(/viewBox="[^"]*"/, 'viewBox="72 96 356 356"')
    .replace(/\bwidth="512" height="512"/, 'width="356" height="356"');
}

const written = [];
async function write(name, bytes) {
  await writeFile(join(buildDir, name), bytes);
  written.push(`${name} (${bytes.length} B)`);
}

await write('icon.png', render(source, 512));

const icoSizes = [16, 24, 32, 48, 64, 128, 256];
await write(
  'icon.ico',
  imagesToIco(await Promise.all(icoSizes.map((size) => readPNG(render(source, size))))),
);

const tray = templateSvg(source);
await write('trayTemplate.png', render(tray, 16));
await write('trayTemplate@2x.png', render(tray, 32));

console.log(`Wrote build/: ${written.join(', ')}`);
