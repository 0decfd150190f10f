// What every screen shares: which shell we run in, app info (cipher), settings, the list of
// connections and the store files kept aside as corrupt. The list is kept fresh by the
// 'connections.changed' event, row by row (main sends the changed row, or the id of a removed
// one, so the window does not re-list, and main does not decrypt every access token to mask it,
// on each change), re-listed only when the event is empty, and by results of our own calls. The
// corrupt backups are looked up again after each event (a read of a corrupt file is what moves
// it aside) and when the window gets focus back.

import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type {
  ConnectionView,
  CorruptBackupNoticeView,
  EventPayload,
  Result,
  Settings,
} from '../../../main/rpc/contract.js';
import { createRequiredContext } from './required-context.js';
import { useRpc } from './rpc-context.js';

export type AppInfo = Result<'app.info'>;

export interface AppState {
  info: AppInfo;
  settings: Settings;
  connections: ConnectionView[];
  /** Store files kept aside because they were not valid JSON (a banner while they exist). */
  corruptBackups: CorruptBackupNoticeView[];
  updateSettings(patch: Partial<Settings>): Promise<void>;
  reloadConnections(): Promise<void>;
  reloadCorruptBackups(): Promise<void>;
  /** Puts a connection returned by a call into the list at once (the event may come later). */
  upsertConnection(connection: ConnectionView): void;
  dropConnection(name: string): void;
}

/**
 * The list with one connection added (if new) or replaced (if known). A view older than the one
 * held is ignored: an event and a call's result for the same change travel separately, so the
 * older of two can arrive last.
 */
export function withConnection(list: ConnectionView[], connection: ConnectionView) {
  const index = list.findIndex((c) => c.id === connection.id);
  if (index === -1) return [...list, connection];
  if (list[index]!.updatedAt > connection.updatedAt) return list;
  return list.map((c, i) => (i === index ? connection : c));
}

type ConnectionsChanged = EventPayload<'connections.changed'>;

/** An empty 'connections.changed' event: the whole list must be read again. */
export const relistsConnections = (change: ConnectionsChanged) =>
  !change.connection && change.removed === undefined;

/** The list after one 'connections.changed' event that names its row. */
export function applyConnectionsChanged(list: ConnectionView[], change: ConnectionsChanged) {
  if (change.connection) return withConnection(list, change.connection);
  return list.filter((c) => c.id !== change.removed);
}

const AppStateContext = createRequiredContext<AppState>('useAppState', 'AppStateProvider');

export const useAppState = AppStateContext.useRequired;

type Actions = Pick<
  AppState,
  | 'updateSettings'
  | 'reloadConnections'
  | 'reloadCorruptBackups'
  | 'upsertConnection'
  | 'dropConnection'
>;

export function AppStateProvider(props: {
  info: AppInfo;
  settings: Settings;
  connections: ConnectionView[];
  corruptBackups?: CorruptBackupNoticeView[];
  onSettings(settings: Settings): void;
  children: ReactNode;
}) {
  const rpc = useRpc();
  const { onSettings, info } = props;
  const [settings, setSettings] = useState(props.settings);
  const [connections, setConnections] = useState(props.connections);
  const [corruptBackups, setCorruptBackups] = useState(props.corruptBackups ?? []);

  const reloadCorruptBackups = useCallback(async () => {
    try {
      setCorruptBackups(await rpc.call('store.corruptBackups', {}));
    } catch {
      // A banner that cannot be looked up is no reason to disturb the workspace.
    }
  }, [rpc]);

  const actions = useMemo<Actions>(
    () => ({
      reloadCorruptBackups,
      async reloadConnections() {
        try {
          setConnections(await rpc.call('connections.list', {}));
        } finally {
          // Reading a corrupt file is what moves it aside: look again after every read.
          await reloadCorruptBackups();
        }
      },
      async updateSettings(patch) {
        const next = await rpc.call('settings.set', patch);
        setSettings(next);
        onSettings(next);
      },
      upsertConnection: (connection) => setConnections((list) => withConnection(list, connection)),
      dropConnection: (name) => setConnections((list) => list.filter((c) => c.name !== name)),
    }),
    [rpc, onSettings, reloadCorruptBackups],
  );

  useEffect(() => {
    const onFocus = () => void reloadCorruptBackups();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reloadCorruptBackups]);

  useEffect(
    () =>
      rpc.on('connections.changed', (change) => {
        if (relistsConnections(change)) {
          actions.reloadConnections().catch(() => undefined);
          return;
        }
        setConnections((list) => applyConnectionsChanged(list, change));
        // Main read the store to make this change: a corrupt file may have been moved aside.
        void reloadCorruptBackups();
      }),
    [rpc, actions, reloadCorruptBackups],
  );

  const value = useMemo<AppState>(
    () => ({ info, settings, connections, corruptBackups, ...actions }),
    [info, settings, connections, corruptBackups, actions],
  );
  return <AppStateContext.Provider value={value}>{props.children}</AppStateContext.Provider>;
}
