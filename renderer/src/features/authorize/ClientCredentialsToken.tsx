// Authorizing a client-credentials Self Client: one click asks Zoho for an access token, which
// proves the client ID, secret, scopes and organization. Nothing to paste, no browser.

import { Button, Group, Stack, Text } from '@mantine/core';
import type { RpcError } from '../../../../main/rpc/contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

export function ClientCredentialsToken(props: {
  soid: string | undefined;
  onAuthorize(): void;
  running: boolean;
  error: RpcError | null;
  testIdPrefix: string;
}) {
  return (
    <Stack>
      <Text size="sm">
        This Self Client gets its tokens with the client-credentials grant
        {props.soid ? ` for ${props.soid}` : ''}: no code and no sign-in. Token Desk asks Zoho for a
        new access token whenever the last one is about to expire.
      </Text>
      <Group>
        <Button
          onClick={props.onAuthorize}
          loading={props.running}
          data-testid={`${props.testIdPrefix}-client-credentials-authorize`}
        >
          Get an access token now
        </Button>
      </Group>
      {props.running && (
        <Text size="sm" role="status" aria-live="polite">
          Asking Zoho for an access token…
        </Text>
      )}
      {props.error && <ErrorAlert error={props.error} />}
    </Stack>
  );
}
