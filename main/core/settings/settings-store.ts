// User preferences for the desktop and browser UI, kept beside the connections. Unknown or
// out-of-range values fall back to the defaults rather than breaking the app.

import * as z from '../schema.js';
import type { DocumentStore } from '../ports.js';

export const settingsSchema = z.object({
  clipboardClearSeconds: z.catch(z.int().check(z.minimum(0), z.maximum(3600)), 30),
  autoRefresh: z.catch(z.boolean(), true),
  theme: z.catch(z.enum(['light', 'dark', 'system']), 'system'),
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
export type AppSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  clipboardClearSeconds: 30,
  autoRefresh: true,
  theme: 'system',
  keepRequestHistory: true,
};

export function createSettingsStore(document: DocumentStore) {
  const read = (): AppSettings =>
    settingsSchema.parse({
      ...DEFAULT_SETTINGS,
      ...((document.read() as object | undefined) ?? {}),
    });
  return {
    get: read,
    async set(change: Partial<AppSettings>): Promise<AppSettings> {
      const next = settingsSchema.parse({ ...read(), ...change });
      await document.write(next);
      return next;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
