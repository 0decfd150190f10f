// The desktop app as an installer would hold it: electron-builder packages the built out/ with
// electron-builder.yml (Linux, --dir, a stand-in Electron: test/support/package-app.ts), and the
// archive is checked: the name, exactly the packages the main process loads (so no development
// or CLI-only dependency), the keyring's native binding unpacked, the renderer build, no source
// maps, the fuses flipped, the icons beside it; and the packaged modules load in Node.
// Needs `npm run build` (npm test builds first); skipped without it, except under CI.

import { extractAll, extractFile } from '@electron/asar';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asarFiles,
  asarPackages,
  asarUnpackedFiles,
  electronBuildPresent,
  fuseState,
  packageApp,
  PROJECT_DIR,
  type PackagedApp,
} from '../support/package-app.js';

const skip = !electronBuildPresent() && !process.env.CI;

interface PackageJson {
  name: string;
  productName?: string;
  desktopName?: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readPackageJson = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** `zod/mini` -> `zod`, `@napi-rs/keyring` -> itself. */
const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** The bare specifiers the main bundle imports (statically or with import()), built-ins aside. */
async function mainImports(): Promise<string[]> {
  // esbuild parses the bundle (a regular expression would also match import-like text in strings).
  const { metafile } = await build({
    entryPoints: [join(PROJECT_DIR, 'out/main/index.js')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const found = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (!external || path.startsWith('node:') || builtinModules.includes(path)) continue;
      if (path === 'electron') continue;
      found.add(path);
    }
  }
  return [...found].sort();
}

/** The installed packages `roots` need at run time: their dependencies, transitively. */
function closure(roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    const dir = join(PROJECT_DIR, 'node_modules', name);
    if (!existsSync(join(dir, 'package.json'))) continue; // an optional dependency for another OS
    seen.add(name);
    const pkg = readPackageJson(dir);
    pending.push(
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
    );
  }
  return seen;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(PROJECT_DIR, join(entry.parentPath, entry.name)).split('\\').join('/'),
    );
}

