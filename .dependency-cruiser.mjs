// The import layering of docs/architecture.md, as allow-lists: a dependency of main/, preload/ or
// renderer/src/ passes only if one `allowed` rule below lets it through, whether it is a static
// import, an `import type`, a re-export or an `import()`. Adding a layer or a package a layer may
// use means adding it here on purpose. Run by `npm run lint:layers` (in `npm test`); the probes of
// test/unit/layers.test.ts prove that forbidden imports fail.

/** Node built-ins without side effects on the machine: all core and rpc may use. */
const PURE_BUILTINS = '^(crypto|url|events|buffer|util|timers)(/|$)';
const ZOD = '^node_modules/zod/';
const ELECTRON_PACKAGES = '^node_modules/(electron|electron-store)/';
/** What the renderer may take from npm: the UI it is built with, and zod for the contract's types. */
const RENDERER_PACKAGES =
  '^node_modules/(react|react-dom|scheduler|@mantine/[^/]+|@tanstack/[^/]+|zod)/';
const SHELLS = ['electron', 'cli', 'web'];
/** The rpc contract: its entry (contract.ts) and its one file per method group (contract-<group>.ts). */
const CONTRACT = 'main/rpc/contract(|-[a-z]+)\\.ts$';

const builtins = (path) => ({ dependencyTypes: ['core'], path });
const npm = (path, pathNot) => ({
  dependencyTypes: ['npm', 'npm-dev'],
  path,
  ...(pathNot ? { pathNot } : {}),
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  allowedSeverity: 'error',
  allowed: [
    // The core: its own modules, the vocabulary, zod and pure built-ins; never files, sockets,
    // processes, Electron, the keyring or main/platform (those come in through ports).
    { from: { path: '^main/core/' }, to: { path: '^main/(core|vocabulary)/' } },
    { from: { path: '^main/core/' }, to: builtins(PURE_BUILTINS) },
    { from: { path: '^main/core/' }, to: npm(ZOD) },

    // The vocabulary is shared with the preload and the renderer: itself and zod only.
    { from: { path: '^main/vocabulary/' }, to: { path: '^main/vocabulary/' } },
    { from: { path: '^main/vocabulary/' }, to: npm(ZOD) },

    // The contract is imported by the preload and the renderer: its own files, zod and the
    // vocabulary only.
    { from: { path: `^${CONTRACT}` }, to: { path: `^(main/vocabulary/|${CONTRACT})` } },
    { from: { path: `^${CONTRACT}` }, to: npm(ZOD) },

    // The rest of rpc maps methods to core: no adapters (main/platform), no shell, no Electron.
    {
      from: { path: '^main/rpc/', pathNot: `^${CONTRACT}` },
      to: { path: '^main/(rpc|core|vocabulary)/' },
    },
    { from: { path: '^main/rpc/', pathNot: `^${CONTRACT}` }, to: npm(ZOD) },
    {
      from: { path: '^main/rpc/', pathNot: `^${CONTRACT}` },
      to: builtins(PURE_BUILTINS),
    },

    // Node adapters of core ports, and what several shells share: core, Node, npm; no Electron.
    { from: { path: '^main/platform/' }, to: { path: '^main/(platform|core|vocabulary)/' } },
    { from: { path: '^main/platform/' }, to: builtins('.') },
    { from: { path: '^main/platform/' }, to: npm('.', ELECTRON_PACKAGES) },

    // Each shell: itself, rpc, core, platform and the vocabulary, never another shell; only the
    // desktop shell uses Electron.
    ...SHELLS.flatMap((shell) => [
      {
        from: { path: `^main/${shell}/` },
        to: { path: `^main/(${shell}|rpc|core|platform|vocabulary)/` },
      },
      { from: { path: `^main/${shell}/` }, to: builtins('.') },
      {
        from: { path: `^main/${shell}/` },
        to: shell === 'electron' ? npm('.') : npm('.', ELECTRON_PACKAGES),
      },
    ]),

    // The composition roots: the one place that may put two shells together.
    { from: { path: '^main/entry/' }, to: { path: '^main/' } },
    { from: { path: '^main/entry/' }, to: builtins('.') },
    { from: { path: '^main/entry/' }, to: npm('.', ELECTRON_PACKAGES) },

    // The preload: Electron's contextBridge, the contract and the vocabulary.
    {
      from: { path: '^preload/' },
      to: { path: `^(preload/|${CONTRACT}|main/vocabulary/)` },
    },
    { from: { path: '^preload/' }, to: npm('^node_modules/electron/') },

    // The renderer: its own code, the contract, the vocabulary and its UI packages; no Node.
    {
      from: { path: '^renderer/src/' },
      to: { path: `^(renderer/src/|${CONTRACT}|main/vocabulary/)` },
    },
    { from: { path: '^renderer/src/' }, to: npm(RENDERER_PACKAGES) },
  ],
  forbidden: [
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve cannot be checked against the layers.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Keep node_modules/... paths when node_modules is a symlink (git worktrees, the layer probes).
    preserveSymlinks: true,
    // Type-only imports count: a layer must not even know another layer's types.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
