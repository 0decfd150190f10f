// What Token Desk shows at start when the passphrase protects new connections and has not been
// entered in this run: nothing that needs a secret works until it is.

import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { VaultStatusView } from '../../../../main/rpc/contract.js';
import { PassphraseForm } from './PassphraseForm.js';
import { UnlockForm } from './UnlockForm.js';

export function UnlockScreen({
  status,
  onDone,
}: {
  status: VaultStatusView;
  onDone(status: VaultStatusView): void;
}) {
  const none = status.passphrase === 'none';
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w="100%" maw={520} data-testid="unlock-screen">
        <Stack>
          <Title order={1} size="h2">
            {none ? 'Choose your passphrase' : 'Token Desk is locked'}
          </Title>
          {none ? (
            <Text>
              You chose to protect your client secrets and tokens with a passphrase, but the vault
              file has no passphrase set up (it may have been moved or replaced). Choose one to go
              on; secrets stored under the old one cannot be opened with it.
            </Text>
          ) : (
            <Text>
              Your client secrets and tokens are protected with a passphrase. Enter it to use them;
              Token Desk keeps it in memory until it quits.
            </Text>
          )}
          {none ? (
            <PassphraseForm minLength={status.passphraseMinLength} onDone={onDone} />
          ) : (
            <UnlockForm onDone={onDone} />
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
