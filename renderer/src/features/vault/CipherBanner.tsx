// Says, at the top of the workspace and at the start of the wizard, when the active cipher cannot
// protect secrets on this computer (Linux without a keyring: Electron's basic_text; no Secret
// Service for the browser mode), and offers the way out in place: a passphrase.

import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { VaultStatusView } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { PassphraseForm } from './PassphraseForm.js';
import { UnlockForm } from './UnlockForm.js';
import { useVaultState } from './vault-state.js';

export function CipherBanner({ context = 'workspace' }: { context?: 'workspace' | 'wizard' }) {
  const vault = useVaultState();
  const rpc = useRpc();
  const [open, setOpen] = useState(false);
  const [protectedNow, setProtectedNow] = useState(false);
  if (!vault) return null;
  const { status, setStatus } = vault;

  if (protectedNow && status.secure) {
    return (
      <Alert
        color="teal"
        variant="light"
        title="Your secrets are protected with your passphrase"
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={() => setProtectedNow(false)}
        mb="md"
        data-testid={`cipher-banner-done-${context}`}
        role="status"
      >
        <Text size="sm">
          Token Desk will ask for it each time it starts. You can change this in Settings.
        </Text>
      </Alert>
    );
  }
  if (status.secure || status.locked) return null;

  const existing = status.passphrase === 'locked';
  const done = (next: VaultStatusView) => {
    setStatus(next);
    setOpen(false);
    setProtectedNow(true);
  };

  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      title={
        context === 'wizard'
          ? 'Token Desk cannot store this connection’s secrets yet'
          : 'Token Desk cannot protect secrets on this computer yet'
      }
      data-testid={`cipher-banner-${context}`}
    >
      <Stack gap="sm">
        <Text size="sm" data-testid={`cipher-banner-${context}-reason`}>
          {status.warning}
        </Text>
        <Text size="sm">
          {context === 'wizard'
            ? 'Protect secrets with a passphrase first; then the client secret and tokens of this connection are stored encrypted with it.'
            : 'Until then, Token Desk stores no client secret or token. A passphrase you choose protects them instead.'}
        </Text>
        {!open ? (
          <div>
            <Button
              color="orange"
              onClick={() => setOpen(true)}
              data-testid={`cipher-banner-${context}-protect`}
            >
              {existing ? 'Unlock with your passphrase' : 'Protect secrets with a passphrase'}
            </Button>
          </div>
        ) : existing ? (
          <UnlockForm
            onDone={async (next) =>
              done(
                next.primary === 'passphrase'
                  ? next
                  : await rpc.call('vault.choose', { cipher: 'passphrase' }),
              )
            }
            onCancel={() => setOpen(false)}
            testId={`cipher-banner-${context}-unlock`}
          />
        ) : (
          <PassphraseForm
            minLength={status.passphraseMinLength}
            onDone={done}
            onCancel={() => setOpen(false)}
            testId={`cipher-banner-${context}-passphrase`}
          />
        )}
      </Stack>
    </Alert>
  );
}
