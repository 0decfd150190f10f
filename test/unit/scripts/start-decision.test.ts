// `npm start`'s decision (scripts/start-decision.mjs): one case per outcome, and the Node version
// it asks for kept in step with Electron's installer and package.json.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DESKTOP_NODE_MIN,
  decideStart,
  displayPresent,
  versionAtLeast,
  type StartFacts,
} from '../../../scripts/start-decision.mjs';

const desktopLinux: StartFacts = {
  platform: 'linux',
  nodeVersion: '22.12.0',
  env: { DISPLAY: ':0' },
  runtime: 'present',
  probe: 'ok',
};

const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('decideStart', () => {
  it('opens the desktop app where the runtime is present, starts and a display is there', () => {
    expect(decideStart(desktopLinux)).toEqual({ action: 'desktop' });
    expect(decideStart({ ...desktopLinux, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual({
      action: 'desktop',
    });
  });

  it('falls back to the browser mode on Linux without a display, before fetching anything', () => {
    const decision = decideStart({
      ...desktopLinux,
      env: {},
      runtime: 'missing',
      probe: undefined,
    });
    expect(decision).toEqual({ action: 'browser', reason: expect.stringMatching(/^no display/) });
  });

  it('counts a display as always there on macOS and Windows', () => {
    expect(decideStart({ ...desktopLinux, platform: 'darwin', env: {} })).toEqual({
      action: 'desktop',
    });
    expect(decideStart({ ...desktopLinux, platform: 'win32', env: {} })).toEqual({
      action: 'desktop',
    });
    expect(displayPresent('freebsd', {})).toBe(false);
  });

  it("asks to fetch a missing runtime when this Node can run Electron's installer", () => {
    const facts: StartFacts = { ...desktopLinux, runtime: 'missing', probe: undefined };
    expect(decideStart(facts)).toEqual({ action: 'fetch' });
    expect(decideStart({ ...facts, nodeVersion: '24.1.0' })).toEqual({ action: 'fetch' });
  });

  it("names Node as too old for Electron's installer when the runtime is missing", () => {
    const decision = decideStart({ ...desktopLinux, nodeVersion: '20.20.2', runtime: 'missing' });
    expect(decision.action).toBe('browser');
    expect(decision).toHaveProperty(
      'reason',
      expect.stringContaining(`Node 20.20.2 is too old for Electron's installer`),
    );
    expect(decision).toHaveProperty('reason', expect.stringContaining('22.12.0 or later'));
    // The installer's own requirement can come from package.json.
    expect(
      decideStart({
        ...desktopLinux,
        nodeVersion: '22.12.0',
        runtime: 'missing',
        desktopNodeMin: '24.0.0',
      }),
    ).toHaveProperty('reason', expect.stringContaining('needs Node 24.0.0'));
  });

  it('keeps the desktop app on an old Node when the runtime is already there', () => {
    expect(decideStart({ ...desktopLinux, nodeVersion: '20.11.0' })).toEqual({ action: 'desktop' });
  });

  it('falls back when the runtime could not be fetched', () => {
    expect(decideStart({ ...desktopLinux, runtime: 'fetch-failed', probe: undefined })).toEqual({
      action: 'browser',
      reason: "Electron's runtime could not be fetched",
    });
  });

  it('probes a present runtime before trusting it', () => {
    expect(decideStart({ ...desktopLinux, probe: undefined })).toEqual({ action: 'probe' });
  });

  it('falls back when the runtime fails to start (a headless server without its libraries)', () => {
    expect(decideStart({ ...desktopLinux, probe: 'failed' })).toEqual({
      action: 'browser',
      reason: "Electron's runtime is installed but fails to start here",
    });
  });
});

describe('versionAtLeast', () => {
  it('compares dotted versions numerically', () => {
    expect(versionAtLeast('22.12.0', '22.12.0')).toBe(true);
    expect(versionAtLeast('22.9.0', '22.12.0')).toBe(false);
    expect(versionAtLeast('v23.0.0', '22.12.0')).toBe(true);
    expect(versionAtLeast('20.20.2', '22.12')).toBe(false);
  });
});

describe('the Node version for the desktop app', () => {
  it("is Electron's installer's own requirement and the one package.json documents", () => {
    const electron = readJson('node_modules/electron/package.json') as {
      engines: { node: string };
    };
    const pkg = readJson('package.json') as { engines: Record<string, string> };
    expect(electron.engines.node.replace(/^[^\d]*/, '')).toBe(DESKTOP_NODE_MIN);
    expect(pkg.engines['node-desktop-app']).toBe(`>=${DESKTOP_NODE_MIN}`);
    // npm checks only engines.node (and npm): Node 20 must stay installable for the CLI.
    expect(pkg.engines.node).toBe('>=20.11');
  });
});
