// Past requests of a connection (never with secrets: main drops the Authorization header before
// saving), to load back into the builder or send again.

import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { Result } from '../../../../main/rpc/contract.js';
import { formatDuration, formatSpan } from '../../lib/format.js';
import { useNow } from '../../app/clock.js';

export type HistoryEntry = Result<'requests.history'>[number];

export function RequestHistory({
  entries,
  onLoad,
  onReplay,
  busy,
}: {
  entries: HistoryEntry[];
  onLoad(entry: HistoryEntry): void;
  onReplay(entry: HistoryEntry): void;
  busy: boolean;
}) {
  const now = useNow();
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Requests you send appear here, without any token.
      </Text>
    );
  }
  return (
    <Table striped withTableBorder data-testid="request-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Request</Table.Th>
          <Table.Th>Result</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td style={{ wordBreak: 'break-all' }}>
              <Group gap={6} wrap="nowrap">
                <Badge size="sm" variant="outline">
                  {entry.request.method}
                </Badge>
                <Text size="sm" ff="monospace">
                  {entry.request.pathOrUrl}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {entry.error
                  ? entry.error
                  : entry.status !== undefined
                    ? `${entry.status}${entry.durationMs !== undefined ? ` · ${formatDuration(entry.durationMs)}` : ''}`
                    : '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatSpan(now - entry.at)} ago</Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={4}>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => onLoad(entry)}
                    data-testid={`history-load-${entry.id}`}
                    aria-label={`Load ${entry.request.method} ${entry.request.pathOrUrl}`}
                  >
                    Load
                  </Button>
                  <Button
                    size="compact-xs"
                    onClick={() => onReplay(entry)}
                    disabled={busy}
                    data-testid={`history-replay-${entry.id}`}
                    aria-label={`Send again ${entry.request.method} ${entry.request.pathOrUrl}`}
                  >
                    Send again
                  </Button>
                </Group>
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
