// The core's DocumentStore on electron-store, with the Node adapter's behaviour
// (main/platform/node/json-document-store.ts): one JSON file in the Token Desk home, re-read on
// every access (the CLI writes it too), written atomically with mode 0600 in a folder created 0700,
// any JSON at the root (the serializer wraps it in `{ document }`), and a file that is not JSON
// moved aside to `<name>.corrupt-<timestamp>.json` and reported as store_corrupt: never cleared,
// never silently replaced. electron-store is reached through a factory, so tests use `conf` (its
// base class) without Electron.

import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TokenDeskError } from '../core/errors.js';
import type { DocumentStore } from '../core/ports.js';

export interface WrappedDocument {
  document?: unknown;
}

/** The electron-store options this adapter sets (a subset of electron-store's Options). */
export interface DocumentStoreOptions {
  name: string;
  cwd: string;
  fileExtension: 'json';
  configFileMode: number;
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
  watch: false;
  serialize(value: WrappedDocument): string;
  deserialize(text: string): WrappedDocument;
}

/** What the adapter needs of an electron-store instance. */
export interface StoreLike {
  readonly path: string;
  store: WrappedDocument;
}

/** `(options) => new ElectronStore(options)` in the app. */
export type StoreFactory = (options: DocumentStoreOptions) => StoreLike;

export interface ElectronStoreDocumentOptions {
  createStore: StoreFactory;
  /** The Token Desk home folder; created (mode 0700) if missing. */
  home: string;
  /** File name without extension: 'connections', 'vault', 'settings', 'history'. */
  name: string;
  now?: () => number;
}

/** Thrown by the deserializer so a corrupt file is told apart from any other failure. */
class NotJsonError extends Error {}

export function createElectronStoreDocument(options: ElectronStoreDocumentOptions): DocumentStore {
  const { home, name } = options;
  const now = options.now ?? Date.now;
  const path = join(home, `${name}.json`);
  let store: StoreLike | undefined;

  const ensureHome = () => mkdirSync(home, { recursive: true, mode: 0o700 });

  // Created lazily: electron-store reads the file in its constructor, and that read is guarded too.
  const open = (): StoreLike => {
    if (store) return store;
    ensureHome();
    store = options.createStore({
      name,
      cwd: home,
      fileExtension: 'json',
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      serialize: (value) => {
        if (!('document' in value)) throw new Error('electron-store-document: nothing to write');
        return `${JSON.stringify(value.document, null, 2)}\n`;
      },
      deserialize: (text) => {
        try {
          return { document: JSON.parse(text) as unknown };
        } catch (error) {
          throw new NotJsonError('not JSON', { cause: error });
        }
      },
    });
    return store;
  };

  const guard = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof NotJsonError) throw keepAside(path, home, name, now());
      throw error;
    }
  };

  return {
    path,
    read() {
      const current = guard(() => open().store);
      return 'document' in current ? current.document : undefined;
    },
    write(document) {
      if (document === undefined)
        throw new TypeError('electron-store-document: cannot write undefined');
      ensureHome();
      guard(() => {
        const opened = open();
        // The setter ignores an unreadable old file; reading first turns a corrupt file into an
        // error (and a backup) instead of overwriting it unseen.
        void opened.store;
        opened.store = { document };
      });
    },
  };
}

/** Moves a corrupt file aside (kept as a backup) and returns the error that says so. */
function keepAside(path: string, home: string, name: string, at: number): TokenDeskError {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let backup = join(home, `${name}.corrupt-${stamp}.json`);
  for (let n = 2; existsSync(backup); n += 1)
    backup = join(home, `${name}.corrupt-${stamp}-${n}.json`);
  try {
    renameSync(path, backup);
  } catch (error) {
    // Another process (the CLI) may have moved it first; either way the original is not lost.
    return new TokenDeskError(
      'store_corrupt',
      `The file ${path} is not valid JSON and could not be moved aside.`,
      {
        category: 'local',
        remedy: `Move or fix ${path} by hand (look for ${name}.corrupt-*.json backups beside it), then try again.`,
        details: { path },
        cause: error,
      },
    );
  }
  return new TokenDeskError(
    'store_corrupt',
    `The file ${path} was not valid JSON. It has been kept as ${backup}.`,
    {
      category: 'local',
      remedy:
        `Token Desk starts a new, empty ${name}.json on the next change. To get your data back, repair the JSON in ${backup} ` +
        `and move it back to ${path}, or restore a backup.`,
      details: { path, backup },
    },
  );
}
