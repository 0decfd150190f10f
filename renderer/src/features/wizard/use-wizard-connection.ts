// The connection the new-connection wizard adds and authorizes. It is added (connections.add)
// when the user first authorizes, and replaced if they went back and changed the form since.
// Cancel, or leaving the wizard for another screen, removes it while it is still unauthorized, so
// starting again with the same name works; opening that very connection from the sidebar keeps
// it (its page offers Authorize). A connection that existed before the wizard is never touched
// (connections.add refuses an existing name).

import { useEffect, useRef, useState } from 'react';
import type { ConnectionView, RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { AUTHORIZATION_TIMEOUT_SECONDS } from '../authorize/ServerSignIn.js';
import { toNewConnection, type WizardDraft } from './draft.js';

export interface WizardConnectionOptions {
  draft: WizardDraft;
  /** The scopes the connection asks for, as checked so far. */
  scopes: string[];
  /** See NewConnectionWizardProps.isOpenElsewhere. */
  isOpenElsewhere?(connectionId: string): boolean;
  /** The connection got authorized (it is then `authorized`): the wizard shows its success. */
  onAuthorized(connection: ConnectionView): void;
}

export function useWizardConnection(options: WizardConnectionOptions) {
  const { draft, scopes, isOpenElsewhere } = options;
  const rpc = useRpc();
  const { connections, upsertConnection, dropConnection } = useAppState();
  /** Why the last server-based sign-in failed (the wizard offers "Fix the client secret"). */
  const [serverError, setServerError] = useState<RpcError | null>(null);
  /** The connection once authorized, for the success screen. */
  const [authorized, setAuthorized] = useState<ConnectionView | null>(null);
  const added = useRef<{ key: string; connection: ConnectionView } | null>(null);
  const finished = useRef(false);
  const signingIn = useRef(false);
  const latestConnections = useRef(connections);
  latestConnections.current = connections;

  /** Adds the connection (or re-adds it if the form changed since), returning it. */
  const ensureAdded = async (): Promise<ConnectionView> => {
    const input = toNewConnection(draft, scopes);
    const key = JSON.stringify(input);
    if (added.current?.key === key) return added.current.connection;
    // The form changed since the connection was added: core replaces it (and keeps it when the
    // new one is refused, e.g. its name is taken).
    const replaces = added.current?.connection;
    const connection = await rpc.call(
      'connections.add',
      replaces ? { ...input, replaces: replaces.name } : input,
    );
    if (replaces && replaces.id !== connection.id) dropConnection(replaces.name);
    added.current = { key, connection };
    upsertConnection(connection);
    return connection;
  };

  /** Removes the connection this wizard added, unless it got authorized (here or elsewhere). */
  const discardUnfinished = async (leaving = false) => {
    const mine = added.current;
    if (!mine || finished.current) return;
    if (leaving && isOpenElsewhere?.(mine.connection.id)) return;
    added.current = null;
    const current = latestConnections.current.find((c) => c.id === mine.connection.id);
    if (current && current.status !== 'new') return;
    // A sign-in still waiting for Zoho would otherwise finish into a removed connection.
    if (signingIn.current)
      await rpc.call('connections.cancelAuthorization', {}).catch(() => undefined);
    await rpc.call('connections.remove', { name: mine.connection.name }).then(
      () => dropConnection(mine.connection.name),
      () => undefined,
    );
  };
  const discardRef = useRef(discardUnfinished);
  discardRef.current = discardUnfinished;
  // Leaving the wizard for another screen (a connection, Settings) counts as Cancel.
  useEffect(() => () => void discardRef.current(true), []);

  const finish = (connection: ConnectionView) => {
    finished.current = true;
    upsertConnection(connection);
    setAuthorized(connection);
    options.onAuthorized(connection);
  };

  /** A sign-in that waits for Zoho: discarding the connection meanwhile cancels it first. */
  const waitFor = async (authorize: (name: string) => Promise<ConnectionView>) => {
    const connection = await ensureAdded();
    signingIn.current = true;
    try {
      return await authorize(connection.name);
    } finally {
      signingIn.current = false;
    }
  };

  const selfAuthorize = useAction(async (code: string) => {
    const connection = await ensureAdded();
    // The scopes of self_client.json, or the ones the user listed: Zoho's answer may not name them.
    finish(
      await rpc.call('connections.authorizeSelfClient', {
        name: connection.name,
        code,
        ...(scopes.length > 0 ? { scopes } : {}),
      }),
    );
  });

  const ccAuthorize = useAction(async () => {
    const connection = await ensureAdded();
    finish(await rpc.call('connections.authorizeClientCredentials', { name: connection.name }));
  });

  return {
    /** The connection added so far, if any. */
    added: added.current?.connection ?? null,
    authorized,
    discardUnfinished,
    finish,
    selfAuthorize,
    ccAuthorize,
    serverError,
    setServerError,
    startDevice: () => waitFor((name) => rpc.call('connections.authorizeDevice', { name })),
    startServer: (openBrowser: boolean) => {
      setServerError(null);
      return waitFor((name) =>
        rpc.call('connections.authorizeServer', {
          name,
          timeoutSeconds: AUTHORIZATION_TIMEOUT_SECONDS,
          ...(openBrowser ? {} : { openBrowser: false }),
        }),
      );
    },
  };
}

export type WizardConnection = ReturnType<typeof useWizardConnection>;