describe.skipIf(skip)(
  'the packaged desktop app (electron-builder --dir, stand-in Electron)',
  () => {
    let app: PackagedApp;
    let files: string[];

    beforeAll(async () => {
      if (!electronBuildPresent())
        throw new Error('CI must run the packaging test, but out/ is not built');
      app = await packageApp();
      files = asarFiles(app.asarPath);
    }, 240_000);

    afterAll(async () => {
      await app?.cleanup();
    });

    it('is Token Desk, with the window class of its Linux launcher', () => {
      const packaged = JSON.parse(
        extractFile(app.asarPath, 'package.json').toString('utf8'),
      ) as PackageJson;
      expect(packaged.productName).toBe('Token Desk');
      expect(packaged.desktopName).toBe('token-desk-desktop.desktop');
      expect(packaged.main).toBe('out/main/index.js');
      expect(existsSync(app.executablePath)).toBe(true);
    });

    it('carries exactly the packages the main process loads, so no development or CLI-only one', async () => {
      const imports = await mainImports();
      // What out/main loads today; a new import here must be thought about (size, native code).
      expect(imports.map(packageName).sort()).toEqual(
        expect.arrayContaining([
          '@napi-rs/keyring',
          'env-paths',
          'proper-lockfile',
          'write-file-atomic',
          'zod',
        ]),
      );
      const needed = closure(imports.map(packageName));
      const packaged = asarPackages(files);
      const missing = [...needed].filter((name) => !packaged.has(name));
      expect(
        missing,
        'needed by out/main but not packaged: fix "files" in electron-builder.yml',
      ).toEqual([]);
      const extra = [...packaged].filter((name) => !needed.has(name));
      expect(
        extra,
        'packaged but out/main never loads them: exclude them in electron-builder.yml',
      ).toEqual([]);

      const project = readPackageJson(PROJECT_DIR);
      const production = closure(Object.keys(project.dependencies ?? {}));
      const devOnly = [...closure(Object.keys(project.devDependencies ?? {}))].filter(
        (name) => !production.has(name),
      );
      expect(devOnly.filter((name) => packaged.has(name))).toEqual([]);
      for (const cliOnly of ['commander', '@inquirer/password', 'open', 'react', '@mantine/core']) {
        expect(packaged.has(cliOnly), cliOnly).toBe(false);
      }
    });

    it("unpacks the keyring's native binding next to the archive", () => {
      const natives = files.filter((file) => file.endsWith('.node'));
      expect(natives.some((file) => file.startsWith('node_modules/@napi-rs/keyring-'))).toBe(true);
      expect(asarUnpackedFiles(app.asarPath)).toEqual(expect.arrayContaining(natives));
      for (const file of natives) {
        expect(existsSync(join(`${app.asarPath}.unpacked`, file)), file).toBe(true);
      }
    });

    it('holds the main, preload and renderer builds, and no source map', () => {
      const expected = [
        ...filesUnder(join(PROJECT_DIR, 'out/main')),
        ...filesUnder(join(PROJECT_DIR, 'out/preload')),
      ]
        .concat(filesUnder(join(PROJECT_DIR, 'out/renderer')))
        .filter((file) => !file.endsWith('.map'));
      expect(expected).toContain('out/renderer/index.html');
      expect(files).toEqual(expect.arrayContaining(expected));
      expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
      expect(files.filter((file) => file.startsWith('out/cli/'))).toEqual([]);
    });

    it('flips the fuses as electron-builder.yml says', async () => {
      expect(await fuseState(app.executablePath)).toEqual({
        runAsNode: '0',
        enableCookieEncryption: '1',
        enableNodeOptionsEnvironmentVariable: '0',
        enableNodeCliInspectArguments: '0',
        enableEmbeddedAsarIntegrityValidation: '1',
        onlyLoadAppFromAsar: '1',
        loadBrowserProcessSpecificV8Snapshot: '0',
        grantFileProtocolExtraPrivileges: '0',
      });
    });

    it('puts the window, tray and macOS template icons in resources', () => {
      for (const icon of ['icon.png', 'trayTemplate.png', 'trayTemplate@2x.png']) {
        expect(existsSync(join(app.appOutDir, 'resources', icon)), icon).toBe(true);
      }
    });

    it("loads every module the main process imports from the archive's content, in Node", async () => {
      const dir = await mkdtemp(join(tmpdir(), 'td-asar-'));
      try {
        extractAll(app.asarPath, dir);
        const imports = await mainImports();
        // Resolved as out/main/index.js resolves them: from out/main, against the packaged node_modules.
        // Then what the app does with them: an atomic 0600 document write, a file lock, a zod/mini
        // schema, the keyring's native binding.
        const probe = `for (const s of ${JSON.stringify(imports)}) await import(s);
const { default: writeFileAtomic } = await import('write-file-atomic');
const { readFileSync, statSync } = await import('node:fs');
await writeFileAtomic(process.cwd() + '/probe.json', '{"url":"https://accounts.zoho.eu"}', { mode: 0o600 });
if (JSON.parse(readFileSync(process.cwd() + '/probe.json', 'utf8')).url !== 'https://accounts.zoho.eu') throw new Error('write-file-atomic');
if ((statSync(process.cwd() + '/probe.json').mode & 0o777) !== 0o600) throw new Error('mode');
const lockfile = await import('proper-lockfile');
const release = await lockfile.lock(process.cwd() + '/probe.json');
await release();
const z = await import('zod/mini');
if (!z.string().check(z.minLength(1)).safeParse('x').success) throw new Error('zod');
const { Entry } = await import('@napi-rs/keyring');
if (typeof Entry !== 'function') throw new Error('no keyring binding');`;
        const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
          cwd: join(dir, 'out/main'),
          encoding: 'utf8',
          env: { ...process.env, NODE_PATH: '' },
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
