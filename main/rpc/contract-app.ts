// The contract's methods about the app itself: app.info, the settings, and the store's notices
// of corrupt files (store.corruptBackups).

import * as z from 'zod/mini';
import { empty } from './contract-common.js';

export const settings = z.object({
  clipboardClearSeconds: z.int().check(z.minimum(0), z.maximum(3600)),
  autoRefresh: z.boolean(),
  theme: z.enum(['light', 'dark', 'system']),
  /**
   * Desktop app: closing the window leaves Token Desk running in the tray (otherwise it quits).
   * Its default depends on the platform; the browser mode has no tray and the window hides it.
   */
  keepInTray: z.optional(z.boolean()),
  /** Keep sent test requests (without secrets) for replay; off stops adding to the history. */
  keepRequestHistory: z.boolean(),
});
export type Settings = z.infer<typeof settings>;

export const appInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  home: z.string(),
  cipher: z.object({
    id: z.string(),
    description: z.string(),
    secure: z.boolean(),
    warning: z.optional(z.string()),
  }),
});

/** A store file that was not valid JSON and sits beside the live one as a backup. No secret. */
export const corruptBackupNotice = z.object({
  file: z.enum(['connections', 'vault']),
  /** The newest backup's path: the one to repair. */
  backup: z.string(),
  olderBackups: z.int().check(z.minimum(0)),
  message: z.string(),
  remedy: z.string(),
});
export type CorruptBackupNoticeView = z.infer<typeof corruptBackupNotice>;

export const appMethods = {
  'app.info': { params: empty, result: appInfo },
  'settings.get': { params: empty, result: settings },
  'settings.set': { params: z.partial(settings), result: settings },
} as const;

export const storeMethods = {
  /** Store files kept aside because they were not valid JSON, while the backups exist (a banner). */
  'store.corruptBackups': { params: empty, result: z.array(corruptBackupNotice) },
} as const;
