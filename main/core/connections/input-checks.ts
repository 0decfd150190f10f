// What the connection use cases can refuse before asking for a secret or contacting Zoho: a name
// that is taken, a bad option, URL or data centre, a self_client.json that is damaged or whose
// code has expired, a Self Client authorized without a code. Every shell runs these first, so
// nobody types a secret only to learn that the name was taken, and no progress line claims a
// Zoho call that a validation error then prevents.

import { duplicateConnectionError as duplicateNameError } from '../store/connection.js';
import { inputError } from '../errors.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import type { Connection } from '../store/connection.js';
import {
  assertSelfClientCodeFresh,
  parseSelfClientFile,
  type SelfClientFile,
} from '../auth/self-client-file.js';
import { buildConnection, type NewConnectionInput } from './new-connection.js';

/** Where a connection's servers are: a data centre, or a custom accounts server and API domain. */
export interface ConnectionWhere {
  dc?: string;
  accountsUrl?: string;
  apiDomain?: string;
}

/** The one duplicate_connection error (its text is the vocabulary's). */
export function duplicateConnectionError(existing: Pick<Connection, 'name'>) {
  return duplicateNameError(existing.name);
}

/** The connection `input` would make (not stored), or the first reason it cannot be added. */
export function checkNewConnection(
  store: Pick<ConnectionStore, 'find'>,
  input: NewConnectionInput,
  now: number,
): Connection {
  const draft = buildConnection(input, now);
  const existing = store.find(draft.name);
  if (existing) throw duplicateConnectionError(existing);
  return draft;
}

/**
 * The self_client.json and the connection it would make (not stored), or the first reason it
 * cannot be imported: a damaged file, an expired code, a bad name or server, a taken name.
 */
export function checkSelfClientImport(
  store: Pick<ConnectionStore, 'find'>,
  name: string,
  fileText: string,
  where: ConnectionWhere,
  now: number,
): { file: SelfClientFile; draft: Connection } {
  const file = parseSelfClientFile(fileText);
  assertSelfClientCodeFresh(file, now);
  const draft = checkNewConnection(
    store,
    { name, ...where, clientId: file.clientId, clientType: 'self', scopes: file.scopes },
    now,
  );
  return { file, draft };
}

/** Whether authorizing with `code` will really call Zoho (the use case refuses the rest first). */
export function willExchangeCode(connection: Connection, code: string): boolean {
  return connection.clientType === 'self' && !connection.clientCredentials && code.trim() !== '';
}

/**
 * Refuses to authorize a Self Client without a grant code: its scopes are chosen when the code is
 * generated, so extra scopes cannot be asked for either.
 */
export function assertAuthorizableWithoutCode(
  connection: Connection,
  options: { addScopes?: boolean } = {},
): void {
  if (connection.clientType !== 'self') return;
  if (connection.clientCredentials) {
    // Its token comes without a code; its scopes are the connection's, fixed when it was added.
    if (options.addScopes) {
      throw inputError(
        'wrong_client_type',
        `"${connection.name}" uses client credentials: its scopes are the ones it was added with.`,
        'Add the connection again with all the scopes it needs.',
        undefined,
        `token-desk remove ${connection.name}, then token-desk add ${connection.name} --type self --client-credentials --scopes a,b …`,
      );
    }
    return;
  }
  const hint = `token-desk authorize ${connection.name} --code <grant code>`;
  if (options.addScopes) {
    throw inputError(
      'wrong_client_type',
      `"${connection.name}" is a Self Client: its scopes are chosen when you generate the code.`,
      'Generate a new code with all the scopes in the API Console, then authorize with that code.',
      undefined,
      hint,
    );
  }
  throw inputError(
    'missing_code',
    `"${connection.name}" is a Self Client: it needs a grant code.`,
    'Generate one in the API Console (Self Client > Generate Code) and authorize with it.',
    undefined,
    hint,
  );
}
