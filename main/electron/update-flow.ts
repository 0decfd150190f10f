// Desktop updates as a pure state machine: every decision (check at start, check from the menu,
// ask before downloading, remember "Later", show progress, install on quit only after the user
// agreed, say plainly what went wrong) is `step(state, event) -> { state, effects }`, so tests
// walk every path without electron-updater or a network. update-controller.ts carries the
// effects out through ports. Nothing here downloads or installs unless an `answer` event with
// `download: true` came first: no update is ever installed silently.

import { APP_NAME } from './app-shell.js';

export type UpdateState =
  | { kind: 'idle' }
  /** `manual`: the user asked (menu), so "you're up to date" and errors are shown. */
  | { kind: 'checking'; manual: boolean }
  /** The "X is available" dialog is open. */
  | { kind: 'asking'; version: string }
  | { kind: 'downloading'; version: string; percent: number }
  /** Downloaded after the user agreed: installed when Token Desk quits (or now, if they say so). */
  | { kind: 'downloaded'; version: string };

export interface UpdateFlow {
  state: UpdateState;
  /** The version the user answered "Later" to: the start-up check does not ask again for it. */
  declined?: string;
  /** False in development and unpackaged runs: nothing is checked. */
  enabled: boolean;
}

export type UpdateEvent =
  | { type: 'start' }
  | { type: 'menu-check' }
  | { type: 'check-result'; version: string | null }
  | { type: 'check-failed'; message: string }
  | { type: 'answer'; download: boolean }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded' }
  | { type: 'download-failed'; message: string }
  | { type: 'restart-answer'; now: boolean };

export interface UpdateMessage {
  kind: 'info' | 'error';
  message: string;
  detail?: string;
}

export type UpdateEffect =
  | { type: 'check' }
  | { type: 'ask-download'; version: string }
  | { type: 'download' }
  /** Whether a downloaded update may be installed when the app quits. */
  | { type: 'install-on-quit'; allowed: boolean }
  /** 0..1 while downloading; null removes the progress bar. */
  | { type: 'progress'; fraction: number | null }
  | { type: 'ask-restart'; version: string }
  | { type: 'install-now' }
  | { type: 'tell'; message: UpdateMessage }
  /** One console line; for a start-up check nobody asked for (offline is normal). */
  | { type: 'log'; message: string };

export interface UpdateStep {
  flow: UpdateFlow;
  effects: UpdateEffect[];
}

export const TEXT = {
  available: (version: string) => `${APP_NAME} ${version} is available.`,
  availableDetail:
    'Download it now? It is installed when you quit Token Desk, or right away if you choose to restart.',
  downloadButton: 'Download and install',
  laterButton: 'Later',
  upToDate: (current: string) => `${APP_NAME} ${current} is up to date.`,
  ready: (version: string) => `${APP_NAME} ${version} is ready to install.`,
  readyDetail: 'Restart now to install it, or keep working: it is installed when you quit.',
  restartButton: 'Restart now',
  atQuitButton: 'When I quit',
  notHere: 'Updates are checked in installed builds only.',
  notHereDetail: 'This is a development run: update it with git and npm.',
  busyChecking: 'Token Desk is already checking for updates.',
  downloading: (version: string, percent: number) =>
    `${APP_NAME} ${version} is downloading (${Math.floor(percent)}%).`,
  checkFailed: 'Token Desk could not check for updates.',
  downloadFailed: (version: string) => `${APP_NAME} ${version} could not be downloaded.`,
  tryLater: 'Check your connection and try again from the menu later.',
} as const;

export function initialFlow(enabled: boolean): UpdateFlow {
  return { state: { kind: 'idle' }, enabled };
}

/** An updater error as one short line: no stack, no response headers. */
export function plainError(message: string): string {
  const first = message.split('\n', 1)[0]!.trim();
  return first.length > 300 ? `${first.slice(0, 297)}...` : first || 'Unknown error.';
}

