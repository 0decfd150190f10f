// The connection store: connection records (no secrets) in one JSON document. Every read goes to
// the document again (other processes write it too), migrates it in memory and validates every
// record; a record that fails is reported by file, record and field, and nothing is rewritten.
// Every write is a read-modify-write under lock('store') that re-reads the document first, so two
// processes updating different connections (or the same one) never lose each other's changes.

import type * as z from '../schema.js';
import { TokenDeskError, inputError } from '../errors.js';
import type { Clock, DocumentStore, LockPort } from '../ports.js';
import { connectionSchema, duplicateConnectionError, type Connection } from './connection.js';
import type { ConnectionStore } from './connection-store-types.js';
import { STORE_VERSION, migrateStoreDocument } from './migrations.js';

export const STORE_LOCK_KEY = 'store';

export interface ConnectionStoreOptions {
  document: DocumentStore;
  lock: LockPort;
  clock: Clock;
}

export function createConnectionStore(options: ConnectionStoreOptions): ConnectionStore {
  const { document, lock, clock } = options;

  const load = (): Connection[] => {
    const migrated = migrateStoreDocument(document.read(), document.path);
    return migrated.connections.map((record, index) => {
      const parsed = connectionSchema.safeParse(record);
      if (!parsed.success) throw invalidRecord(document.path, record, index, parsed.error);
      return parsed.data;
    });
  };

  const save = (connections: Connection[]): Promise<void> =>
    document.write({ version: STORE_VERSION, connections });

  const findIn = (connections: Connection[], nameOrId: string): Connection | undefined => {
    const byId = connections.find((connection) => connection.id === nameOrId);
    if (byId) return byId;
    const wanted = nameOrId.toLowerCase();
    return connections.find((connection) => connection.name.toLowerCase() === wanted);
  };

  const assertNameFree = (connections: Connection[], name: string, exceptId?: string): void => {
    const wanted = name.toLowerCase();
    const clash = connections.find(
      (connection) => connection.id !== exceptId && connection.name.toLowerCase() === wanted,
    );
    if (clash) throw duplicateConnectionError(clash.name);
  };

  return {
    list: () => load(),

    find: (nameOrId) => findIn(load(), nameOrId),

    require(nameOrId) {
      const connections = load();
      const found = findIn(connections, nameOrId);
      if (found) return found;
      throw unknownConnection(nameOrId, connections);
    },

    async add(connection) {
      const record = validateRecord(connection);
      return lock.withLock(STORE_LOCK_KEY, async () => {
        const connections = load();
        if (connections.some((existing) => existing.id === record.id)) {
          throw inputError(
            'duplicate_connection',
            `A connection with id "${record.id}" already exists.`,
            'Add it again to get a new id.',
            { id: record.id },
          );
        }
        assertNameFree(connections, record.name);
        const stamped: Connection = { ...record, updatedAt: clock.now() };
        await save([...connections, stamped]);
        return stamped;
      });
    },

    async update(id, change) {
      return lock.withLock(STORE_LOCK_KEY, async () => {
        const connections = load();
        const index = connections.findIndex((connection) => connection.id === id);
        if (index < 0) throw unknownConnection(id, connections);
        const next = validateRecord(change(structuredClone(connections[index]!)));
        if (next.id !== id) {
          throw new TokenDeskError(
            'connection_invalid',
            `A connection's id cannot change (from "${id}" to "${next.id}").`,
            {
              category: 'input',
              remedy: 'This is a bug in Token Desk; please report it.',
            },
          );
        }
        assertNameFree(connections, next.name, id);
        const stamped: Connection = { ...next, updatedAt: clock.now() };
        await save(connections.map((connection, i) => (i === index ? stamped : connection)));
        return stamped;
      });
    },

    async remove(id) {
      return lock.withLock(STORE_LOCK_KEY, async () => {
        const connections = load();
        const remaining = connections.filter((connection) => connection.id !== id);
        if (remaining.length === connections.length) return false;
        await save(remaining);
        return true;
      });
    },
  };
}

/** Validates a record the app is about to write; a bad one is the caller's input, not the file's fault. */
function validateRecord(connection: unknown): Connection {
  const parsed = connectionSchema.safeParse(connection);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? fieldPath(issue.path) : 'record';
  throw inputError(
    'connection_invalid',
    `The connection is not valid: ${field}: ${issue?.message ?? 'invalid'}.`,
    'Check the value of that field and try again.',
    {
      field,
    },
  );
}

function unknownConnection(nameOrId: string, connections: Connection[]): TokenDeskError {
  const known = connections.map((connection) => connection.name);
  return inputError(
    'unknown_connection',
    known.length === 0
      ? `There is no connection "${nameOrId}": no connections have been added yet.`
      : `There is no connection "${nameOrId}". Known connections: ${known.join(', ')}.`,
    known.length === 0 ? 'Add the connection first.' : 'Use one of those names, exactly as listed.',
    { nameOrId, known },
    'token-desk list',
  );
}

function invalidRecord(
  path: string,
  record: unknown,
  index: number,
  error: z.ZodError,
): TokenDeskError {
  const issue = error.issues[0];
  const field = `connections[${index}]${issue && issue.path.length > 0 ? `.${fieldPath(issue.path)}` : ''}`;
  const name =
    typeof record === 'object' &&
    record !== null &&
    typeof (record as Record<string, unknown>).name === 'string'
      ? ` ("${(record as Record<string, unknown>).name as string}")`
      : '';
  return new TokenDeskError(
    'store_invalid',
    `The connections file ${path} has an invalid record${name}: ${field}: ${issue?.message ?? 'invalid'}.`,
    {
      category: 'local',
      remedy:
        'Fix that field in the file by hand or restore the file from a backup. Token Desk has not changed it.',
      details: { path, field, index },
    },
  );
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}
