// Try the Zoho API with a connection, Postman-style. The request runs in main (no CORS; the token
// is added there and never enters this window): method, URL relative to the connection's
// api_domain, the product (Auto, or chosen: Desk and Sign share /api/v1/ on different hosts) and
// its organization ID, query parameters, headers, a JSON body; Send with Ctrl/Cmd+Enter. The
// form's rules live in request-form.ts, the calls to main in use-request-data.ts, the tabs in
// RequestTabs.tsx; this file lays them out and moves the focus.

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
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useReducer, useRef, type Dispatch, type KeyboardEvent, type Ref } from 'react';
import type { ConnectionView, ProductIdView } from '../../../../main/rpc/contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { StatusLine } from '../../components/StatusLine.js';
import { HTTP_METHODS } from '../../../../main/vocabulary/index.js';
import { RequestHistory } from './RequestHistory.js';
import { RequestTabs } from './RequestTabs.js';
import { ResponseViewer } from './ResponseViewer.js';
import {
  bodyProblem,
  builderReducer,
  fromRequest,
  initialBuilderState,
  orgDescription,
  sendProblem,
  toRequest,
  unfilledParam,
  type BuilderAction,
  type Method,
  type Product,
  type RequestForm,
  type Sample,
} from './request-form.js';
import { useRequestData } from './use-request-data.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** The key held with Enter to send. */
const SEND_KEY = isMac ? '⌘' : 'Ctrl';

export interface RequestBuilderProps {
  connection: ConnectionView;
  onAddScope(scope: string): void;
}

