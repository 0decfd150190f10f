// The request builder's tabs: query parameters, headers (with the Authorization row Token Desk
// adds itself, masked) and the JSON body (checked as it is typed, with Format JSON).

import { Button, Group, Table, Tabs, Text, Textarea } from '@mantine/core';
import type { Dispatch, Ref } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { KeyValueEditor, type Pair } from './KeyValueEditor.js';
import type { BuilderAction, RequestForm, Tab } from './request-form.js';

/** The one header the user does not set: shown as a row of the table, masked. */
function AuthorizationRow({ connection }: { connection: ConnectionView }) {
  return (
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
  );
}

const authorizationNote = (key: string) =>
  key.trim().toLowerCase() === 'authorization'
    ? 'Ignored: Token Desk adds Authorization itself.'
    : undefined;

export function RequestTabs({
  connection,
  form,
  tab,
  dispatch,
  bodyProblem,
  bodyRef,
}: {
  connection: ConnectionView;
  form: RequestForm;
  tab: Tab;
  dispatch: Dispatch<BuilderAction>;
  /** Why the body as typed cannot be sent, or null. */
  bodyProblem: string | null;
  bodyRef: Ref<HTMLTextAreaElement>;
}) {
  const set = (patch: Partial<RequestForm>) => dispatch({ type: 'edit', patch });
  /** A table of pairs bound to its field of the form. */
  const pairs = (field: 'query' | 'headers') => ({
    rows: form[field],
    onChange: (rows: Pair[]) => set({ [field]: rows }),
  });
  return (
    <Tabs
      value={tab}
      onChange={(next) => next && dispatch({ type: 'tab', tab: next as Tab })}
      keepMounted={false}
    >
      <Tabs.List>
        <Tabs.Tab value="params">
          Query parameters{form.query.length ? ` (${form.query.length})` : ''}
        </Tabs.Tab>
        <Tabs.Tab value="headers">Headers ({form.headers.length + 1})</Tabs.Tab>
        <Tabs.Tab value="body" disabled={form.method === 'GET'}>
          Body{bodyProblem ? ' ⚠' : ''}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="params" pt="xs">
        <KeyValueEditor {...pairs('query')} noun="Query parameter" testId="request-query" />
      </Tabs.Panel>
      <Tabs.Panel value="headers" pt="xs">
        <KeyValueEditor
          {...pairs('headers')}
          noun="Header"
          testId="request-headers"
          keyNote={authorizationNote}
          fixedRows={<AuthorizationRow connection={connection} />}
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
          error={bodyProblem}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="request-body"
        />
        <Group mt="xs">
          <Button
            size="xs"
            variant="default"
            disabled={!form.body.trim() || bodyProblem !== null}
            onClick={() => set({ body: JSON.stringify(JSON.parse(form.body), null, 2) })}
            data-testid="request-body-format"
          >
            Format JSON
          </Button>
        </Group>
      </Tabs.Panel>
    </Tabs>
  );
}