export function step(flow: UpdateFlow, event: UpdateEvent, currentVersion: string): UpdateStep {
  const { state } = flow;
  const to = (next: UpdateState, effects: UpdateEffect[] = [], declined = flow.declined) => ({
    flow: { ...flow, state: next, declined },
    effects,
  });
  const stay = (effects: UpdateEffect[] = []) => ({ flow, effects });

  switch (event.type) {
    case 'start':
      if (!flow.enabled || state.kind !== 'idle') return stay();
      return to({ kind: 'checking', manual: false }, [{ type: 'check' }]);

    case 'menu-check':
      if (!flow.enabled)
        return stay([
          {
            type: 'tell',
            message: { kind: 'info', message: TEXT.notHere, detail: TEXT.notHereDetail },
          },
        ]);
      switch (state.kind) {
        case 'idle':
          return to({ kind: 'checking', manual: true }, [{ type: 'check' }]);
        case 'checking':
          // The start-up check is under way: its answer is now shown as if asked from the menu.
          return state.manual
            ? stay([{ type: 'tell', message: { kind: 'info', message: TEXT.busyChecking } }])
            : to({ kind: 'checking', manual: true });
        case 'asking':
          return stay();
        case 'downloading':
          return stay([
            {
              type: 'tell',
              message: { kind: 'info', message: TEXT.downloading(state.version, state.percent) },
            },
          ]);
        case 'downloaded':
          return stay([{ type: 'ask-restart', version: state.version }]);
      }
      return stay();

    case 'check-result':
      if (state.kind !== 'checking') return stay();
      if (event.version === null)
        return to(
          { kind: 'idle' },
          state.manual
            ? [{ type: 'tell', message: { kind: 'info', message: TEXT.upToDate(currentVersion) } }]
            : [],
        );
      // "Later" holds for the start-up check; asking from the menu asks again.
      if (!state.manual && flow.declined === event.version) return to({ kind: 'idle' });
      return to({ kind: 'asking', version: event.version }, [
        { type: 'ask-download', version: event.version },
      ]);

    case 'check-failed': {
      if (state.kind !== 'checking') return stay();
      const detail = plainError(event.message);
      return to(
        { kind: 'idle' },
        state.manual
          ? [{ type: 'tell', message: { kind: 'error', message: TEXT.checkFailed, detail } }]
          : [{ type: 'log', message: `${TEXT.checkFailed} ${detail}` }],
      );
    }

    case 'answer':
      if (state.kind !== 'asking') return stay();
      if (!event.download) return to({ kind: 'idle' }, [], state.version);
      return to({ kind: 'downloading', version: state.version, percent: 0 }, [
        { type: 'install-on-quit', allowed: true },
        { type: 'progress', fraction: 0 },
        { type: 'download' },
      ]);

    case 'progress': {
      if (state.kind !== 'downloading') return stay();
      const percent = Math.min(100, Math.max(0, event.percent));
      return to({ ...state, percent }, [{ type: 'progress', fraction: percent / 100 }]);
    }

    case 'downloaded':
      if (state.kind !== 'downloading') return stay();
      return to({ kind: 'downloaded', version: state.version }, [
        { type: 'progress', fraction: null },
        { type: 'ask-restart', version: state.version },
      ]);

    case 'download-failed':
      if (state.kind !== 'downloading') return stay();
      return to({ kind: 'idle' }, [
        { type: 'install-on-quit', allowed: false },
        { type: 'progress', fraction: null },
        {
          type: 'tell',
          message: {
            kind: 'error',
            message: TEXT.downloadFailed(state.version),
            detail: `${plainError(event.message)} ${TEXT.tryLater}`,
          },
        },
      ]);

    case 'restart-answer':
      if (state.kind !== 'downloaded' || !event.now) return stay();
      return stay([{ type: 'install-now' }]);
  }
}
