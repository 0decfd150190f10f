// A response from Zoho: status, time and size at a glance; the body pretty-printed (with search)
// or raw; the headers. When Zoho says the token lacks a scope, say which one and offer the fix;
// when the catalog does not know which, let the user type it (checked against Zoho's grammar by
// the core) and offer the same fix.

import {
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
import { useMemo, useState, type FormEvent } from 'react';
import type { ApiResponseView } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { NoteAlert } from '../../components/NoteAlert.js';
import { toRpcError } from '../../rpc/client.js';
import { formatBytes, formatDuration } from '../../lib/format.js';

function pretty(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

/** Zoho refused for a missing scope the catalog cannot name: the user types it. */
function UnknownScopeMismatch({ onAddScope }: { onAddScope?(scope: string): void }) {
  const rpc = useRpc();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!onAddScope || checking) return;
    if (!typed.trim()) {
      setProblem('Type the scope this request needs, e.g. ZohoCRM.settings.fields.READ.');
      return;
    }
    setChecking(true);
    try {
      const result = await rpc.call('catalog.checkScopes', { scopes: [typed] });
      const [error] = result.errors;
      if (error) setProblem(`"${error.input}" is not a Zoho scope: ${error.reason}.`);
      else if (result.scopes.length !== 1)
        setProblem('Type one scope; you can add more on the connection page.');
      else {
        setProblem(null);
        onAddScope(result.scopes[0]!);
      }
    } catch (thrown) {
      setProblem(toRpcError(thrown).message);
    } finally {
      setChecking(false);
    }
  };

  return (
    <NoteAlert
      color="orange"
      title="The token is missing a scope"
      testId="scope-mismatch-unknown"
      text={
        <>
          Zoho refused this request because the token lacks a scope, and Token Desk does not know
          which scope this address needs. The API documentation of the product names it next to each
          request (for example ZohoCRM.settings.fields.READ).
        </>
      }
    >
      {onAddScope && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Group align="flex-end" gap="xs">
            <TextInput
              size="xs"
              label="Missing scope"
              placeholder="Service.scope.OPERATION"
              value={typed}
              onChange={(e) => {
                setTyped(e.currentTarget.value);
                setProblem(null);
              }}
              error={problem}
              spellCheck={false}
              autoComplete="off"
              style={{ flex: 1 }}
              data-testid="missing-scope-input"
            />
            <Button
              size="xs"
              type="submit"
              loading={checking}
              data-testid="reauthorize-with-typed-scope"
            >
              Re-authorize with it added
            </Button>
          </Group>
        </form>
      )}
    </NoteAlert>
  );
}

/** Zoho refused for a missing scope the catalog names: say which, and offer to add it. */
function KnownScopeMismatch({
  scope,
  onAddScope,
}: {
  scope: string;
  onAddScope?(scope: string): void;
}) {
  return (
    <NoteAlert
      color="orange"
      title="The token is missing a scope"
      testId="scope-mismatch"
      text={
        <>
          Zoho refused this request (OAUTH_SCOPE_MISMATCH): it needs the scope{' '}
          <Code data-testid="missing-scope">{scope}</Code>, which this connection was not granted.
        </>
      }
    >
      {onAddScope && (
        <Group>
          <Button size="xs" onClick={() => onAddScope(scope)} data-testid="reauthorize-with-scope">
            Re-authorize with {scope} added
          </Button>
        </Group>
      )}
    </NoteAlert>
  );
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
        <KnownScopeMismatch scope={response.missingScope} onAddScope={onAddScope} />
      )}
      {response.scopeMismatch && !response.missingScope && (
        <UnknownScopeMismatch onAddScope={onAddScope} />
      )}
      <ResponseTabs response={response} />
    </Stack>
  );
}

/** The body (pretty-printed when it is JSON, with search), the raw body and the headers. */
function ResponseTabs({ response }: { response: ApiResponseView }) {
  const [search, setSearch] = useState('');
  const { text, json } = useMemo(() => pretty(response.body), [response.body]);
  const hits = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return 0;
    return text.toLowerCase().split(q).length - 1;
  }, [text, search]);

  return (
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
  );
}
