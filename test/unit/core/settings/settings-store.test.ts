// The settings store's platform-dependent default: "keep running in the tray" follows the
// shell's default until the user chooses, and writing other settings never fixes it.
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../../main/core/settings/settings-store.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
} from '../../../support/memory-document-store.js';

describe('settings store: keep running in the tray', () => {
  it('takes the default the shell passes (on for macOS/Windows, off for Linux), off without one', () => {
    const disk = createMemoryDisk();
    expect(createSettingsStore(createMemoryDocumentStore(disk)).get().keepInTray).toBe(false);
    const on = createSettingsStore(createMemoryDocumentStore(disk), { keepInTrayByDefault: true });
    const off = createSettingsStore(createMemoryDocumentStore(disk), {
      keepInTrayByDefault: false,
    });
    expect(on.get().keepInTray).toBe(true);
    expect(off.get().keepInTray).toBe(false);
  });

  it('does not write the default when another setting is saved, so another program cannot fix it', async () => {
    const disk = createMemoryDisk();
    const document = createMemoryDocumentStore(disk);
    // The browser mode (no tray, default off) saves the theme...
    await createSettingsStore(document).set({ theme: 'dark' });
    expect(JSON.parse(document.raw()!)).not.toHaveProperty('keepInTray');
    // ...and the desktop app on macOS still keeps its default.
    const desktop = createSettingsStore(document, { keepInTrayByDefault: true });
    expect(desktop.get()).toMatchObject({ theme: 'dark', keepInTray: true });
  });

  it("keeps the user's choice over the default, and a damaged value falls back to the default", async () => {
    const disk = createMemoryDisk();
    const document = createMemoryDocumentStore(disk);
    const desktop = createSettingsStore(document, { keepInTrayByDefault: true });
    await expect(desktop.set({ keepInTray: false })).resolves.toMatchObject({ keepInTray: false });
    expect(desktop.get().keepInTray).toBe(false);
    await desktop.set({ autoRefresh: false });
    expect(desktop.get()).toMatchObject({ keepInTray: false, autoRefresh: false });

    await document.write({ keepInTray: 'yes please' });
    expect(desktop.get().keepInTray).toBe(true);
  });
});
