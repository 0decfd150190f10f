import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../../main/electron/window-options.js';

describe('window options', () => {
  it('writes every security preference out explicitly', () => {
    const options = createWindowOptions({
      preloadPath: '/app/out/preload/index.cjs',
      devTools: false,
    });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(options.webPreferences?.disableBlinkFeatures).toContain('Auxclick');
  });

  it('stays hidden until ready-to-show', () => {
    expect(createWindowOptions({ preloadPath: 'p', devTools: true }).show).toBe(false);
  });

  it('shows its menu bar (Quit is in it)', () => {
    expect(createWindowOptions({ preloadPath: 'p', devTools: false }).autoHideMenuBar).toBe(false);
  });
});
