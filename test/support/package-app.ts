// Packages the desktop app the way `npm run dist` does (electron-builder.yml, the built out/), as
// a Linux --dir build, against a stand-in Electron: Electron's runtime cannot be downloaded here.
// Used by the packaging test and by `npm run bench` (the size of app.asar).
//
// What electron-builder needs from `electronDist` for Linux: the folder it copies as the app
// (the `electron` executable it renames to token-desk-desktop, chrome-sandbox, LICENSE, version)
// and, in that executable, Electron's fuse wire (a sentinel string, the wire's version and
// length, one byte per fuse), which @electron/fuses flips in place. No default_app.asar: the
// integrity step would read it as an archive.

import { getRawHeader } from '@electron/asar';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** @electron/fuses' sentinel: the fuse wire follows it in Electron's binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** The fuses of wire version 1, in wire order (@electron/fuses FuseV1Options). */
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

export interface PackagedApp {
  /** linux-unpacked: the folder an installer would hold. */
  appOutDir: string;
  asarPath: string;
  executablePath: string;
  /** Wall time of electron-builder, ms. */
  packMs: number;
  cleanup(): Promise<void>;
}

export function electronBuildPresent(): boolean {
  return ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((file) =>
    existsSync(join(PROJECT_DIR, file)),
  );
}

/** A folder standing in for Electron's Linux distribution, with every fuse in Electron's default. */
async function makeStandInElectron(dir: string, version: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Electron's defaults, in FUSE_NAMES order: run as node, NODE_OPTIONS, --inspect and file://
  // privileges on; the rest off. The packaging must flip them to electron-builder.yml's values.
  const defaults = '10110001';
  const binary = Buffer.concat([
    Buffer.from('stand-in for Electron\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, defaults.length]),
    Buffer.from(defaults),
    Buffer.from('\n'),
  ]);
  await writeFile(join(dir, 'electron'), binary);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'chrome-sandbox'), 'stand-in');
  await writeFile(join(dir, 'LICENSE'), 'stand-in');
  await writeFile(join(dir, 'version'), version);
  await mkdir(join(dir, 'resources'));
}

/** Runs electron-builder --linux --dir with the project's configuration into a temporary folder. */
export async function packageApp(): Promise<PackagedApp> {
  const { build, Platform } = await import('electron-builder');
  const work = await mkdtemp(join(tmpdir(), 'td-package-'));
  const cleanup = () => rm(work, { recursive: true, force: true });
  try {
    const electronPkg = JSON.parse(
      await readFile(join(PROJECT_DIR, 'node_modules/electron/package.json'), 'utf8'),
    ) as { version: string };
    const electronDist = join(work, 'electron-dist');
    await makeStandInElectron(electronDist, electronPkg.version);
    const started = performance.now();
    await build({
      projectDir: PROJECT_DIR,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      // Merged over electron-builder.yml. No rebuild of native modules: the keyring's binding is
      // prebuilt (N-API), and the test must not write into node_modules.
      config: { electronDist, npmRebuild: false, directories: { output: join(work, 'dist') } },
    });
    const packMs = performance.now() - started;
    const appOutDir = join(work, 'dist', 'linux-unpacked');
    return {
      appOutDir,
      asarPath: join(appOutDir, 'resources', 'app.asar'),
      executablePath: join(appOutDir, 'token-desk-desktop'),
      packMs,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Every file (not folder) in the archive, as paths without the leading slash. */
export function asarFiles(asarPath: string): string[] {
  const { header } = getRawHeader(asarPath);
  const files: string[] = [];
  const walk = (node: { files?: Record<string, unknown> }, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const entry = child as { files?: Record<string, unknown> };
      if (entry.files) walk(entry, `${prefix}${name}/`);
      else files.push(`${prefix}${name}`);
    }
  };
  walk(header as { files?: Record<string, unknown> }, '');
  return files;
}

/** Files marked "unpacked" in the archive's header (they live in app.asar.unpacked). */
export function asarUnpackedFiles(asarPath: string): string[] {
  const { header } = getRawHeader(asarPath);
  const found: string[] = [];
  const walk = (node: { files?: Record<string, unknown> }, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const entry = child as { files?: Record<string, unknown>; unpacked?: boolean };
      if (entry.files) walk(entry, `${prefix}${name}/`);
      else if (entry.unpacked) found.push(`${prefix}${name}`);
    }
  };
  walk(header as { files?: Record<string, unknown> }, '');
  return found;
}

/** The packages under node_modules in the archive ("conf", "@napi-rs/keyring", ...). */
export function asarPackages(files: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const file of files) {
    const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (match) packages.add(match[1]!);
  }
  return packages;
}

/** Size in bytes of app.asar, and its file count. */
export async function asarFigures(asarPath: string): Promise<{ bytes: number; files: number }> {
  return { bytes: (await stat(asarPath)).size, files: asarFiles(asarPath).length };
}

/** The fuse wire of a (stand-in) Electron executable: name -> '0' | '1' | 'r'. */
export async function fuseState(executablePath: string): Promise<Record<string, string>> {
  const binary = await readFile(executablePath);
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse wire');
  const length = binary[at + FUSE_SENTINEL.length + 1]!;
  const wire = binary.subarray(
    at + FUSE_SENTINEL.length + 2,
    at + FUSE_SENTINEL.length + 2 + length,
  );
  return Object.fromEntries(FUSE_NAMES.map((name, i) => [name, String.fromCharCode(wire[i]!)]));
}
