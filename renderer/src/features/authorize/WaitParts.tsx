// The pieces of a waiting screen the server sign-in and the device invitation show alike: the
// status line a screen reader announces as it changes, and the notice once the user stopped the
// wait (nothing changed; each screen says how to start again).

import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** What is happening now, read out politely on each change. */
export function WaitStatus({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Text size="sm" role="status" aria-live="polite" fw={500} data-testid={testId}>
      {children}
    </Text>
  );
}

/** The wait was cancelled: `children` says how to try again. */
export function WaitStopped(props: { title: string; testId: string; children: ReactNode }) {
  return (
    <Alert
      color="gray"
      variant="light"
      title={props.title}
      role="status"
      data-testid={props.testId}
    >
      <Text size="sm">{props.children}</Text>
    </Alert>
  );
}
