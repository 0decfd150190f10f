// What the window shows while it starts (loading settings and connections, asking whether the
// vault needs unlocking): a spinner and a status line a screen reader announces.

import { Center, Loader, Stack, Text } from '@mantine/core';

export function OpeningScreen() {
  return (
    <Center h="100vh">
      <Stack align="center" role="status">
        <Loader />
        <Text>Opening Token Desk…</Text>
      </Stack>
    </Center>
  );
}
