// Test setup for the renderer suites (jsdom): Testing Library matchers, cleanup after each test,
// and the few browser APIs jsdom lacks that Mantine uses (matchMedia, ResizeObserver,
// scrollIntoView, document.fonts). Written without DOM types, because the node tsconfig includes test/**/*.ts.

import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// findBy/waitFor give up after 1 s by default. The first visit to a lazily loaded screen (the
// wizard, the request builder) makes vitest transform its modules, which takes longer than that
// on a busy machine; the wait still ends as soon as the element is there.
configure({ asyncUtilTimeout: 5000 });

const g = globalThis as unknown as {
  window: Record<string, unknown>;
  document: Record<string, unknown>;
  ResizeObserver?: unknown;
  Element: { prototype: Record<string, unknown> };
};

if (typeof g.window.matchMedia !== 'function') {
  g.window.matchMedia = (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}

if (typeof g.ResizeObserver !== 'function') {
  g.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  g.window.ResizeObserver = g.ResizeObserver;
}

if (typeof g.Element.prototype.scrollIntoView !== 'function') {
  g.Element.prototype.scrollIntoView = () => undefined;
}

// Mantine's autosizing Textarea listens for web fonts loading.
if (!g.document.fonts) {
  g.document.fonts = {
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    ready: Promise.resolve(),
  };
}
