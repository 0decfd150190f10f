// What a first-time user sees: what Token Desk does, in their words, and one button to start.

import { Button, List, Paper, Stack, Text, Title } from '@mantine/core';

export function EmptyState({ onStart }: { onStart(): void }) {
  return (
    <Paper withBorder p="xl" maw={640} mx="auto" mt="xl" data-testid="empty-state">
      <Stack>
        <Title order={2}>Connect Token Desk to Zoho</Title>
        <Text>
          Token Desk gets a Zoho access token for you, keeps it safe on this computer and renews it
          when it runs out, so you never copy tokens by hand again.
        </Text>
        <List spacing="xs" size="sm">
          <List.Item>
            Works with a Self Client (paste a code or drop self_client.json) or a Server-based
            client (sign in through your browser).
          </List.Item>
          <List.Item>
            One connection per client org and data centre: US, EU, India, Australia and more, each
            kept apart.
          </List.Item>
          <List.Item>
            Copy a fresh token or a ready-made header in one click, and try API calls right here.
          </List.Item>
          <List.Item>
            Secrets are encrypted on this computer; they never appear in this window.
          </List.Item>
        </List>
        <Button
          size="md"
          onClick={onStart}
          data-testid="empty-start"
          style={{ alignSelf: 'flex-start' }}
        >
          Add your first connection
        </Button>
      </Stack>
    </Paper>
  );
}
