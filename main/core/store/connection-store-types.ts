// The connection store's API, as the token manager, CLI and rpc handlers use it.

import type { Connection } from './connection.js';

export interface ConnectionStore {
  list(): Connection[];
  /** By name (case-insensitive) or id. */
  find(nameOrId: string): Connection | undefined;
  /** Like find, but throws an input error (code unknown_connection) naming the known connections. */
  require(nameOrId: string): Connection;
  /** Throws an input error (code duplicate_connection) if the name is taken. */
  add(connection: Connection): Promise<Connection>;
  /**
   * Read-modify-write of one connection under the store lock, re-reading the file first so that
   * another process's changes are not lost. Returns the record as written.
   */
  update(id: string, change: (current: Connection) => Connection): Promise<Connection>;
  remove(id: string): Promise<boolean>;
}
