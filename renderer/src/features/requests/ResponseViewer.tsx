// A response from Zoho: status, time and size at a glance; the body pretty-printed (with search)
// or raw; the headers. When Zoho says the token lacks a scope, say which one and offer the fix.

import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Highlight,
  ScrollArea,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ApiResponseView } from '../../../../main/rpc/contract.js';
import { formatBytes, formatDuration } from '../../lib/format.js';

function pretty(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

const statusColor = (status: number) =>
  status >= 500 ? 'red' : status >= 400 ? 'orange' : status >= 300 ? 'yellow' : 'green';

export function ResponseViewer({
  response,
  onAddScope,
}: {
  response: ApiResponseView;
  onAddScope?(scope: string): void;
}) {
  const [search, setSearch] = useState('');
  const { text, json } = useMemo(() => pretty(response.body), [response.body]);
  const hits = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return 0;
    return text.toLowerCase().split(q).length - 1;
  }, [text, search]);

  return (
    <Stack gap="sm" data-testid="response">
      <Group gap="md" role="status" aria-live="polite">
        <Badge size="lg" color={statusColor(response.status)} data-testid="response-status">
          {response.status} {response.statusText}
        </Badge>
        <Text size="sm" data-testid="response-time">
          Time: <b>{formatDuration(response.durationMs)}</b>
        </Text>
        <Text size="sm" data-testid="response-size">
          Size: <b>{formatBytes(response.sizeBytes)}</b>
        </Text>
        {response.retriedAfterRefresh && (
          <Badge variant="light" color="blue">
            Token refreshed and request retried
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {response.url}
      </Text>
      {response.missingScope && (
        <Alert
          color="orange"
          variant="light"
          title="The token is missing a scope"
          data-testid="scope-mismatch"
        >
          <Stack gap="xs">
            <Text size="sm">
              Zoho refused this request (OAUTH_SCOPE_MISMATCH): it needs the scope{' '}
              <Code data-testid="missing-scope">{response.missingScope}</Code>, which this
              connection was not granted.
            </Text>
            {onAddScope && (
              <Group>
                <Button
                  size="xs"
                  onClick={() => onAddScope(response.missingScope!)}
                  data-testid="reauthorize-with-scope"
                >
                  Re-authorize with {response.missingScope} added
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <Tabs defaultValue="pretty" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="pretty">{json ? 'Pretty JSON' : 'Body'}</Tabs.Tab>
          <Tabs.Tab value="raw">Raw</Tabs.Tab>
          <Tabs.Tab value="headers">Headers ({response.headers.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pretty" pt="xs">
          <Stack gap="xs">
            <TextInput
              size="xs"
              type="search"
              label="Search in the response"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              description={search.trim() ? `${hits} match${hits === 1 ? '' : 'es'}` : undefined}
              data-testid="response-search"
            />
            <ScrollArea.Autosize mah={480} type="auto">
              <Highlight
                component="pre"
                highlight={search.trim()}
                ff="monospace"
                size="xs"
                style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                data-testid="response-body"
              >
                {text || '(empty body)'}
              </Highlight>
            </ScrollArea.Autosize>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="raw" pt="xs">
          <ScrollArea.Autosize mah={480} type="auto">
            <Code
              block
              data-testid="response-raw"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              {response.body || '(empty body)'}
            </Code>
          </ScrollArea.Autosize>
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="xs">
          <Table withTableBorder striped data-testid="response-headers">
            <Table.Tbody>
              {response.headers.map(([name, value], i) => (
                <Table.Tr key={`${name}-${i}`}>
                  <Table.Th w={220}>{name}</Table.Th>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
