// Every error the user sees: what happened and what to do about it (RpcError.message + remedy).
// An error that stops a step (`focus`) takes the keyboard focus when it appears, so a keyboard
// or screen-reader user is told at once and can Tab on to the remedy's button.

import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { RpcError } from '../../../main/rpc/contract.js';
import { FOCUS_ERROR_ATTRIBUTE } from './focus.js';

export interface ErrorAlertProps {
  error: Pick<RpcError, 'message' | 'remedy'>;
  title?: string;
  onRetry?: () => void;
  retryLabel?: string;
  onClose?: () => void;
  /** This error stopped what the user was doing: focus moves to it when it appears or changes. */
  focus?: boolean;
}

export function ErrorAlert({
  error,
  title = 'That did not work',
  onRetry,
  retryLabel = 'Try again',
  onClose,
  focus = false,
}: ErrorAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, error]);
  return (
    <Alert
      ref={ref}
      {...(focus ? { tabIndex: -1, [FOCUS_ERROR_ATTRIBUTE]: true } : {})}
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
