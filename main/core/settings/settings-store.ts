// User preferences for the desktop and browser UI, kept beside the connections. Unknown or
// out-of-range values fall back to the defaults rather than breaking the app.

import { z } from 'zod';
import type { DocumentStore } from '../ports.js';

export const settingsSchema = z.object({
  clipboardClearSeconds: z.number().int().min(0).max(3600).catch(30),
  autoRefresh: z.boolean().catch(true),
  theme: z.enum(['light', 'dark', 'system']).catch('system'),
  /**
   * Which cipher seals new connections, per program, as chosen in the window (vault/vault-control.ts).
   * Only the choice: never a passphrase or a key. Not part of the UI's settings.set.
   */
  vaultCipher: z
    .object({
      desktop: z.enum(['safestorage', 'keyring', 'passphrase']).optional().catch(undefined),
      browser: z.enum(['keyring', 'passphrase']).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});
export type AppSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  clipboardClearSeconds: 30,
  autoRefresh: true,
  theme: 'system',
};

export function createSettingsStore(document: DocumentStore) {
  const read = (): AppSettings =>
    settingsSchema.parse({
      ...DEFAULT_SETTINGS,
      ...((document.read() as object | undefined) ?? {}),
    });
  return {
    get: read,
    set(change: Partial<AppSettings>): AppSettings {
      const next = settingsSchema.parse({ ...read(), ...change });
      document.write(next);
      return next;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
