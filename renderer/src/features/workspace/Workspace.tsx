// The main window: connections in the sidebar, the selected screen on the right (empty state,
// wizard, a connection, settings).

import { AppShell, Burger, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useRef, useState } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { ConnectionPage, type ConnectionTab } from '../connection/ConnectionPage.js';
import { CipherBanner } from '../vault/CipherBanner.js';
import { ConnectionSidebar } from './ConnectionSidebar.js';
import { CorruptBackupBanner } from './CorruptBackupBanner.js';
import { EmptyState } from './EmptyState.js';
import { compareNatural } from './connection-rows.js';

const NewConnectionWizard = lazy(() =>
  import('../wizard/NewConnectionWizard.js').then((m) => ({ default: m.NewConnectionWizard })),
);
const SettingsPage = lazy(() =>
  import('../settings/SettingsPage.js').then((m) => ({ default: m.SettingsPage })),
);

export type View =
  | { kind: 'home' }
  | { kind: 'wizard' }
  | { kind: 'connection'; id: string; tab: ConnectionTab }
  | { kind: 'settings' };

/** Connections needing attention listed before "Show all": a long list would only bury them. */
const ATTENTION_SHOWN = 10;

function Overview({
  connections,
  onOpen,
}: {
  connections: ConnectionView[];
  onOpen(c: ConnectionView): void;
}) {
  const [showAll, setShowAll] = useState(false);
  // The most urgent first (a dead refresh token before one never authorized), then by name as
  // the sidebar orders them.
  const attention = connections
    .filter((c) => c.status !== 'ready')
    .sort(
      (a, b) =>
        Number(b.status === 'needs-reauth') - Number(a.status === 'needs-reauth') ||
        compareNatural(a.name, b.name),
    );
  const shown = showAll ? attention : attention.slice(0, ATTENTION_SHOWN);
  return (
    <Paper withBorder p="xl" maw={640} mx="auto" mt="xl" data-testid="overview">
      <Stack>
        <Title order={2}>Choose a connection</Title>
        <Text>
          {connections.length} connection{connections.length === 1 ? '' : 's'} on this computer.
          Pick one on the left to copy its token or try a request.
        </Text>
        {attention.length > 0 && (
          <Stack gap="xs">
            <Text fw={500}>Needs your attention</Text>
            {shown.map((c) => (
              <Group key={c.id} justify="space-between">
                <Text size="sm">
                  {c.name}:{' '}
                  {c.status === 'needs-reauth'
                    ? 'Zoho no longer accepts it; authorize it again.'
                    : 'not authorized yet.'}
                </Text>
                <Button size="xs" variant="light" onClick={() => onOpen(c)}>
                  Open
                </Button>
              </Group>
            ))}
            {shown.length < attention.length && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  and {attention.length - shown.length} more
                </Text>
                <Button size="xs" variant="subtle" onClick={() => setShowAll(true)}>
                  Show all {attention.length}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

const loading = (
  <Group gap="xs" role="status" p="md">
    <Loader size="sm" />
    <Text size="sm">Loading…</Text>
  </Group>
);

export function Workspace({ initialView = { kind: 'home' } }: { initialView?: View }) {
  const { connections } = useAppState();
  const [view, setView] = useState<View>(initialView);
  const [navOpen, nav] = useDisclosure(false);
  // The view being shown, as of this render: the wizard asks it when it is left (see below).
  const shownView = useRef(view);
  shownView.current = view;

  const selected =
    view.kind === 'connection' ? connections.find((c) => c.id === view.id) : undefined;
  const open = (c: ConnectionView, tab: ConnectionTab = 'token') => {
    setView({ kind: 'connection', id: c.id, tab });
    nav.close();
  };

  let main;
  if (view.kind === 'wizard') {
    main = (
      <NewConnectionWizard
        onCancel={() => setView({ kind: 'home' })}
        onFinished={(c, next) => open(c, next)}
        isOpenElsewhere={(id) =>
          shownView.current.kind === 'connection' && shownView.current.id === id
        }
      />
    );
  } else if (view.kind === 'settings') {
    main = <SettingsPage onClose={() => setView({ kind: 'home' })} />;
  } else if (selected && view.kind === 'connection') {
    main = (
      <ConnectionPage
        connection={selected}
        tab={view.tab}
        onTab={(tab) => setView({ ...view, tab })}
        onRemoved={() => setView({ kind: 'home' })}
      />
    );
  } else if (connections.length === 0) {
    main = <EmptyState onStart={() => setView({ kind: 'wizard' })} />;
  } else {
    main = <Overview connections={connections} onOpen={(c) => open(c)} />;
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 320, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Show or hide the connection list"
            />
            <Title order={1} size="h4">
              Token Desk
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="sm"
              onClick={() => setView({ kind: 'wizard' })}
              data-testid="new-connection"
              disabled={view.kind === 'wizard'}
            >
              New connection
            </Button>
            <Button
              size="sm"
              variant="default"
              onClick={() => setView({ kind: 'settings' })}
              data-testid="open-settings"
              aria-pressed={view.kind === 'settings'}
            >
              Settings
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Connection list">
        <ConnectionSidebar
          connections={connections}
          selectedId={selected?.id ?? null}
          onSelect={(c) => open(c)}
        />
      </AppShell.Navbar>
      <AppShell.Main>
        {view.kind !== 'wizard' && <CorruptBackupBanner />}
        {view.kind !== 'wizard' && <CipherBanner />}
        <Suspense fallback={loading}>{main}</Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
