// What every screen shares: which shell we run in, app info (cipher), settings, the list of
// connections (kept fresh by the 'connections.changed' event and by results of our own calls), and
// the store files kept aside as corrupt (looked up again after each reload of the list, since a
// read of a corrupt file is what moves it aside, and when the window gets focus back).

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type {
  ConnectionView,
  CorruptBackupNoticeView,
  Result,
  Settings,
} from '../../../main/rpc/contract.js';
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

const AppStateContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}

export function AppStateProvider(props: {
  info: AppInfo;
  settings: Settings;
  connections: ConnectionView[];
  corruptBackups?: CorruptBackupNoticeView[];
  onSettings(settings: Settings): void;
  children: ReactNode;
}) {
  const rpc = useRpc();
  const { onSettings } = props;
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

  const reloadConnections = useCallback(async () => {
    try {
      setConnections(await rpc.call('connections.list', {}));
    } finally {
      // Reading a corrupt file is what moves it aside: look again after every read.
      await reloadCorruptBackups();
    }
  }, [rpc, reloadCorruptBackups]);

  useEffect(() => {
    const onFocus = () => void reloadCorruptBackups();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reloadCorruptBackups]);

  useEffect(
    () =>
      rpc.on('connections.changed', () => {
        reloadConnections().catch(() => undefined);
      }),
    [rpc, reloadConnections],
  );

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      const next = await rpc.call('settings.set', patch);
      setSettings(next);
      onSettings(next);
    },
    [rpc, onSettings],
  );

  const upsertConnection = useCallback((connection: ConnectionView) => {
    setConnections((list) => {
      const index = list.findIndex((c) => c.id === connection.id);
      if (index === -1) return [...list, connection];
      const copy = list.slice();
      copy[index] = connection;
      return copy;
    });
  }, []);

  const dropConnection = useCallback(
    (name: string) => setConnections((list) => list.filter((c) => c.name !== name)),
    [],
  );

  const value = useMemo<AppState>(
    () => ({
      info: props.info,
      settings,
      connections,
      corruptBackups,
      updateSettings,
      reloadConnections,
      reloadCorruptBackups,
      upsertConnection,
      dropConnection,
    }),
    [
      props.info,
      settings,
      connections,
      corruptBackups,
      updateSettings,
      reloadConnections,
      reloadCorruptBackups,
      upsertConnection,
      dropConnection,
    ],
  );
  return <AppStateContext.Provider value={value}>{props.children}</AppStateContext.Provider>;
}
