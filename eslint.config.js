// Lint rules, including the import layering of docs/architecture.md:
// core <- rpc <- shells (electron, cli, web); preload and renderer see only the rpc contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shells = ['electron', 'cli', 'web'];
const otherShells = (self) =>
  shells
    .filter((s) => s !== self)
    .flatMap((s) => [`**/main/${s}/**`, `../${s}/**`, `../../${s}/**`]);

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'coverage', 'docs/screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // A promise nobody awaits loses its failure (a write that did not happen, a refresh that
    // failed unseen): type-aware, so it also catches a call that became async later.
    files: [
      'main/**/*.ts',
      'preload/**/*.ts',
      'renderer/src/**/*.{ts,tsx}',
      'test/**/*.{ts,tsx}',
      'bench/**/*.ts',
      'scripts/**/*.ts',
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                'electron/*',
                'electron-store',
                'conf',
                '@napi-rs/keyring',
                'proper-lockfile',
              ],
              message:
                'core never touches the environment: take a port; adapters live in main/platform or a shell.',
            },
            {
              group: ['**/platform/**'],
              message: 'core does not import adapters; shells pass them in.',
            },
            {
              group: [
                '**/rpc/**',
                '**/electron/**',
                '**/cli/**',
                '**/web/**',
                '**/renderer/**',
                '**/preload/**',
              ],
              message: 'core imports only Node built-ins and its own modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shared vocabulary: plain data and pure functions that core, the contract, the CLI and
    // the renderer import, so it depends on nothing but itself and zod (for shared schemas).
    files: ['main/vocabulary/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A regex: gitignore-style negation cannot re-include a path under an excluded one.
              regex: '^(?!zod/mini$|zod/v4/locales/|\\./)',
              message: 'the vocabulary imports nothing but zod/mini and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/rpc/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(/|$)|\\.\\./vocabulary/)',
              message: 'contract.ts imports nothing but zod and the shared vocabulary.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/rpc/**/*.ts'],
    ignores: ['main/rpc/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                '**/electron/**',
                '**/cli/**',
                '**/web/**',
                '**/renderer/**',
                '**/preload/**',
              ],
              message: 'rpc imports core only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                'electron/*',
                '**/rpc/**',
                '**/electron/**',
                '**/cli/**',
                '**/web/**',
                '**/renderer/**',
                '**/preload/**',
              ],
              message:
                'platform adapters implement core ports for plain Node; they import core only.',
            },
          ],
        },
      ],
    },
  },
  ...shells.map((shell) => ({
    files: [`main/${shell}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: otherShells(shell), message: 'shells never import each other.' },
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'shells do not import the renderer or preload.',
            },
            ...(shell === 'electron'
              ? []
              : [
                  {
                    group: ['electron', 'electron/*'],
                    message: 'only the electron shell imports electron.',
                  },
                ]),
          ],
        },
      ],
    },
  })),
  {
    files: ['preload/**/*.ts'],
    rules: {
      // A regex, because gitignore-style negation cannot re-include a file under an excluded folder.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|(\\.\\./)+main/rpc/contract(\\.js)?$)',
              message: 'preload imports electron and the rpc contract only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'electron/*'],
              message: 'the renderer has no Node and no electron.',
            },
            {
              regex: '(^|/)main/(?!rpc/contract(\\.js)?$|vocabulary/)',
              message: 'the renderer sees only main/rpc/contract.ts and main/vocabulary.',
            },
          ],
        },
      ],
    },
  },
);
