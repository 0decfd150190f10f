import { describe, expect, it } from 'vitest';
import {
  initialFlow,
  plainError,
  step,
  TEXT,
  type UpdateEffect,
  type UpdateEvent,
  type UpdateFlow,
} from '../../../main/electron/update-flow.js';

const CURRENT = '1.0.0';

/** Runs events from a flow; returns the last flow and every effect in order. */
function walk(flow: UpdateFlow, ...events: UpdateEvent[]) {
  const effects: UpdateEffect[] = [];
  for (const event of events) {
    const next = step(flow, event, CURRENT);
    flow = next.flow;
    effects.push(...next.effects);
  }
  return { flow, effects };
}

const enabled = initialFlow(true);

describe('update flow', () => {
  it('checks at start in installed builds only; a development run checks nothing', () => {
    expect(walk(enabled, { type: 'start' })).toEqual({
      flow: { enabled: true, state: { kind: 'checking', manual: false } },
      effects: [{ type: 'check' }],
    });
    expect(walk(initialFlow(false), { type: 'start' }).effects).toEqual([]);
    expect(walk(initialFlow(false), { type: 'menu-check' }).effects).toEqual([
      {
        type: 'tell',
        message: { kind: 'info', message: TEXT.notHere, detail: TEXT.notHereDetail },
      },
    ]);
  });

  it('says nothing when the start-up check finds nothing, and "up to date" when asked from the menu', () => {
    expect(walk(enabled, { type: 'start' }, { type: 'check-result', version: null })).toEqual({
      flow: { enabled: true, state: { kind: 'idle' } },
      effects: [{ type: 'check' }],
    });
    const manual = walk(enabled, { type: 'menu-check' }, { type: 'check-result', version: null });
    expect(manual.effects).toEqual([
      { type: 'check' },
      { type: 'tell', message: { kind: 'info', message: 'Token Desk 1.0.0 is up to date.' } },
    ]);
    expect(manual.flow.state).toEqual({ kind: 'idle' });
  });

  it('asks before downloading; downloads, shows progress and allows install on quit only after "Download and install"', () => {
    const asked = walk(enabled, { type: 'start' }, { type: 'check-result', version: '1.1.0' });
    expect(asked.flow.state).toEqual({ kind: 'asking', version: '1.1.0' });
    expect(asked.effects).toEqual([{ type: 'check' }, { type: 'ask-download', version: '1.1.0' }]);
    expect(TEXT.available('1.1.0')).toBe('Token Desk 1.1.0 is available.');
    expect([TEXT.downloadButton, TEXT.laterButton]).toEqual(['Download and install', 'Later']);

    const agreed = walk(
      asked.flow,
      { type: 'answer', download: true },
      { type: 'progress', percent: 40.5 },
      { type: 'progress', percent: 140 },
      { type: 'downloaded' },
    );
    expect(agreed.effects).toEqual([
      { type: 'install-on-quit', allowed: true },
      { type: 'progress', fraction: 0 },
      { type: 'download' },
      { type: 'progress', fraction: 0.405 },
      { type: 'progress', fraction: 1 },
      { type: 'progress', fraction: null },
      { type: 'ask-restart', version: '1.1.0' },
    ]);
    expect(agreed.flow.state).toEqual({ kind: 'downloaded', version: '1.1.0' });

    // "When I quit": nothing now (electron-updater installs on quit, as allowed above).
    expect(walk(agreed.flow, { type: 'restart-answer', now: false }).effects).toEqual([]);
    expect(walk(agreed.flow, { type: 'restart-answer', now: true }).effects).toEqual([
      { type: 'install-now' },
    ]);
    // The menu asks again about the downloaded update rather than checking once more.
    expect(walk(agreed.flow, { type: 'menu-check' }).effects).toEqual([
      { type: 'ask-restart', version: '1.1.0' },
    ]);
  });

  it('"Later" downloads nothing, and the start-up check does not ask again for that version; the menu does', () => {
    const later = walk(
      enabled,
      { type: 'start' },
      { type: 'check-result', version: '1.1.0' },
      { type: 'answer', download: false },
    );
    expect(later.effects.map((e) => e.type)).toEqual(['check', 'ask-download']);
    expect(later.flow).toMatchObject({ state: { kind: 'idle' }, declined: '1.1.0' });

    const again = walk(later.flow, { type: 'start' }, { type: 'check-result', version: '1.1.0' });
    expect(again.effects).toEqual([{ type: 'check' }]);
    const newer = walk(later.flow, { type: 'start' }, { type: 'check-result', version: '1.2.0' });
    expect(newer.effects).toContainEqual({ type: 'ask-download', version: '1.2.0' });
    const manual = walk(
      later.flow,
      { type: 'menu-check' },
      { type: 'check-result', version: '1.1.0' },
    );
    expect(manual.effects).toContainEqual({ type: 'ask-download', version: '1.1.0' });
  });

  it('never downloads or installs without an answer', () => {
    const events: UpdateEvent[] = [
      { type: 'start' },
      { type: 'check-result', version: '2.0.0' },
      { type: 'progress', percent: 50 },
      { type: 'downloaded' },
      { type: 'restart-answer', now: true },
      { type: 'menu-check' },
    ];
    const { effects } = walk(enabled, ...events);
    expect(effects.map((e) => e.type)).not.toContain('download');
    expect(effects.map((e) => e.type)).not.toContain('install-now');
    expect(effects.map((e) => e.type)).not.toContain('install-on-quit');
  });

  it('logs a failed start-up check (offline is normal) and shows a failed manual check plainly', () => {
    const error = 'net::ERR_INTERNET_DISCONNECTED\n    at stack line\n    at another';
    expect(
      walk(enabled, { type: 'start' }, { type: 'check-failed', message: error }).effects,
    ).toEqual([
      { type: 'check' },
      {
        type: 'log',
        message: 'Token Desk could not check for updates. net::ERR_INTERNET_DISCONNECTED',
      },
    ]);
    const manual = walk(enabled, { type: 'menu-check' }, { type: 'check-failed', message: error });
    expect(manual.effects.at(-1)).toEqual({
      type: 'tell',
      message: {
        kind: 'error',
        message: 'Token Desk could not check for updates.',
        detail: 'net::ERR_INTERNET_DISCONNECTED',
      },
    });
    expect(manual.flow.state).toEqual({ kind: 'idle' });
  });

  it('takes back install-on-quit and says so when the download fails', () => {
    const failed = walk(
      enabled,
      { type: 'menu-check' },
      { type: 'check-result', version: '1.1.0' },
      { type: 'answer', download: true },
      { type: 'download-failed', message: 'sha512 checksum mismatch' },
    );
    expect(failed.effects.slice(-3)).toEqual([
      { type: 'install-on-quit', allowed: false },
      { type: 'progress', fraction: null },
      {
        type: 'tell',
        message: {
          kind: 'error',
          message: 'Token Desk 1.1.0 could not be downloaded.',
          detail: `sha512 checksum mismatch ${TEXT.tryLater}`,
        },
      },
    ]);
    expect(failed.flow.state).toEqual({ kind: 'idle' });
  });

  it('a menu check during the start-up check reports its answer instead of checking twice', () => {
    const both = walk(
      enabled,
      { type: 'start' },
      { type: 'menu-check' },
      { type: 'menu-check' },
      { type: 'check-result', version: null },
    );
    expect(both.effects).toEqual([
      { type: 'check' },
      { type: 'tell', message: { kind: 'info', message: TEXT.busyChecking } },
      { type: 'tell', message: { kind: 'info', message: 'Token Desk 1.0.0 is up to date.' } },
    ]);
  });

  it('a menu check while downloading tells the progress; while the dialog is open it does nothing', () => {
    const downloading = walk(
      enabled,
      { type: 'start' },
      { type: 'check-result', version: '1.1.0' },
      { type: 'answer', download: true },
      { type: 'progress', percent: 12.7 },
    ).flow;
    expect(walk(downloading, { type: 'menu-check' }).effects).toEqual([
      {
        type: 'tell',
        message: { kind: 'info', message: 'Token Desk 1.1.0 is downloading (12%).' },
      },
    ]);
    const asking = walk(
      enabled,
      { type: 'start' },
      { type: 'check-result', version: '1.1.0' },
    ).flow;
    expect(walk(asking, { type: 'menu-check' }).effects).toEqual([]);
  });

  it('shortens an error to its first line', () => {
    expect(plainError('first\nsecond')).toBe('first');
    expect(plainError('')).toBe('Unknown error.');
    expect(plainError('x'.repeat(400))).toHaveLength(300);
  });
});
