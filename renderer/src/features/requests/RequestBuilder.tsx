// Try the Zoho API with a connection, Postman-style. The request runs in main (no CORS; the token
// is added there and never enters this window): method, URL relative to the connection's
// api_domain, query parameters, headers, a JSON body; Send with Ctrl/Cmd+Enter.

import {
  Alert,
  Button,
  Code,
  Group,
  Kbd,
  Menu,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type {
  ApiRequestInput,
  ApiResponseView,
  ConnectionView,
  Result,
} from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { copyText } from '../../lib/clipboard.js';
import { KeyValueEditor, type Pair } from './KeyValueEditor.js';
import { RequestHistory, type HistoryEntry } from './RequestHistory.js';
import { ResponseViewer } from './ResponseViewer.js';

type Method = ApiRequestInput['method'];
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
type Sample = Result<'catalog.samples'>[number];

interface Form {
  method: Method;
  url: string;
  query: Pair[];
  headers: Pair[];
  body: string;
}

const emptyForm = (): Form => ({ method: 'GET', url: '', query: [], headers: [], body: '' });

/** Why the JSON body cannot be sent, or null when it can. */
export function bodyProblem(method: Method, body: string): string | null {
  if (method === 'GET' || !body.trim()) return null;
  try {
    JSON.parse(body);
    return null;
  } catch (error) {
    return `The body is not valid JSON (${error instanceof Error ? error.message : 'syntax error'}). Fix it, or empty it to send no body.`;
  }
}

function toRequest(form: Form): ApiRequestInput {
  const pairs = (rows: Pair[]) =>
    rows.filter((r) => r.key.trim()).map((r): [string, string] => [r.key.trim(), r.value]);
  return {
    method: form.method,
    pathOrUrl: form.url.trim(),
    query: pairs(form.query),
    headers: pairs(form.headers),
    ...(form.method !== 'GET' && form.body.trim() ? { body: form.body } : {}),
  };
}

const fromRequest = (request: ApiRequestInput): Form => ({
  method: request.method,
  url: request.pathOrUrl,
  query: (request.query ?? []).map(([key, value]) => ({ key, value })),
  headers: (request.headers ?? []).map(([key, value]) => ({ key, value })),
  body: request.body ?? '',
});

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export interface RequestBuilderProps {
  connection: ConnectionView;
  onAddScope(scope: string): void;
}

export function RequestBuilder({ connection, onAddScope }: RequestBuilderProps) {
  const rpc = useRpc();
  const name = connection.name;
  const [form, setForm] = useState<Form>(emptyForm);
  const [tab, setTab] = useState<string | null>('params');
  const [blocked, setBlocked] = useState<string | null>(null);
  const [response, setResponse] = useState<ApiResponseView | null>(null);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [curlNote, setCurlNote] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const liveBodyProblem = bodyProblem(form.method, form.body);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await rpc.call('requests.history', { name }));
    } catch {
      // History is a convenience; the builder works without it.
    }
  }, [rpc, name]);

  useEffect(() => {
    let live = true;
    rpc.call('catalog.samples', { name }).then(
      (list) => live && setSamples(list),
      () => live && setSamples([]),
    );
    void loadHistory();
    return () => {
      live = false;
    };
  }, [rpc, name, loadHistory]);

  const send = useAction(async (request: ApiRequestInput) => {
    setResponse(null);
    setResponse(await rpc.call('requests.send', { name, request }));
    void loadHistory();
  });

  const trySend = (f: Form = form) => {
    setCurlNote(null);
    if (!f.url.trim()) {
      setBlocked('Type the address to call, for example /crm/v8/users?type=CurrentUser.');
      urlRef.current?.focus();
      return;
    }
    const problem = bodyProblem(f.method, f.body);
    if (problem) {
      setBlocked(problem);
      setTab('body');
      requestAnimationFrame(() => bodyRef.current?.focus());
      return;
    }
    setBlocked(null);
    if (!send.running) void send.run(toRequest(f));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      trySend();
    }
  };

  const curl = useAction(async (includeToken: boolean) => {
    const { text } = await rpc.call('requests.curl', {
      name,
      request: toRequest(form),
      includeToken,
    });
    try {
      await copyText(text);
      setCurlNote(
        includeToken
          ? 'Copied as cURL, with the access token: treat it as a password.'
          : 'Copied as cURL. The token is a placeholder: replace it, or copy with the token.',
      );
    } catch {
      setCurlNote(null);
      curl.setError({
        code: 'clipboard',
        message: 'This window could not write to the clipboard.',
        remedy: 'Allow clipboard access, or copy the command from a terminal with token-desk.',
      });
    }
  });

  const loadSample = (sample: Sample) => {
    setForm({ ...emptyForm(), method: sample.method, url: sample.path });
    setBlocked(null);
    urlRef.current?.focus();
  };

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setBlocked(null);
  };

  return (
    <Stack gap="md" onKeyDown={onKeyDown} data-testid="request-builder">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <Title order={3} size="h4">
              Try a request
            </Title>
            {samples.length > 0 && (
              <NativeSelect
                size="xs"
                label="Sample requests for the granted scopes"
                value=""
                onChange={(e) => {
                  const sample = samples[Number(e.currentTarget.value)];
                  if (sample) loadSample(sample);
                }}
                data={[
                  { value: '', label: 'Choose a sample…' },
                  ...samples.map((s, i) => ({
                    value: String(i),
                    label: `${s.label} (${s.product})`,
                  })),
                ]}
                data-testid="request-samples"
              />
            )}
          </Group>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NativeSelect
              label="Method"
              data={METHODS}
              value={form.method}
              onChange={(e) => set({ method: e.currentTarget.value as Method })}
              data-testid="request-method"
              w={110}
            />
            <TextInput
              ref={urlRef}
              label="URL"
              description={
                <>
                  Relative to <Code>{connection.apiDomain}</Code>; a full Zoho address also works.
                </>
              }
              placeholder="/crm/v8/users?type=CurrentUser"
              value={form.url}
              onChange={(e) => set({ url: e.currentTarget.value })}
              style={{ flex: 1 }}
              spellCheck={false}
              autoComplete="off"
              data-testid="request-url"
            />
            <Button
              onClick={() => trySend()}
              loading={send.running}
              data-testid="request-send"
              title={`Send (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
            >
              Send
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Press <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd> anywhere
            in the form to send.
          </Text>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="params">
                Query parameters{form.query.length ? ` (${form.query.length})` : ''}
              </Tabs.Tab>
              <Tabs.Tab value="headers">Headers ({form.headers.length + 1})</Tabs.Tab>
              <Tabs.Tab value="body" disabled={form.method === 'GET'}>
                Body{liveBodyProblem ? ' ⚠' : ''}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="params" pt="xs">
              <KeyValueEditor
                rows={form.query}
                onChange={(query) => set({ query })}
                noun="Query parameter"
                testId="request-query"
              />
            </Tabs.Panel>
            <Tabs.Panel value="headers" pt="xs">
              <KeyValueEditor
                rows={form.headers}
                onChange={(headers) => set({ headers })}
                noun="Header"
                testId="request-headers"
                keyNote={(key) =>
                  key.trim().toLowerCase() === 'authorization'
                    ? 'Ignored: Token Desk adds Authorization itself.'
                    : undefined
                }
                fixedRows={
                  <Table.Tr>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        Authorization
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" data-testid="request-auth-header">
                        Zoho-oauthtoken {connection.maskedAccessToken ?? '••••'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Added by Token Desk when the request is sent
                      </Text>
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                }
              />
            </Tabs.Panel>
            <Tabs.Panel value="body" pt="xs">
              <Textarea
                ref={bodyRef}
                label="JSON body"
                description="Sent with Content-Type: application/json unless you set another."
                value={form.body}
                onChange={(e) => set({ body: e.currentTarget.value })}
                autosize
                minRows={6}
                maxRows={20}
                spellCheck={false}
                error={liveBodyProblem}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                data-testid="request-body"
              />
              <Group mt="xs">
                <Button
                  size="xs"
                  variant="default"
                  disabled={!form.body.trim() || liveBodyProblem !== null}
                  onClick={() => set({ body: JSON.stringify(JSON.parse(form.body), null, 2) })}
                  data-testid="request-body-format"
                >
                  Format JSON
                </Button>
              </Group>
            </Tabs.Panel>
          </Tabs>
          {blocked && (
            <Alert color="red" variant="light" role="alert" data-testid="request-blocked">
              <Text size="sm">{blocked}</Text>
            </Alert>
          )}
          <Group gap="xs">
            <Menu position="bottom-start">
              <Menu.Target>
                <Button
                  size="xs"
                  variant="default"
                  loading={curl.running}
                  data-testid="request-curl-menu"
                >
                  Copy as cURL ▾
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void curl.run(false)} data-testid="request-curl">
                  With a token placeholder
                </Menu.Item>
                <Menu.Item onClick={() => void curl.run(true)} data-testid="request-curl-token">
                  With the access token
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <div role="status" aria-live="polite">
              {curlNote && (
                <Text size="sm" c="teal">
                  {curlNote}
                </Text>
              )}
            </div>
          </Group>
          {curl.error && <ErrorAlert error={curl.error} onClose={() => curl.setError(null)} />}
        </Stack>
      </Paper>

      {send.running && (
        <Text size="sm" role="status" c="dimmed">
          Sending to Zoho…
        </Text>
      )}
      {send.error && (
        <ErrorAlert error={send.error} onRetry={() => trySend()} retryLabel="Send again" />
      )}
      {response && (
        <Paper withBorder p="md">
          <ResponseViewer response={response} onAddScope={onAddScope} />
        </Paper>
      )}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            History
          </Title>
          <RequestHistory
            entries={history}
            busy={send.running}
            onLoad={(entry) => setForm(fromRequest(entry.request))}
            onReplay={(entry) => {
              const f = fromRequest(entry.request);
              setForm(f);
              trySend(f);
            }}
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
