// DocumentStore on `conf`: one JSON file in the Token Desk home folder (connections.json,
// vault.json), written atomically with mode 0600 in a folder created 0700. conf's own schema,
// defaults and migrations stay unused (ours live in core). conf wants an object at the root; the
// serializer wraps the document in `{ document }` so any JSON (even a bare v0 array) round-trips.
// A file that is not JSON is moved aside to `<name>.corrupt-<timestamp>.json` and reported: never
// cleared, never silently replaced.
//
// Reads go to the file directly, every time (other processes write it too): that is all conf's
// `store` getter does for a store without schema or encryption, and it spares the commands that
// only read (`token` with a cached token, `list`) from loading conf and its validator, which
// would be most of the CLI's start-up time. conf is loaded on the first write.

import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TokenDeskError } from '../../core/errors.js';
import type { DocumentStore } from '../../core/ports.js';

interface Wrapped {
  document?: unknown;
}

/** The conf options this adapter sets; electron-store (a conf subclass) takes the same. */
export type WrappedStoreOptions = {
  cwd: string;
  configName: string;
  /** electron-store names the file with `name` where conf uses `configName`. */
  name: string;
  fileExtension: 'json';
  configFileMode: number;
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
  watch: false;
  serialize(value: Wrapped): string;
  deserialize(text: string): Wrapped;
};

/** What the adapter needs of a conf (or electron-store) instance. */
export interface WrappedStore {
  store: Wrapped;
}

export interface JsonDocumentStoreOptions {
  /** The Token Desk home folder; created (mode 0700) if missing. */
  home: string;
  /** File name without extension, e.g. 'connections' or 'vault'. */
  name: string;
  /** For the backup name of a corrupt file; tests pass a fixed time. */
  now?: () => number;
  /** Builds the underlying store: conf by default; the desktop app passes electron-store. */
  createStore?: (options: WrappedStoreOptions) => WrappedStore | Promise<WrappedStore>;
}

/** Thrown by the deserializer so a corrupt file is told apart from any other failure. */
class NotJsonError extends Error {}

export function createJsonDocumentStore(options: JsonDocumentStoreOptions): DocumentStore {
  const { home, name } = options;
  const now = options.now ?? Date.now;
  const path = join(home, `${name}.json`);
  const createStore =
    options.createStore ??
    (async (storeOptions: WrappedStoreOptions) => {
      const { default: Conf } = await import('conf');
      return new Conf<Wrapped>(storeOptions);
    });
  let conf: Promise<WrappedStore> | undefined;

  const ensureHome = () => mkdirSync(home, { recursive: true, mode: 0o700 });

  const deserialize = (text: string): Wrapped => {
    try {
      return { document: JSON.parse(text) as unknown };
    } catch (error) {
      throw new NotJsonError('not JSON', { cause: error });
    }
  };

  // Created on the first write: conf reads the file in its constructor, and that read must be
  // guarded too (the caller reads first, so a corrupt file is reported before conf sees it).
  const open = (): Promise<WrappedStore> =>
    (conf ??= Promise.resolve(
      createStore({
        cwd: home,
        configName: name,
        name,
        fileExtension: 'json',
        configFileMode: 0o600,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: false,
        serialize: (value) => {
          if (!('document' in value)) throw new Error('json-document-store: nothing to write');
          return `${JSON.stringify(value.document, null, 2)}\n`;
        },
        deserialize,
      }),
    ));

  const readFile = (): Wrapped => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    return deserialize(text);
  };

  const guard = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof NotJsonError) throw quarantine(path, home, name, now());
      throw error;
    }
  };

  return {
    path,
    read() {
      const store = guard(readFile);
      return 'document' in store ? store.document : undefined;
    },
    async write(document) {
      if (document === undefined)
        throw new TypeError('json-document-store: cannot write undefined');
      // conf's setter ignores an unreadable old file; reading first makes a corrupt file an
      // error (and a backup) instead of being overwritten unseen.
      guard(readFile);
      ensureHome();
      const store = await open();
      guard(() => {
        store.store = { document };
      });
    },
  };
}

/**
 * The backups of corrupt `<name>.json` files that still sit in the home folder (oldest first), so
 * that a later run can say why the store looks empty instead of looking empty without a word.
 */
export function findCorruptBackups(home: string, name: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(home);
  } catch {
    return [];
  }
  const prefix = `${name}.corrupt-`;
  return entries
    .filter((entry) => entry.startsWith(prefix) && entry.endsWith('.json'))
    .sort()
    .map((entry) => join(home, entry));
}

/** Moves a corrupt file aside (kept as a backup) and returns the error that says so. */
function quarantine(path: string, home: string, name: string, at: number): TokenDeskError {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let backup = join(home, `${name}.corrupt-${stamp}.json`);
  for (let n = 2; existsSync(backup); n += 1)
    backup = join(home, `${name}.corrupt-${stamp}-${n}.json`);
  try {
    renameSync(path, backup);
  } catch (error) {
    // Another process may have moved it first; either way the original is not lost.
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
  try {
    // The backup may hold encrypted secrets or connection details: owner-only, like the original.
    chmodSync(backup, 0o600);
  } catch {
    // The move succeeded; a backup with its old mode is still better than no backup.
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
