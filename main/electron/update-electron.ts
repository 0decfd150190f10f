// The UpdaterPort over electron-updater and the release feed electron-builder's `publish`
// setting names (GitHub Releases; app-update.yml in the packaged app). Loaded with a dynamic
// import, only in packaged runs and only when a check is due, so development runs and the boot
// test never load it. Automatic download and automatic install are off: the update controller
// downloads after the user agreed, and allows install-on-quit only then.

import type { UpdaterPort } from './update-controller.js';

export async function loadElectronUpdater(): Promise<UpdaterPort> {
  // electron-updater is CommonJS: Node gives its exports as the namespace's default.
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowPrerelease = false;
  // Failures reach us as rejected promises; without a listener an 'error' event would throw.
  autoUpdater.on('error', () => undefined);
  return {
    async check() {
      const result = await autoUpdater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download(onProgress) {
      const listener = (progress: { percent: number }) => onProgress(progress.percent);
      autoUpdater.on('download-progress', listener);
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.off('download-progress', listener);
      }
    },
    setInstallOnQuit(allowed) {
      autoUpdater.autoInstallOnAppQuit = allowed;
    },
    installNow() {
      // Not silent (Windows shows the installer's progress), and start Token Desk again after.
      autoUpdater.quitAndInstall(false, true);
    },
  };
}