export function RequestBuilder({ connection, onAddScope }: RequestBuilderProps) {
  const name = connection.name;
  const data = useRequestData(name);
  const { samples, products, send, curl } = data;
  const [{ form, tab, problem }, dispatch] = useReducer(
    builderReducer,
    undefined,
    initialBuilderState,
  );
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const responseRef = useRef<HTMLDivElement>(null);
  // The form is taller than a 1280x800 window: bring each new response into view, so its status
  // is seen without scrolling ('nearest': no jump when it is in view already).
  useEffect(() => {
    if (data.response) responseRef.current?.scrollIntoView({ block: 'nearest' });
  }, [data.response]);
  const liveBodyProblem = bodyProblem(form.method, form.body);
  const missingParam = unfilledParam(form);
  const set = (patch: Partial<RequestForm>) => dispatch({ type: 'edit', patch });

  const trySend = (f: RequestForm = form) => {
    data.clearCurlNote();
    const refused = sendProblem(f, products);
    dispatch({ type: 'checked', problem: refused });
    if (refused?.field === 'url') urlRef.current?.focus();
    // The Body tab opens with the refusal: focus its field once it is there.
    else if (refused?.field === 'body') requestAnimationFrame(() => bodyRef.current?.focus());
    if (!refused && !send.running) void send.run(toRequest(f));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      trySend();
    }
  };

  return (
    <Stack gap="md" onKeyDown={onKeyDown} data-testid="request-builder">
      <Panel
        title="Try a request"
        aside={
          <SampleSelect
            samples={samples}
            onSample={(sample) => {
              dispatch({ type: 'sample', sample });
              urlRef.current?.focus();
            }}
          />
        }
      >
        <RequestLine
          connection={connection}
          form={form}
          set={set}
          urlRef={urlRef}
          sending={send.running}
          onSend={() => trySend()}
        />
        <ProductLine form={form} products={products} dispatch={dispatch} />
        {missingParam && (
          <Alert color="blue" variant="light" data-testid="request-param-note">
            <Text size="sm">
              Replace <Code>{`{${missingParam.name}}`}</Code> in the URL: {missingParam.description}
              .
            </Text>
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          Press <Kbd size="xs">{SEND_KEY}</Kbd> + <Kbd size="xs">Enter</Kbd> anywhere in the form to
          send.
        </Text>
        <RequestTabs
          connection={connection}
          form={form}
          tab={tab}
          dispatch={dispatch}
          bodyProblem={liveBodyProblem}
          bodyRef={bodyRef}
        />
        {problem && (
          <Alert color="red" variant="light" role="alert" data-testid="request-blocked">
            <Text size="sm">{problem.message}</Text>
          </Alert>
        )}
        <CurlMenu form={form} curl={curl} note={data.curlNote} />
      </Panel>

      {send.running && (
        <Text size="sm" role="status" c="dimmed">
          Sending to Zoho…
        </Text>
      )}
      {send.error && (
        <ErrorAlert error={send.error} onRetry={() => trySend()} retryLabel="Send again" />
      )}
      {data.response && (
        <Paper withBorder p="md" ref={responseRef} data-testid="response-panel">
          <ResponseViewer response={data.response} onAddScope={onAddScope} />
        </Paper>
      )}

      <Panel title="History">
        <RequestHistory
          entries={data.history}
          busy={send.running}
          onLoad={(entry) => dispatch({ type: 'load', request: entry.request })}
          onReplay={(entry) => {
            dispatch({ type: 'load', request: entry.request });
            trySend(fromRequest(entry.request));
          }}
        />
      </Panel>
    </Stack>
  );
}

/** Sample requests for the connection's granted scopes; picking one fills the form. */
function SampleSelect({
  samples,
  onSample,
}: {
  samples: Sample[];
  onSample(sample: Sample): void;
}) {
  if (samples.length === 0) return null;
  return (
    <NativeSelect
      size="xs"
      label="Sample requests for the granted scopes"
      value=""
      onChange={(e) => {
        const sample = samples[Number(e.currentTarget.value)];
        if (sample) onSample(sample);
      }}
      data={[
        { value: '', label: 'Choose a sample…' },
        ...samples.map((s, i) => ({ value: String(i), label: `${s.label} (${s.product})` })),
      ]}
      data-testid="request-samples"
    />
  );
}

/** Method, URL and Send. */
function RequestLine({
  connection,
  form,
  set,
  urlRef,
  sending,
  onSend,
}: {
  connection: ConnectionView;
  form: RequestForm;
  set(patch: Partial<RequestForm>): void;
  urlRef: Ref<HTMLInputElement>;
  sending: boolean;
  onSend(): void;
}) {
  return (
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
        onClick={onSend}
        loading={sending}
        data-testid="request-send"
        title={`Send (${SEND_KEY}+Enter)`}
      >
        Send
      </Button>
    </Group>
  );
}

/** The product (Auto, or chosen where products share paths) and its organization ID. */
function ProductLine({
  form,
  products,
  dispatch,
}: {
  form: RequestForm;
  products: Product[];
  dispatch: Dispatch<BuilderAction>;
}) {
  const chosenProduct = products.find((p) => p.id === form.product);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NativeSelect
        label="Product"
        description="Auto finds it from the path; choose it where products share paths."
        value={form.product}
        onChange={(e) =>
          dispatch({
            type: 'product',
            product: e.currentTarget.value as ProductIdView | '',
            products,
          })
        }
        data={[
          { value: '', label: 'Auto (from the path)' },
          ...products.map((p) => ({ value: p.id, label: p.name })),
        ]}
        data-testid="request-product"
        w={260}
      />
      <TextInput
        label="Organization ID"
        description={orgDescription(chosenProduct)}
        value={form.orgId}
        onChange={(e) => dispatch({ type: 'edit', patch: { orgId: e.currentTarget.value } })}
        disabled={chosenProduct !== undefined && !chosenProduct.orgContext}
        spellCheck={false}
        autoComplete="off"
        style={{ flex: 1 }}
        data-testid="request-org-id"
      />
    </Group>
  );
}

/** Copy as cURL (with a token placeholder, or with the token), what was copied, and why not. */
function CurlMenu({
  form,
  curl,
  note,
}: {
  form: RequestForm;
  curl: ReturnType<typeof useRequestData>['curl'];
  note: string | null;
}) {
  return (
    <>
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
            <Menu.Item
              onClick={() => void curl.run(toRequest(form), false)}
              data-testid="request-curl"
            >
              With a token placeholder
            </Menu.Item>
            <Menu.Item
              onClick={() => void curl.run(toRequest(form), true)}
              data-testid="request-curl-token"
            >
              With the access token
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <StatusLine message={note} />
      </Group>
      {curl.error && <ErrorAlert error={curl.error} onClose={() => curl.setError(null)} />}
    </>
  );
}
