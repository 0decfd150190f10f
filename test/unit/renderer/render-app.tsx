// Renders the whole renderer App against a FakeRpc, with a hand-driven clock and user-event.

import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/src/App.js';
import type { Clock } from '../../../renderer/src/app/clock.js';
import type { View } from '../../../renderer/src/features/workspace/Workspace.js';
import { FakeRpc, T0, type FakeRpcOptions } from './fake-rpc.js';

/** A clock that moves only when the test says so. */
export class TestClock implements Clock {
  private listeners = new Set<() => void>();
  constructor(private current = T0) {}
  now = (): number => this.current;
  subscribe(onTick: () => void): () => void {
    this.listeners.add(onTick);
    return () => this.listeners.delete(onTick);
  }
  /** Moves time forward and lets every countdown re-render. */
  advance(ms: number): void {
    act(() => {
      this.current += ms;
      this.listeners.forEach((listener) => listener());
    });
  }
}

export interface RenderAppOptions extends FakeRpcOptions {
  fake?: FakeRpc;
  initialView?: View;
}

export async function renderApp(options: RenderAppOptions = {}) {
  const clock = new TestClock();
  const fake = options.fake ?? new FakeRpc({ now: clock.now, ...options });
  const user = userEvent.setup();
  const utils = render(
    <App client={fake} clock={clock} env="test" initialView={options.initialView} />,
  );
  // The workspace is there once the header button is.
  await screen.findByTestId('new-connection');
  return { fake, clock, user, ...utils };
}

/** Every form field under `root` has an accessible name (a label, aria-label or aria-labelledby). */
export function expectEveryFieldLabelled(root: HTMLElement = document.body): number {
  const fields = [
    ...root.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea'),
  ];
  for (const field of fields) {
    const accessibleName = computeName(field);
    if (!accessibleName)
      throw new Error(`This field has no label: ${field.outerHTML.slice(0, 200)}`);
  }
  return fields.length;
}

function computeName(field: HTMLElement): string {
  const labelledBy = field.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
    if (text) return text;
  }
  const aria = field.getAttribute('aria-label');
  if (aria?.trim()) return aria.trim();
  const labels = (field as HTMLInputElement).labels;
  return labels
    ? [...labels]
        .map((l) => l.textContent ?? '')
        .join(' ')
        .trim()
    : '';
}
