// A bordered panel with its heading (Access token, Details, Export, Try a request, History): the
// one look every card of the connection page and the request builder shares.

import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Panel({
  title,
  children,
  dialogs,
}: {
  title: string;
  children: ReactNode;
  /** Modals that belong to the panel, kept out of its stack so they add no gap. */
  dialogs?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
      {dialogs}
    </Paper>
  );
}
