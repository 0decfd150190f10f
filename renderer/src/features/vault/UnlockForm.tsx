// Enters the passphrase for this run (vault.unlock). A wrong one is said plainly, the field is
// emptied and focused again for the next try.

import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { VaultStatusView } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { usePassphraseVisibility } from './passphrase-visibility.js';

export interface UnlockFormProps {
  /** May continue with another call (e.g. choose the passphrase); its error shows here too. */
  onDone(status: VaultStatusView): void | Promise<void>;
  onCancel?: () => void;
  testId?: string;
}

export function UnlockForm({ onDone, onCancel, testId = 'unlock' }: UnlockFormProps) {
  const rpc = useRpc();
  const [passphrase, setPassphrase] = useState('');
  const toggle = usePassphraseVisibility();
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const unlock = useAction(async (text: string) => {
    try {
      const status = await rpc.call('vault.unlock', { passphrase: text });
      setPassphrase('');
      await onDone(status);
    } finally {
      setPassphrase('');
      field.current?.focus();
    }
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase === '') {
      setEmpty(true);
      return field.current?.focus();
    }
    setEmpty(false);
    void unlock.run(passphrase);
  };

  return (
    <form onSubmit={submit} noValidate data-testid={`${testId}-form`}>
      <Stack gap="sm">
        <PasswordInput
          ref={field}
          label="Passphrase"
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={empty ? 'Type your passphrase.' : undefined}
          autoComplete="current-password"
          autoFocus
          required
          data-autofocus
          {...toggle}
          data-testid={`${testId}-passphrase`}
        />
        {unlock.error && <ErrorAlert error={unlock.error} title="Token Desk is still locked" />}
        <Group>
          <Button type="submit" loading={unlock.running} data-testid={`${testId}-submit`}>
            Unlock
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
