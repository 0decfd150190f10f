// Settings → Request history: whether the requests sent from the request builder (and by
// `token-desk request`) are kept for replay, what exactly is kept, and "Clear history". The same
// setting as `token-desk history on|off`; clearing is `token-desk history clear`.

import { Button, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

const requests = (n: number) => `${n} request${n === 1 ? '' : 's'}`;

export function HistorySettings() {
  const rpc = useRpc();
  const { settings, updateSettings } = useAppState();
  const [done, setDone] = useState<string | null>(null);
  const toggle = useAction(async (keep: boolean) => {
    setDone(null);
    await updateSettings({ keepRequestHistory: keep });
    setDone(
      keep
        ? 'Request history is on.'
        : 'Request history is off: new requests are not kept. Clear history removes the ones already kept.',
    );
  });
  const clear = useAction(async () => {
    setDone(null);
    const { removed } = await rpc.call('requests.clearHistory', {});
    setDone(`Request history cleared: ${requests(removed)} removed.`);
  });
  const error = toggle.error ?? clear.error;

  return (
    <Stack gap="sm" data-testid="settings-history">
      <Title order={3} size="h4">
        Request history
      </Title>
      <Switch
        label="Keep the requests I send"
        description="For replay, Token Desk keeps each request's method, address, query, headers, body, organization and product, with its status or error, in history.json in the data folder, unencrypted. Access tokens and the Authorization and Cookie headers are never kept."
        checked={settings.keepRequestHistory}
        disabled={toggle.running}
        onChange={(e) => void toggle.run(e.currentTarget.checked)}
        data-testid="settings-keep-history"
      />
      <Group>
        <Button
          variant="default"
          onClick={() => void clear.run()}
          loading={clear.running}
          data-testid="settings-clear-history"
        >
          Clear history
        </Button>
        <Text size="sm" c="dimmed">
          Removing a connection also removes its requests.
        </Text>
      </Group>
      <div role="status" aria-live="polite">
        {done && !error && (
          <Text size="sm" c="teal">
            {done}
          </Text>
        )}
      </div>
      {error && <ErrorAlert error={error} />}
    </Stack>
  );
}
