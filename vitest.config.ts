import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here: keep process-spawning suites from starving each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], environment: 'node' },
      },
      {
        // The React renderer: a DOM (jsdom) and Testing Library matchers.
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/unit/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
