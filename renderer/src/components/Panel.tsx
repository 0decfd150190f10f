// A bordered panel with its heading (Access token, Details, Export, Try a request, History): the
// one look every card of the connection page and the request builder shares.

import { Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Panel({
  title,
  aside,
  children,
  dialogs,
}: {
  title: string;
  /** A control set beside the heading (the request builder's samples). */
  aside?: ReactNode;
  children: ReactNode;
  /** Modals that belong to the panel, kept out of its stack so they add no gap. */
  dialogs?: ReactNode;
}) {
  const heading = (
    <Title order={3} size="h4">
      {title}
    </Title>
  );
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {aside ? (
          <Group justify="space-between" align="flex-end">
            {heading}
            {aside}
          </Group>
        ) : (
          heading
        )}
        {children}
      </Stack>
      {dialogs}
    </Paper>
  );
}
