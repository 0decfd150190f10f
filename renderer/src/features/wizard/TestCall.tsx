// "Run a test call" on the wizard's success screen: the first catalog sample that fits the
// connection's scopes and needs nothing typed (no organization, no unknown path value), sent with
// one click, its response shown right there. Without such a sample it points at the request
// builder instead.

import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiResponseView } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applySample, emptyForm, toRequest, type Sample } from '../requests/request-form.js';
import { ResponseViewer } from '../requests/ResponseViewer.js';

/** The first sample a user can send as it is, or undefined. */
export function readySample(samples: readonly Sample[]): Sample | undefined {
  return samples.find((s) => !s.needsOrg && (s.params ?? []).every((p) => p.value));
}

export function TestCall({ name, onOpenBuilder }: { name: string; onOpenBuilder(): void }) {
  const rpc = useRpc();
  const [sample, setSample] = useState<Sample | null | undefined>(undefined);
  const [response, setResponse] = useState<ApiResponseView | null>(null);

  useEffect(() => {
    let live = true;
    rpc.call('catalog.samples', { name }).then(
      (list) => live && setSample(readySample(list) ?? null),
      () => live && setSample(null),
    );
    return () => {
      live = false;
    };
  }, [rpc, name]);

  const run = useAction(async (chosen: Sample) => {
    setResponse(null);
    setResponse(
      await rpc.call('requests.send', {
        name,
        request: toRequest(applySample(emptyForm(), chosen)),
      }),
    );
  });

  if (sample === undefined) return null;
  if (sample === null)
    return (
      <Text size="sm" data-testid="test-call-none">
        Token Desk has no ready-made test call for these scopes: open the request builder to send
        one of your own.
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="test-call">
      <Group>
        <Button
          onClick={() => void run.run(sample)}
          loading={run.running}
          data-testid="success-test-call"
        >
          Run a test call
        </Button>
        <Text size="sm" c="dimmed">
          {sample.label}: <code>GET {sample.path}</code>
        </Text>
      </Group>
      {run.running && (
        <Text size="sm" role="status">
          Sending the request to Zoho…
        </Text>
      )}
      {run.error && <ErrorAlert error={run.error} />}
      {response && (
        <Stack gap="xs" data-testid="test-call-response">
          <ResponseViewer response={response} />
          <Group>
            <Button variant="light" onClick={onOpenBuilder} data-testid="test-call-builder">
              Open the request builder
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
