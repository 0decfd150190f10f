// Every error the user sees: what happened and what to do about it (RpcError.message + remedy).

import { Alert, Button, Group, Text } from '@mantine/core';
import type { RpcError } from '../../../main/rpc/contract.js';

export interface ErrorAlertProps {
  error: Pick<RpcError, 'message' | 'remedy'>;
  title?: string;
  onRetry?: () => void;
  retryLabel?: string;
  onClose?: () => void;
}

export function ErrorAlert({
  error,
  title = 'That did not work',
  onRetry,
  retryLabel = 'Try again',
  onClose,
}: ErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel="Dismiss"
    >
      <Text size="sm" data-testid="error-message">
        {error.message}
      </Text>
      {error.remedy && (
        <Text size="sm" mt={4} data-testid="error-remedy">
          <Text span fw={600} inherit>
            What to do:{' '}
          </Text>
          {error.remedy}
        </Text>
      )}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {retryLabel}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
