// npm run bench, the desktop app's part: the size of app.asar and its file count, from the same
// packaging as the installers (electron-builder.yml, a Linux --dir build against a stand-in
// Electron: test/support/package-app.ts). Needs the built out/ (`npm run build`).

import {
  asarFigures,
  asarPackages,
  asarFiles,
  electronBuildPresent,
  packageApp,
} from '../test/support/package-app.js';

if (!electronBuildPresent()) {
  console.log('7. skipped: the desktop app is not built (npm run build)');
} else {
  const app = await packageApp();
  try {
    const { bytes, files } = await asarFigures(app.asarPath);
    const packages = asarPackages(asarFiles(app.asarPath)).size;
    console.log(
      `\n7. the desktop app's app.asar: ${(bytes / 1024 / 1024).toFixed(2)} MB, ${files} files, ${packages} packages from node_modules ` +
        `(electron-builder ${(app.packMs / 1000).toFixed(1)} s)`,
    );
  } finally {
    await app.cleanup();
  }
}
