// Authorize an existing connection again: when it was never authorized, when Zoho no longer
// accepts its refresh token ('needs-reauth'), or to add a scope a request turned out to need.

import { Alert, Badge, Group, Modal, Stack, Text } from '@mantine/core';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { DEFAULT_REDIRECT_URI } from '../../lib/data-centres.js';
import { uniqueScopes } from '../../lib/scopes.js';
import { DeviceSignIn } from './DeviceSignIn.js';
import { RefreshTokenLimitAlert, useRefreshTokenWarning } from './RefreshTokenLimit.js';
import { SelfClientCode } from './SelfClientCode.js';
import { AUTHORIZATION_TIMEOUT_SECONDS, ServerSignIn } from './ServerSignIn.js';

export interface ReauthorizeModalProps {
  connection: ConnectionView;
  opened: boolean;
  /** Scopes to ask for on top of the connection's own. */
  addScopes?: string[];
  onClose(): void;
  onDone(connection: ConnectionView): void;
}

export function ReauthorizeModal({
  connection,
  opened,
  addScopes = [],
  onClose,
  onDone,
}: ReauthorizeModalProps) {
  const rpc = useRpc();
  const { upsertConnection } = useAppState();
  const scopes = uniqueScopes([...(connection.grantedScopes ?? connection.scopes), ...addScopes]);
  const done = (updated: ConnectionView) => {
    upsertConnection(updated);
    onDone(updated);
  };
  // The code is generated with the scopes shown to paste; Zoho's answer names none, so main
  // keeps these as the connection's scopes.
  const selfAuthorize = useAction(async (code: string) =>
    done(
      await rpc.call('connections.authorizeSelfClient', { name: connection.name, code, scopes }),
    ),
  );
  const limitWarning = useRefreshTokenWarning(
    opened && connection.clientCredentials === undefined ? { name: connection.name } : null,
  );
  const title =
    connection.status === 'new'
      ? `Authorize ${connection.name}`
      : `Re-authorize ${connection.name}`;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack data-testid="reauth">
        {connection.status === 'needs-reauth' && (
          <Alert color="red" variant="light" title="Zoho no longer accepts this connection">
            <Text size="sm">
              {connection.lastError?.message ??
                'Its refresh token was revoked, expired or pushed out by newer ones.'}{' '}
              Authorizing again gets a new refresh token; the settings of the connection stay as
              they are.
            </Text>
          </Alert>
        )}
        {addScopes.length > 0 && (
          <Alert color="blue" variant="light" title="Adding scopes">
            <Group gap={4}>
              <Text size="sm">This authorization also asks for</Text>
              {addScopes.map((s) => (
                <Badge key={s} tt="none" variant="filled">
                  {s}
                </Badge>
              ))}
            </Group>
          </Alert>
        )}
        <RefreshTokenLimitAlert warning={limitWarning} testId="reauth-refresh-limit" />
        {connection.clientType === 'device' ? (
          <DeviceSignIn
            name={connection.name}
            start={() =>
              rpc.call('connections.authorizeDevice', {
                name: connection.name,
                ...(addScopes.length > 0 ? { addScopes } : {}),
              })
            }
            onDone={done}
            testIdPrefix="reauth"
          />
        ) : connection.clientType === 'self' ? (
          <SelfClientCode
            dc={connection.location ?? connection.dc}
            scopes={scopes}
            onAuthorize={(code) => void selfAuthorize.run(code)}
            running={selfAuthorize.running}
            error={selfAuthorize.error}
            testIdPrefix="reauth"
            submitLabel="Authorize again"
          />
        ) : (
          <ServerSignIn
            name={connection.name}
            redirectUri={connection.redirectUri ?? DEFAULT_REDIRECT_URI}
            showRedirect={connection.status === 'new'}
            start={() =>
              rpc.call('connections.authorizeServer', {
                name: connection.name,
                timeoutSeconds: AUTHORIZATION_TIMEOUT_SECONDS,
                ...(addScopes.length > 0 ? { addScopes } : {}),
              })
            }
            onDone={done}
            testIdPrefix="reauth"
          />
        )}
      </Stack>
    </Modal>
  );
}
