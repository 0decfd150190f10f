// Proves that the layer allow-lists of .dependency-cruiser.mjs reject what they must: probe files
// with forbidden imports (static, unprefixed, `import()`, type-only) are cruised with the project's
// own configuration in a temporary copy of the layout, next to allowed ones that must pass, so the
// check can fail. `npm run lint:layers` runs the same configuration on the real tree.

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Probe path -> source. Targets that exist only so the probes resolve are plain exports. */
const TARGETS: Record<string, string> = {
  'main/core/own.ts': 'export type Own = 1;\n',
  'main/vocabulary/words.ts': 'export const word = 1;\n',
  'main/platform/node/adapter.ts': 'export const adapter = 1;\n',
  'main/cli/cli-thing.ts': 'export const cliThing = 1;\n',
  'main/web/web-thing.ts': 'export const webThing = 1;\n',
  'main/rpc/contract.ts': "import { z } from 'zod/mini';\nexport const schema = z.string();\n",
  'main/rpc/contract-group.ts':
    "import { z } from 'zod/mini';\nexport const groupSchema = z.string();\n",
  'main/rpc/group-handlers.ts': 'export const handlers = 1;\n',
};

const FORBIDDEN: Record<string, { source: string; to: RegExp }> = {
  'main/core/probe-fs.ts': {
    source: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    to: /^fs$/,
  },
  'main/core/probe-child-process.ts': {
    source: "import { spawn } from 'child_process';\nexport const f = spawn;\n",
    to: /^child_process$/,
  },
  'main/core/probe-electron.ts': {
    source: "export const load = () => import('electron');\n",
    to: /^node_modules\/electron\//,
  },
  'main/core/probe-platform.ts': {
    source: "import { adapter } from '../platform/node/adapter.js';\nexport const a = adapter;\n",
    to: /^main\/platform\/node\/adapter\.ts$/,
  },
  'main/rpc/probe-platform.ts': {
    source:
      "import type { adapter } from '../platform/node/adapter.js';\nexport type A = typeof adapter;\n",
    to: /^main\/platform\/node\/adapter\.ts$/,
  },
  'main/cli/probe-other-shell.ts': {
    source: "import { webThing } from '../web/web-thing.js';\nexport const w = webThing;\n",
    to: /^main\/web\/web-thing\.ts$/,
  },
  'renderer/src/probe-rpc-handlers.ts': {
    source:
      "import { handlers } from '../../main/rpc/group-handlers.js';\nexport const h = handlers;\n",
    to: /^main\/rpc\/group-handlers\.ts$/,
  },
  'renderer/src/probe-node.ts': {
    source: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    to: /^fs$/,
  },
};

const ALLOWED: Record<string, string> = {
  'main/core/probe-allowed.ts': [
    "import { createHash } from 'node:crypto';",
    "import { EventEmitter } from 'events';",
    "import { z } from 'zod/mini';",
    "import { word } from '../vocabulary/words.js';",
    "import type { Own } from './own.js';",
    "export const all = [createHash, EventEmitter, z, word, () => import('node:util')];",
    'export type O = Own;',
    '',
  ].join('\n'),
  'main/entry/probe-allowed.ts': [
    "import { cliThing } from '../cli/cli-thing.js';",
    "export const both = [cliThing, () => import('../web/web-thing.js')];",
    '',
  ].join('\n'),
  'renderer/src/probe-allowed.ts':
    "import { schema } from '../../main/rpc/contract.js';\nimport { groupSchema } from '../../main/rpc/contract-group.js';\nexport const s = [schema, groupSchema];\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

let dir: string;
let violations: Violation[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'token-desk-layers-'));
  // The real package.json and node_modules, so npm packages resolve and count as dependencies.
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const files = {
    ...TARGETS,
    ...Object.fromEntries(Object.entries(FORBIDDEN).map(([path, p]) => [path, p.source])),
    ...ALLOWED,
  };
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  const output = await run(process.execPath, [
    depcruise,
    '--config',
    join(root, '.dependency-cruiser.mjs'),
    '--output-type',
    'json',
    'main',
    'renderer/src',
  ]);
  violations = (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Resolves with stdout whatever the exit code: depcruise exits non-zero on violations. */
function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (stdout.trim().startsWith('{')) resolve(stdout);
      else reject(new Error(`dependency-cruiser produced no report: ${stderr || error?.message}`));
    });
  });
}

describe('the layer allow-lists', () => {
  it.each(Object.entries(FORBIDDEN))('reject %s', (path, probe) => {
    const found = violations.filter((v) => v.from === path);
    expect(found).toHaveLength(1);
    expect(found[0]!.to).toMatch(probe.to);
    expect(found[0]!.rule).toEqual({ name: 'not-in-allowed', severity: 'error' });
  });

  it('accept the allowed imports, and flag nothing but the forbidden probes', () => {
    for (const path of Object.keys(ALLOWED)) {
      expect(violations.filter((v) => v.from === path)).toEqual([]);
    }
    expect(violations.map((v) => v.from).sort()).toEqual(Object.keys(FORBIDDEN).sort());
  });
});
