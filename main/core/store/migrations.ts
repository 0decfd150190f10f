// Versions of the connections document and the steps between them. The current shape is
// `{ version: 1, connections: Connection[] }`; version 0 is what early builds wrote (a bare array,
// or `{ connections }` without a version). Steps run in memory on every read; the migrated shape
// reaches disk only with the next ordinary write, so a read never rewrites a file. A file from a
// newer version is refused, never "migrated" down (that would drop fields it knows and we do not).

import { TokenDeskError } from '../errors.js';

export const STORE_VERSION = 1;

/** The connections document at some version; records are validated by the store, not here. */
export interface StoreDocument {
  version: number;
  connections: unknown[];
}

export interface StoreMigration {
  /** Migrates a document at version `from` to version `from + 1`. */
  from: number;
  describe: string;
  migrate(document: StoreDocument): StoreDocument;
}

export const STORE_MIGRATIONS: readonly StoreMigration[] = [
  {
    from: 0,
    describe: 'add the format version',
    migrate: (document) => ({ version: 1, connections: document.connections }),
  },
];

export interface MigratedStore extends StoreDocument {
  /** The version the file was at before migration (equal to `version` when nothing ran). */
  migratedFrom: number;
}

/**
 * Brings a raw connections document (as read from disk; undefined when there is no file) to
 * `targetVersion`. Throws store_invalid for a shape it cannot understand and store_newer_version
 * for a file from a newer Token Desk.
 */
export function migrateStoreDocument(
  raw: unknown,
  path: string,
  migrations: readonly StoreMigration[] = STORE_MIGRATIONS,
  targetVersion: number = STORE_VERSION,
): MigratedStore {
  if (raw === undefined)
    return { version: targetVersion, connections: [], migratedFrom: targetVersion };
  let document = detectVersion(raw, path);
  const migratedFrom = document.version;
  if (document.version > targetVersion) {
    throw new TokenDeskError(
      'store_newer_version',
      `The connections file ${path} was written by a newer version of Token Desk (format ${document.version}; this version reads up to ${targetVersion}).`,
      {
        category: 'local',
        remedy: 'Update Token Desk. The file was not changed.',
        details: { path, version: document.version },
      },
    );
  }
  while (document.version < targetVersion) {
    const step = migrations.find((candidate) => candidate.from === document.version);
    if (!step) {
      throw new TokenDeskError(
        'store_invalid',
        `The connections file ${path} is at format ${document.version}, which this version of Token Desk cannot upgrade.`,
        {
          category: 'local',
          remedy:
            'Restore the file from a backup made by this version, or move it aside and add your connections again. The file was not changed.',
          details: { path, version: document.version },
        },
      );
    }
    const next = step.migrate(document);
    if (next.version !== document.version + 1) {
      // A step that does not advance would loop forever; treat it as the bug it is.
      throw new Error(`Store migration from ${document.version} produced version ${next.version}.`);
    }
    document = next;
  }
  return { ...document, migratedFrom };
}

function detectVersion(raw: unknown, path: string): StoreDocument {
  if (Array.isArray(raw)) return { version: 0, connections: raw };
  if (typeof raw !== 'object' || raw === null) {
    throw invalid(path, 'it is not a JSON object');
  }
  const record = raw as Record<string, unknown>;
  const connections = record.connections ?? [];
  if (!Array.isArray(connections)) throw invalid(path, '"connections" is not a list');
  if (record.version === undefined) return { version: 0, connections };
  if (
    typeof record.version !== 'number' ||
    !Number.isInteger(record.version) ||
    record.version < 0
  ) {
    throw invalid(path, '"version" is not a whole number');
  }
  return { version: record.version, connections };
}

function invalid(path: string, what: string): TokenDeskError {
  return new TokenDeskError(
    'store_invalid',
    `The connections file ${path} cannot be read: ${what}.`,
    {
      category: 'local',
      remedy: 'Fix the file by hand or restore it from a backup. Token Desk has not changed it.',
      details: { path },
    },
  );
}
