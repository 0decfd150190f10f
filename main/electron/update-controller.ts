// Runs the update state machine (update-flow.ts) against two ports: the updater (electron-updater
// in the app, update-electron.ts) and the UI (dialogs, the window's progress bar, a log line).
// Asynchronous results come back as events, one at a time, so the machine alone decides; a
// failing port becomes an error event or a log line, never an unhandled rejection.

import {
  initialFlow,
  step,
  TEXT,
  type UpdateEffect,
  type UpdateEvent,
  type UpdateFlow,
  type UpdateMessage,
} from './update-flow.js';

/** What the app needs from an updater. */
export interface UpdaterPort {
  /** The newer version on the release feed, or null when this one is the newest. */
  check(): Promise<{ version: string } | null>;
  /** Downloads the version found by the last check; progress in percent. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Whether the downloaded update is installed when the app quits. */
  setInstallOnQuit(allowed: boolean): void;
  /** Quits and installs the downloaded update now. */
  installNow(): void;
}

export interface UpdateUi {
  /** "Token Desk X is available": true for Download and install, false for Later. */
  askToDownload(version: string): Promise<boolean>;
  /** "X is ready to install": true for Restart now. */
  askToRestart(version: string): Promise<boolean>;
  tell(message: UpdateMessage): Promise<void>;
  /** 0..1, or null to remove the progress bar. */
  progress(fraction: number | null): void;
  log(message: string): void;
}

export interface UpdateControllerOptions {
  /** app.isPackaged: development and unpackaged runs never check. */
  enabled: boolean;
  currentVersion: string;
  /** Called only when enabled, on the first check: loading electron-updater waits until then. */
  updater(): Promise<UpdaterPort>;
  ui: UpdateUi;
}

export interface UpdateController {
  checkAtStart(): void;
  checkFromMenu(): void;
  /** For tests and the boot test: the machine's current state. */
  flow(): UpdateFlow;
  /** Resolves when every effect started so far has settled. */
  idle(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  let flow = initialFlow(options.enabled);
  let updater: Promise<UpdaterPort> | undefined;
  const getUpdater = () => (updater ??= options.updater());
  const pending = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) =>
      options.ui.log(`Token Desk updates: ${messageOf(error)}`),
    );
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
  };

  const dispatch = (event: UpdateEvent): void => {
    const next = step(flow, event, options.currentVersion);
    flow = next.flow;
    for (const effect of next.effects) run(effect);
  };

  function run(effect: UpdateEffect): void {
    const { ui } = options;
    switch (effect.type) {
      case 'check':
        return track(
          getUpdater()
            .then((port) => port.check())
            .then(
              (found) => dispatch({ type: 'check-result', version: found?.version ?? null }),
              (error: unknown) => dispatch({ type: 'check-failed', message: messageOf(error) }),
            ),
        );
      case 'ask-download':
        return track(
          ui.askToDownload(effect.version).then(
            (download) => dispatch({ type: 'answer', download }),
            () => dispatch({ type: 'answer', download: false }),
          ),
        );
      case 'download':
        return track(
          getUpdater()
            .then((port) => port.download((percent) => dispatch({ type: 'progress', percent })))
            .then(
              () => dispatch({ type: 'downloaded' }),
              (error: unknown) => dispatch({ type: 'download-failed', message: messageOf(error) }),
            ),
        );
      case 'install-on-quit':
        return track(getUpdater().then((port) => port.setInstallOnQuit(effect.allowed)));
      case 'progress':
        return ui.progress(effect.fraction);
      case 'ask-restart':
        return track(
          ui.askToRestart(effect.version).then((now) => dispatch({ type: 'restart-answer', now })),
        );
      case 'install-now':
        return track(getUpdater().then((port) => port.installNow()));
      case 'tell':
        return track(ui.tell(effect.message));
      case 'log':
        return ui.log(effect.message);
    }
  }

  return {
    checkAtStart: () => dispatch({ type: 'start' }),
    checkFromMenu: () => dispatch({ type: 'menu-check' }),
    flow: () => flow,
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

export { TEXT };
