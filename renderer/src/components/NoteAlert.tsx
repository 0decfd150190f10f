// A light alert that tells something in a sentence or two, with what to do about it (buttons, a
// small form) below: a connection that needs authorizing, a scope Zoho refused, a warning.

import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function NoteAlert({
  color,
  title,
  text,
  testId,
  children,
}: {
  color: 'red' | 'orange' | 'blue';
  title: string;
  text: ReactNode;
  testId?: string;
  /** What the user can do about it, under the text. */
  children?: ReactNode;
}) {
  return (
    <Alert color={color} variant="light" title={title} data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        {children}
      </Stack>
    </Alert>
  );
}
