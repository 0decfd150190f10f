// User preferences for the desktop and browser UI, kept beside the connections. Unknown or
// out-of-range values fall back to the defaults rather than breaking the app. A default that
// depends on the platform (keep running in the tray) comes from the shell as an option and is
// never written to the file until the user chooses, so the CLI or the browser mode writing other
// settings cannot fix it to their own default.

import * as z from '../schema.js';
import type { DocumentStore } from '../ports.js';

export const settingsSchema = z.object({
  clipboardClearSeconds: z.catch(z.int().check(z.minimum(0), z.maximum(3600)), 30),
  autoRefresh: z.catch(z.boolean(), true),
  theme: z.catch(z.enum(['light', 'dark', 'system']), 'system'),
  /** Closing the window leaves the desktop app in the tray; undefined: the platform's default. */
  keepInTray: z.catch(z.optional(z.boolean()), undefined),
  /**
   * Keep sent test requests (method, path, query, non-secret headers, body, status) in
   * history.json for replay. On by default; off stops adding to it (Settings, `token-desk history off`).
   */
  keepRequestHistory: z.catch(z.boolean(), true),
  /**
   * Which cipher seals new connections, per program, as chosen in the window (vault/vault-control.ts).
   * Only the choice: never a passphrase or a key. Not part of the UI's settings.set.
   */
  vaultCipher: z.catch(
    z.optional(
      z.object({
        desktop: z.catch(z.optional(z.enum(['safestorage', 'keyring', 'passphrase'])), undefined),
        browser: z.catch(z.optional(z.enum(['keyring', 'passphrase'])), undefined),
      }),
    ),
    undefined,
  ),
});
type StoredSettings = z.infer<typeof settingsSchema>;
export type AppSettings = Omit<StoredSettings, 'keepInTray'> & { keepInTray: boolean };

export const DEFAULT_SETTINGS: Omit<AppSettings, 'keepInTray'> = {
  clipboardClearSeconds: 30,
  autoRefresh: true,
  theme: 'system',
  keepRequestHistory: true,
};

export interface SettingsStoreOptions {
  /**
   * keepInTray when the user never chose: the desktop passes true on macOS and Windows, false on
   * Linux (GNOME shows no tray icon without an extension, and a closed window would leave an
   * invisible process). Core does not read the platform itself. Default false.
   */
  keepInTrayByDefault?: boolean;
}

export function createSettingsStore(document: DocumentStore, options: SettingsStoreOptions = {}) {
  const stored = (): StoredSettings =>
    settingsSchema.parse({
      ...DEFAULT_SETTINGS,
      ...((document.read() as object | undefined) ?? {}),
    });
  const resolved = (settings: StoredSettings): AppSettings => ({
    ...settings,
    keepInTray: settings.keepInTray ?? options.keepInTrayByDefault ?? false,
  });
  return {
    get: (): AppSettings => resolved(stored()),
    async set(change: Partial<AppSettings>): Promise<AppSettings> {
      const next = settingsSchema.parse({ ...stored(), ...change });
      await document.write(next);
      return resolved(next);
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
