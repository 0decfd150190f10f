// The refresh tokens this desk has had Zoho mint, per client, accounts server and user, so that a
// sign-in that would make the 21st can be warned about first: Zoho keeps at most 20 refresh tokens
// per user and client and silently deletes the oldest (docs/zoho.md §9, Limits). A connection
// that is signed in again, or removed here, leaves its old token alive at Zoho, so the ledger is a
// document of its own and outlives connections; only a revocation takes a token out of the count.
// It holds no secret: times, client IDs, connection names and the user's ZUID or email.

import * as z from '../schema.js';
import type { DocumentStore, LockPort } from '../ports.js';
import type { Connection } from '../store/connection.js';

/** Zoho's limit of refresh tokens per user and client. */
export const REFRESH_TOKENS_PER_USER_AND_CLIENT = 20;

const mintSchema = z.object({
  clientId: z.string(),
  /** The accounts server that holds the token (each DC counts on its own). */
  accountsUrl: z.string(),
  /** The user's ZUID, else email; absent when Zoho did not say. */
  user: z.optional(z.string()),
  connectionId: z.string(),
  connectionName: z.string(),
  at: z.number(),
  /** Revoked through Token Desk: no longer counts. */
  revoked: z.optional(z.boolean()),
});
export type RefreshTokenMint = z.infer<typeof mintSchema>;

const ledgerSchema = z.object({ version: z.literal(1), mints: z.array(mintSchema) });

export interface RefreshTokenLedger {
  /** A new refresh token was saved for this connection (after its user is known). */
  recordMint(connection: Connection, at: number): Promise<void>;
  /** The connection's current refresh token was revoked at Zoho. */
  recordRevoked(connectionId: string): Promise<void>;
  /**
   * The warning to show before a sign-in of this connection, if it would push a token out; for a
   * connection not added yet, its client and accounts server (no user: the busiest one counts).
   */
  warningBeforeSignIn(
    connection: Pick<Connection, 'clientId' | 'accountsUrl' | 'user'>,
    connections: readonly Connection[],
  ): string | undefined;
}

function userKey(connection: Pick<Connection, 'user'>): string | undefined {
  return connection.user?.zuid ?? connection.user?.email?.toLowerCase();
}

const LOCK_KEY = 'refresh-token-ledger';

export function createRefreshTokenLedger(
  document: DocumentStore,
  lock: LockPort,
): RefreshTokenLedger {
  function read(): RefreshTokenMint[] {
    let raw: unknown;
    try {
      raw = document.read();
    } catch {
      // A damaged ledger only weakens a warning; it must never stop a sign-in.
      return [];
    }
    const parsed = ledgerSchema.safeParse(raw);
    return parsed.success ? parsed.data.mints : [];
  }

  async function change(update: (mints: RefreshTokenMint[]) => RefreshTokenMint[]): Promise<void> {
    try {
      await lock.withLock(LOCK_KEY, () => document.write({ version: 1, mints: update(read()) }));
    } catch {
      // Best effort, as above: the grant itself is saved already.
    }
  }

  return {
    recordMint: (connection, at) =>
      change((mints) => [
        ...mints,
        {
          clientId: connection.clientId,
          accountsUrl: connection.accountsUrl,
          ...(userKey(connection) ? { user: userKey(connection) } : {}),
          connectionId: connection.id,
          connectionName: connection.name,
          at,
        },
      ]),

    recordRevoked: (connectionId) =>
      change((mints) => {
        // The newest live mint of the connection is the token it held.
        const index = mints.findLastIndex((m) => m.connectionId === connectionId && !m.revoked);
        return index < 0 ? mints : mints.map((m, i) => (i === index ? { ...m, revoked: true } : m));
      }),

    warningBeforeSignIn(connection, connections) {
      const live = read().filter(
        (m) =>
          !m.revoked &&
          m.clientId === connection.clientId &&
          m.accountsUrl === connection.accountsUrl,
      );
      // The user is known once the connection was signed in; before that, the busiest user of
      // this client is the one a sign-in most likely adds to.
      const byUser = new Map<string, RefreshTokenMint[]>();
      for (const mint of live) {
        const key = mint.user ?? '';
        byUser.set(key, [...(byUser.get(key) ?? []), mint]);
      }
      const known = userKey(connection);
      const group =
        known !== undefined
          ? [...(byUser.get(known) ?? []), ...(byUser.get('') ?? [])]
          : ([...byUser.values()].sort((a, b) => b.length - a.length)[0] ?? []);
      if (group.length < REFRESH_TOKENS_PER_USER_AND_CLIENT) return undefined;
      const oldest = [...group].sort((a, b) => a.at - b.at)[0]!;
      // The oldest token breaks a connection only if it is still that connection's newest one.
      const holder = connections.find((c) => c.id === oldest.connectionId);
      const isCurrent =
        holder !== undefined &&
        !group.some((m) => m.connectionId === holder.id && m.at > oldest.at);
      const who = known ?? oldest.user;
      const victim =
        isCurrent && holder
          ? `the oldest, which connection "${holder.name}" uses: "${holder.name}" will stop working and need a new sign-in`
          : 'the oldest, which no connection here uses any more';
      return (
        `Token Desk has already had ${group.length} refresh tokens made for client ${connection.clientId}` +
        `${who ? ` and ${who}` : ''}. Zoho keeps 20 per user and client: this sign-in makes Zoho delete ${victim}. ` +
        'Revoke connections you no longer need first to avoid it.'
      );
    },
  };
}
