// DocumentStore on one JSON file in the Token Desk home folder (connections.json, vault.json,
// history.json, settings.json): the document itself is the file's JSON (any JSON, even a bare v0
// array), written whole and atomically with mode 0600 (atomic-file.ts) in a folder created 0700.
// A file that is not JSON is moved aside to `<name>.corrupt-<timestamp>.json` and reported: never
// cleared, never silently replaced.
//
// Reads go to the file directly, every time (other processes write it too). Files written by
// earlier versions (through conf or electron-store, which stored the bare document the same way)
// read unchanged.

import { chmodSync, existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TokenDeskError } from '../../core/errors.js';
import type { DocumentStore } from '../../core/ports.js';
import { writeFileAtomic0600 } from './atomic-file.js';

/** Puts the whole document on disk at `path`: atomic, mode 0600, folder created 0700 if missing. */
export type PersistDocument = (path: string, document: unknown) => Promise<void>;

export interface JsonDocumentStoreOptions {
  /** The Token Desk home folder; created (mode 0700) if missing. */
  home: string;
  /** File name without extension, e.g. 'connections' or 'vault'. */
  name: string;
  /** For the backup name of a corrupt file; tests pass a fixed time. */
  now?: () => number;
  /** How the text reaches the disk: write-file-atomic by default; the desktop's settings use electron-store. */
  persist?: PersistDocument;
}

/** Thrown by the parser so a corrupt file is told apart from any other failure. */
class NotJsonError extends Error {}

/** The file's text as it is written: the document as indented JSON with a final newline. */
export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function createJsonDocumentStore(options: JsonDocumentStoreOptions): DocumentStore {
  const { home, name } = options;
  const now = options.now ?? Date.now;
  const path = join(home, `${name}.json`);
  const persist =
    options.persist ??
    ((to: string, document: unknown) => writeFileAtomic0600(to, serializeDocument(document)));

  const readFile = (): { document?: unknown } => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      return { document: JSON.parse(text) as unknown };
    } catch (error) {
      throw new NotJsonError('not JSON', { cause: error });
    }
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
      return guard(readFile).document;
    },
    async write(document) {
      if (document === undefined)
        throw new TypeError('json-document-store: cannot write undefined');
      // Reading first makes a corrupt file an error (and a backup) instead of being overwritten unseen.
      guard(readFile);
      await persist(path, document);
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
