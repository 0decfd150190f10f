// What a connection is: where it lives (data centre, servers), which client, which scopes were
// granted, and a way to remove it from this computer.

import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useConfirmedAction } from '../../app/use-action.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DESTRUCTIVE } from '../../components/destructive.js';
import { Panel } from '../../components/Panel.js';
import { dcLongLabel } from '../../lib/data-centres.js';
import { formatDateTime } from '../../lib/format.js';
import { sameScope } from '../../lib/scopes.js';

/** What Zoho confirmed (grantedScopes), or only what was asked for when its answer named none. */
export const scopesTitle = (connection: ConnectionView) =>
  connection.grantedScopes ? 'Granted scopes' : 'Requested scopes';

export function GrantedScopes({ connection }: { connection: ConnectionView }) {
  const granted = connection.grantedScopes;
  const asked = connection.scopes;
  const missing = granted ? asked.filter((s) => !granted.some((g) => sameScope(g, s))) : [];
  return (
    <Stack gap={6}>
      <Group gap={4} data-testid="granted-scopes">
        {(granted ?? asked).length === 0 && (
          <Text size="sm" c="dimmed">
            None recorded yet.
          </Text>
        )}
        {(granted ?? asked).map((s) => (
          <Badge key={s} variant="light" tt="none">
            {s}
          </Badge>
        ))}
      </Group>
      {!granted && asked.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="scopes-unconfirmed">
          Asked for; Zoho did not list which were granted.
        </Text>
      )}
      {missing.length > 0 && (
        <Text size="xs" c="orange">
          Asked for but not granted: {missing.join(', ')}
        </Text>
      )}
    </Stack>
  );
}

export function DetailsCard({
  connection,
  onRemoved,
}: {
  connection: ConnectionView;
  onRemoved(): void;
}) {
  const rpc = useRpc();
  const { dropConnection } = useAppState();
  const remove = useConfirmedAction(async () => {
    await rpc.call('connections.remove', { name: connection.name });
    dropConnection(connection.name);
    onRemoved();
  });
  const rows: Array<[string, ReactNode]> = [
    ['Data centre', dcLongLabel(connection.location ?? connection.dc)],
    ['API domain', <code key="api">{connection.apiDomain}</code>],
    ['Accounts server', <code key="acc">{connection.accountsUrl}</code>],
    [
      'Client type',
      { self: 'Self Client', server: 'Server-based', device: 'Non-browser application' }[
        connection.clientType
      ],
    ],
    ['Client ID', <code key="cid">{connection.clientId}</code>],
    ...(connection.redirectUri
      ? ([['Redirect URI', <code key="ru">{connection.redirectUri}</code>]] as Array<
          [string, ReactNode]
        >)
      : []),
    ['Environment', connection.environment],
    ['Client org', connection.org ?? '—'],
    [
      'Zoho user',
      [connection.user?.name, connection.user?.email].filter(Boolean).join(' · ') || '—',
    ],
    ['Added', formatDateTime(connection.createdAt)],
  ];
  return (
    <Panel
      title="Details"
      dialogs={
        <ConfirmDialog
          {...remove.dialog}
          title={`Remove ${connection.name}?`}
          confirmLabel="Remove"
          testId="remove"
        >
          Token Desk forgets this connection and its secrets on this computer. Zoho is not
          contacted: to stop the tokens working, revoke first.
        </ConfirmDialog>
      }
    >
      <Table variant="vertical" layout="fixed" withTableBorder data-testid="connection-details">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={170}>{label}</Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4} size="h5">
        {scopesTitle(connection)}
      </Title>
      <GrantedScopes connection={connection} />
      <Group>
        <Button {...DESTRUCTIVE} onClick={remove.open} data-testid="connection-remove">
          Remove from this computer…
        </Button>
      </Group>
    </Panel>
  );
}
