import { describe, expect, it, vi } from 'vitest';
import {
  createUpdateController,
  type UpdaterPort,
  type UpdateUi,
} from '../../../main/electron/update-controller.js';
import type { UpdateMessage } from '../../../main/electron/update-flow.js';

function fakes(options: {
  found?: string | null;
  checkError?: Error;
  downloadError?: Error;
  answer?: boolean;
  restart?: boolean;
}) {
  const log: string[] = [];
  const told: UpdateMessage[] = [];
  const progress: Array<number | null> = [];
  const updater: UpdaterPort = {
    check: vi.fn(async () => {
      if (options.checkError) throw options.checkError;
      return options.found ? { version: options.found } : null;
    }),
    download: vi.fn(async (onProgress: (percent: number) => void) => {
      onProgress(50);
      if (options.downloadError) throw options.downloadError;
      onProgress(100);
    }),
    setInstallOnQuit: vi.fn(),
    installNow: vi.fn(),
  };
  const ui: UpdateUi = {
    askToDownload: vi.fn(async () => options.answer ?? false),
    askToRestart: vi.fn(async () => options.restart ?? false),
    tell: vi.fn(async (message: UpdateMessage) => void told.push(message)),
    progress: (fraction) => progress.push(fraction),
    log: (line) => log.push(line),
  };
  const load = vi.fn(async () => updater);
  return { updater, ui, load, log, told, progress };
}

describe('update controller', () => {
  it('does not even load the updater in a development run', async () => {
    const f = fakes({ found: '9.9.9' });
    const controller = createUpdateController({
      enabled: false,
      currentVersion: '1.0.0',
      updater: f.load,
      ui: f.ui,
    });
    controller.checkAtStart();
    controller.checkFromMenu();
    await controller.idle();
    expect(f.load).not.toHaveBeenCalled();
    expect(f.told.map((m) => m.message)).toEqual(['Updates are checked in installed builds only.']);
  });

  it('downloads after the user agreed, allows install on quit, installs now on "Restart now"', async () => {
    const f = fakes({ found: '1.1.0', answer: true, restart: true });
    const controller = createUpdateController({
      enabled: true,
      currentVersion: '1.0.0',
      updater: f.load,
      ui: f.ui,
    });
    controller.checkAtStart();
    await controller.idle();
    expect(f.ui.askToDownload).toHaveBeenCalledWith('1.1.0');
    expect(f.updater.setInstallOnQuit).toHaveBeenCalledWith(true);
    expect(f.updater.download).toHaveBeenCalledOnce();
    expect(f.progress).toEqual([0, 0.5, 1, null]);
    expect(f.ui.askToRestart).toHaveBeenCalledWith('1.1.0');
    expect(f.updater.installNow).toHaveBeenCalledOnce();
    expect(f.load).toHaveBeenCalledOnce();
  });

  it('"Later" neither downloads nor installs', async () => {
    const f = fakes({ found: '1.1.0', answer: false });
    const controller = createUpdateController({
      enabled: true,
      currentVersion: '1.0.0',
      updater: f.load,
      ui: f.ui,
    });
    controller.checkAtStart();
    await controller.idle();
    expect(f.updater.download).not.toHaveBeenCalled();
    expect(f.updater.setInstallOnQuit).not.toHaveBeenCalled();
    expect(f.updater.installNow).not.toHaveBeenCalled();
    expect(controller.flow()).toMatchObject({ state: { kind: 'idle' }, declined: '1.1.0' });
  });

  it('shows a failed manual check and a failed download plainly, without rejecting', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const offline = fakes({ checkError: new Error('getaddrinfo ENOTFOUND\n at x') });
      const manual = createUpdateController({
        enabled: true,
        currentVersion: '1.0.0',
        updater: offline.load,
        ui: offline.ui,
      });
      manual.checkFromMenu();
      await manual.idle();
      expect(offline.told).toEqual([
        {
          kind: 'error',
          message: 'Token Desk could not check for updates.',
          detail: 'getaddrinfo ENOTFOUND',
        },
      ]);

      const broken = fakes({ found: '1.1.0', answer: true, downloadError: new Error('disk full') });
      const download = createUpdateController({
        enabled: true,
        currentVersion: '1.0.0',
        updater: broken.load,
        ui: broken.ui,
      });
      download.checkAtStart();
      await download.idle();
      expect(broken.updater.setInstallOnQuit).toHaveBeenLastCalledWith(false);
      expect(broken.told.at(-1)).toMatchObject({
        kind: 'error',
        message: 'Token Desk 1.1.0 could not be downloaded.',
      });
      expect(broken.progress.at(-1)).toBeNull();

      // The updater failing to load at all (no app-update.yml) is a failed check too.
      const f = fakes({});
      const missing = createUpdateController({
        enabled: true,
        currentVersion: '1.0.0',
        updater: async () => {
          throw new Error('ENOENT app-update.yml');
        },
        ui: f.ui,
      });
      missing.checkAtStart();
      await missing.idle();
      expect(f.log).toEqual(['Token Desk could not check for updates. ENOENT app-update.yml']);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('a failing dialog counts as "Later"', async () => {
    const f = fakes({ found: '1.1.0' });
    f.ui.askToDownload = vi.fn(async () => {
      throw new Error('no window');
    });
    const controller = createUpdateController({
      enabled: true,
      currentVersion: '1.0.0',
      updater: f.load,
      ui: f.ui,
    });
    controller.checkAtStart();
    await controller.idle();
    expect(f.updater.download).not.toHaveBeenCalled();
  });
});
