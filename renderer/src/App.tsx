// The root: theme (light, dark or the system's), the rpc client, the clock, and the first load
// (app info, settings, connections) before the workspace shows.

import { Button, Center, MantineProvider, Paper, Stack, Text, Title } from '@mantine/core';
import { useColorScheme } from '@mantine/hooks';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type {
  ConnectionView,
  CorruptBackupNoticeView,
  RpcError,
  Settings,
} from '../../main/rpc/contract.js';
import { AppStateProvider, type AppInfo } from './app/app-state.js';
import { ClockProvider, systemClock, type Clock } from './app/clock.js';
import { ConnectionNoticeRelay } from './app/connection-notices.js';
import { NoticesProvider } from './app/notices.js';
import { RpcProvider } from './app/rpc-context.js';
import { cssVariablesResolver, theme } from './app/theme.js';
import { ErrorAlert } from './components/ErrorAlert.js';
import { OpeningScreen } from './components/OpeningScreen.js';
import { VaultGate } from './features/vault/VaultGate.js';
import { Workspace, type View } from './features/workspace/Workspace.js';
import { toRpcError, type RpcClient } from './rpc/client.js';

export { theme };

export interface AppProps {
  client: RpcClient;
  clock?: Clock;
  /** 'test' turns off Mantine transitions and portals. */
  env?: 'default' | 'test';
  initialView?: View;
}

type Loaded = {
  info: AppInfo;
  settings: Settings;
  connections: ConnectionView[];
  corruptBackups: CorruptBackupNoticeView[];
};

function Themed({
  themeSetting,
  env,
  children,
}: {
  themeSetting: Settings['theme'];
  env: 'default' | 'test';
  children: ReactNode;
}) {
  const system = useColorScheme('light');
  const scheme = themeSetting === 'system' ? system : themeSetting;
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme={scheme}
      env={env}
    >
      {children}
    </MantineProvider>
  );
}

export function App({ client, clock = systemClock, env = 'default', initialView }: AppProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<RpcError | null>(null);
  const [themeSetting, setThemeSetting] = useState<Settings['theme']>('system');

  const load = useCallback(async () => {
    setError(null);
    try {
      const [info, settings, connections] = await Promise.all([
        client.call('app.info', {}),
        client.call('settings.get', {}),
        client.call('connections.list', {}),
      ]);
      // After the list: reading a corrupt connections file is what keeps it aside as a backup.
      const corruptBackups = await client
        .call('store.corruptBackups', {})
        .catch((): CorruptBackupNoticeView[] => []);
      setThemeSetting(settings.theme);
      setLoaded({ info, settings, connections, corruptBackups });
    } catch (thrown) {
      setError(toRpcError(thrown));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const onSettings = useCallback((settings: Settings) => setThemeSetting(settings.theme), []);

  return (
    <Themed themeSetting={themeSetting} env={env}>
      <RpcProvider client={client}>
        <ClockProvider clock={clock}>
          {loaded ? (
            <AppStateProvider
              info={loaded.info}
              settings={loaded.settings}
              connections={loaded.connections}
              corruptBackups={loaded.corruptBackups}
              onSettings={onSettings}
            >
              <NoticesProvider>
                <ConnectionNoticeRelay />
                <VaultGate>
                  <Workspace initialView={initialView} />
                </VaultGate>
              </NoticesProvider>
            </AppStateProvider>
          ) : error ? (
            <Center h="100vh" p="md">
              <Stack maw={560}>
                <Title order={2}>Token Desk could not start</Title>
                <ErrorAlert error={error} onRetry={() => void load()} />
              </Stack>
            </Center>
          ) : (
            <OpeningScreen />
          )}
        </ClockProvider>
      </RpcProvider>
    </Themed>
  );
}

/** Browser mode opened without its access key (an old bookmark, or the key was cut off). */
export function MissingSecret({ env = 'default' }: { env?: 'default' | 'test' }) {
  return (
    <Themed themeSetting="system" env={env}>
      <Center h="100vh" p="md">
        <Paper withBorder p="xl" maw={560}>
          <Stack>
            <Title order={2}>Open Token Desk from its link</Title>
            <Text data-testid="error-message">
              This page does not have the access key that lets it talk to Token Desk.
            </Text>
            <Text data-testid="error-remedy">
              Run <code>token-desk ui</code> in a terminal and open the address it prints (it ends
              with #secret=…). Bookmarks of that address stop working when Token Desk restarts.
            </Text>
            <Button variant="light" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </Stack>
        </Paper>
      </Center>
    </Themed>
  );
}
