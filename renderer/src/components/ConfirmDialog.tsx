// A confirmation for actions that cannot be undone (revoke, remove). The confirm button is not
// the default focus, so Enter on an accidental open does not destroy anything.

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RpcError } from '../../../main/rpc/contract.js';
import { ErrorAlert } from './ErrorAlert.js';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  /** Why the action failed: shown in the dialog, under the text. */
  error?: Pick<RpcError, 'message' | 'remedy'> | null;
  testId?: string;
}

export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  error,
  testId = 'confirm',
}: ConfirmDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <Text size="sm" component="div">
          {children}
          {error && <ErrorAlert error={error} />}
        </Text>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={onCancel}
            data-autofocus
            data-testid={`${testId}-cancel`}
          >
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
