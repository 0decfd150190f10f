// Try the Zoho API with a connection, Postman-style. The request runs in main (no CORS; the token
// is added there and never enters this window): method, URL relative to the connection's
// api_domain, the product (Auto, or chosen: Desk and Sign share /api/v1/ on different hosts) and
// its organization ID, query parameters, headers, a JSON body; Send with Ctrl/Cmd+Enter.

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
  ProductIdView,
  Result,
} from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { copyText } from '../../lib/clipboard.js';
import { HTTP_METHODS } from '../../../../main/vocabulary/index.js';
import { KeyValueEditor, type Pair } from './KeyValueEditor.js';
import { RequestHistory, type HistoryEntry } from './RequestHistory.js';
import { ResponseViewer } from './ResponseViewer.js';

type Method = ApiRequestInput['method'];
type Sample = Result<'catalog.samples'>[number];
type Product = Result<'catalog.products'>[number];
type SampleParam = NonNullable<Sample['params']>[number];

interface Form {
  method: Method;
  url: string;
  /** '' = Auto: main finds the product from the path. */
  product: ProductIdView | '';
  orgId: string;
  query: Pair[];
  headers: Pair[];
  body: string;
  /** Values the loaded sample's path still needs ({zuid}), until the user replaces them. */
  params: SampleParam[];
}

const emptyForm = (): Form => ({
  method: 'GET',
  url: '',
  product: '',
  orgId: '',
  query: [],
  headers: [],
  body: '',
  params: [],
});

/** The first value the URL still lacks, as `{name}`, or undefined when none. */
export function unfilledParam(form: Pick<Form, 'url' | 'params'>): SampleParam | undefined {
  return form.params.find((param) => form.url.includes(`{${param.name}}`));
}

const orgContextText = (context: NonNullable<Product['orgContext']>) =>
  context.kind === 'path'
    ? `in the path ({${context.name}})`
    : `in the ${context.name} ${context.kind === 'query' ? 'query parameter' : 'header'}`;

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
    ...(form.product ? { product: form.product } : {}),
    ...(form.orgId.trim() ? { orgId: form.orgId.trim() } : {}),
  };
}

const fromRequest = (request: ApiRequestInput): Form => ({
  method: request.method,
  url: request.pathOrUrl,
  product: request.product ?? '',
  orgId: request.orgId ?? '',
  query: (request.query ?? []).map(([key, value]) => ({ key, value })),
  headers: (request.headers ?? []).map(([key, value]) => ({ key, value })),
  body: request.body ?? '',
  params: [],
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
  const [products, setProducts] = useState<Product[]>([]);
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
    rpc.call('catalog.products', {}).then(
      (list) => live && setProducts(list),
      () => live && setProducts([]),
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
    const missing = unfilledParam(f);
    if (missing) {
      setBlocked(`Replace {${missing.name}} in the URL first: ${missing.description}.`);
      urlRef.current?.focus();
      return;
    }
    const pathContext = products.find((p) => p.id === f.product)?.orgContext;
    if (
      pathContext?.kind === 'path' &&
      f.url.includes(`{${pathContext.name}}`) &&
      !f.orgId.trim()
    ) {
      setBlocked(
        `Type the ${pathContext.label} under Organization ID first: it replaces {${pathContext.name}} in the URL. ${pathContext.whereInUi}`,
      );
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
          : `Copied as cURL. The token is a placeholder: in the terminal, first run export ZOHO_ACCESS_TOKEN=$(token-desk token ${name}), or copy with the token.`,
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
    let url = sample.path;
    const open: SampleParam[] = [];
    for (const param of sample.params ?? []) {
      if (param.value) url = url.split(`{${param.name}}`).join(encodeURIComponent(param.value));
      else open.push(param);
    }
    setForm((f) => ({
      ...emptyForm(),
      method: sample.method,
      url,
      product: sample.product,
      // An organization ID belongs to one product: keep it only for another sample of the same one.
      orgId: f.product === sample.product ? f.orgId : '',
      headers: (sample.headers ?? []).map(([key, value]) => ({ key, value })),
      params: open,
    }));
    setBlocked(null);
    urlRef.current?.focus();
  };

  const chosenProduct = products.find((p) => p.id === form.product);
  const orgDescription = chosenProduct
    ? chosenProduct.orgContext
      ? `${chosenProduct.name} takes its ${chosenProduct.orgContext.label} ${orgContextText(chosenProduct.orgContext)}. ${chosenProduct.orgContext.whereInUi}`
      : `${chosenProduct.name} needs no organization ID.`
    : 'Only for products that need one (Books organization_id, Desk orgId, Analytics ZANALYTICS-ORGID…); Token Desk adds it the way the product wants.';
  const missingParam = unfilledParam(form);

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
              data={[...HTTP_METHODS]}
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
                  Relative to <Code>{connection.apiDomain}</Code>, or to the product&apos;s own host
                  (Desk: desk.zoho.…); a full Zoho address also works.
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
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <NativeSelect
              label="Product"
              description="Auto finds it from the path; choose it where products share paths."
              value={form.product}
              onChange={(e) => {
                const product = e.currentTarget.value as ProductIdView | '';
                const next = products.find((p) => p.id === product);
                // A product that takes no organization must not be sent one typed for another.
                set(next && !next.orgContext ? { product, orgId: '' } : { product });
              }}
              data={[
                { value: '', label: 'Auto (from the path)' },
                ...products.map((p) => ({ value: p.id, label: p.name })),
              ]}
              data-testid="request-product"
              w={260}
            />
            <TextInput
              label="Organization ID"
              description={orgDescription}
              value={form.orgId}
              onChange={(e) => set({ orgId: e.currentTarget.value })}
              disabled={chosenProduct !== undefined && !chosenProduct.orgContext}
              spellCheck={false}
              autoComplete="off"
              style={{ flex: 1 }}
              data-testid="request-org-id"
            />
          </Group>
          {missingParam && (
            <Alert color="blue" variant="light" data-testid="request-param-note">
              <Text size="sm">
                Replace <Code>{`{${missingParam.name}}`}</Code> in the URL:{' '}
                {missingParam.description}.
              </Text>
            </Alert>
          )}
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
