// Sets up the passphrase that protects the secrets when the OS cannot (vault.createPassphrase):
// the passphrase, the same again, a minimum length, show/hide, and Enter to submit. The text
// lives in this form's state only until the call returns, and goes to main, nowhere else.

import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { VaultStatusView } from '../../../../main/rpc/contract.js';
import { passphraseLength } from '../../../../main/vocabulary/index.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { usePassphraseVisibility } from './passphrase-visibility.js';

export interface PassphraseFormProps {
  minLength: number;
  onDone(status: VaultStatusView): void;
  onCancel?: () => void;
  submitLabel?: string;
  /** Prefix for data-testid, so two forms on one page stay apart. */
  testId?: string;
}

export function PassphraseForm({
  minLength,
  onDone,
  onCancel,
  submitLabel = 'Protect secrets with this passphrase',
  testId = 'passphrase',
}: PassphraseFormProps) {
  const rpc = useRpc();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [checked, setChecked] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);

  // Counted as main counts it (main/vocabulary/passphrase.ts), so the form and main agree.
  const length = passphraseLength(passphrase);
  const tooShort = length < minLength;
  const mismatch = passphrase !== confirmation;
  const lengthError = tooShort
    ? `Use at least ${minLength} characters (this one has ${length}).`
    : undefined;
  const mismatchError =
    !tooShort && mismatch ? 'The two passphrases are not the same. Type it again.' : undefined;

  const create = useAction(async (text: string) => {
    const status = await rpc.call('vault.createPassphrase', { passphrase: text });
    setPassphrase('');
    setConfirmation('');
    onDone(status);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (tooShort) return first.current?.focus();
    if (mismatch) return second.current?.focus();
    void create.run(passphrase);
  };

  const toggle = usePassphraseVisibility();

  return (
    <form onSubmit={submit} noValidate data-testid={`${testId}-form`}>
      <Stack gap="sm">
        <PasswordInput
          ref={first}
          label="New passphrase"
          description={`At least ${minLength} characters; a few unrelated words are easy to remember and hard to guess. Token Desk asks for it each time it starts, and cannot recover it if you forget it.`}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={checked ? lengthError : undefined}
          autoComplete="new-password"
          required
          data-autofocus
          data-testid={`${testId}-new`}
          {...toggle}
        />
        <PasswordInput
          ref={second}
          label="Type the passphrase again"
          value={confirmation}
          onChange={(e) => setConfirmation(e.currentTarget.value)}
          error={checked ? mismatchError : undefined}
          autoComplete="new-password"
          required
          data-testid={`${testId}-confirm`}
          {...toggle}
        />
        {create.error && <ErrorAlert error={create.error} />}
        <Group>
          <Button type="submit" loading={create.running} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
              Cancel
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          The passphrase is never stored: Token Desk keeps only a check value to tell a wrong one.
        </Text>
      </Stack>
    </form>
  );
}
