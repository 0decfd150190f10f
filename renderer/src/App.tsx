// The root: theme (light, dark or the system's), the rpc client, the clock, and the first load
// (app info, settings, connections) before the workspace shows.

import {
  Button,
  Center,
  MantineProvider,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useColorScheme } from '@mantine/hooks';
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
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
import { exchangeCode } from './rpc/startup.js';
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

/**
 * Browser mode without its access key (a new tab at the bare address, an old bookmark, a restart):
 * the way back in needs the terminal, never a secret in the address.
 */
export function MissingSecret({ env = 'default' }: { env?: 'default' | 'test' }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await exchangeCode(window, code);
    if (answer.secret) return window.location.reload();
    setBusy(false);
    setProblem(answer.message);
  };
  return (
    <Themed themeSetting="system" env={env}>
      <Center h="100vh" p="md">
        <Paper withBorder p="xl" maw={560}>
          <form onSubmit={(event) => void submit(event)}>
            <Stack>
              <Title order={2}>Open Token Desk from its terminal</Title>
              <Text data-testid="error-message">
                This page does not have the access key that lets it talk to Token Desk.
              </Text>
              <Text data-testid="error-remedy">
                Paste the one-time code (or the whole address) that <code>token-desk ui</code>{' '}
                printed in its terminal, or run <code>token-desk ui</code> again. Each code works
                once, and codes stop working when Token Desk restarts.
              </Text>
              <TextInput
                label="One-time code from the terminal"
                data-testid="handoff-code"
                value={code}
                onChange={(event) => setCode(event.currentTarget.value)}
                error={problem}
                autoComplete="off"
                spellCheck={false}
                required
              />
              <Button type="submit" loading={busy} data-testid="handoff-submit">
                Open Token Desk
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Themed>
  );
}
