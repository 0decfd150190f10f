// The end of the wizard: who the token belongs to, where, and what it may do; and a first test
// call with one click.

import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { TokenExpiry } from '../../components/Countdown.js';
import { dcLongLabel } from '../../lib/data-centres.js';
import { TestCall } from './TestCall.js';

export function WizardSuccess({
  connection,
  onOpen,
  onTryRequest,
}: {
  connection: ConnectionView;
  onOpen(): void;
  onTryRequest(): void;
}) {
  const user = [connection.user?.name, connection.user?.email].filter(Boolean).join(' · ');
  // Zoho's token answer usually lists no scopes: then only what was asked for is known.
  const confirmed = connection.grantedScopes !== undefined;
  const scopes = connection.grantedScopes ?? connection.scopes;
  return (
    <Paper withBorder p="lg" data-testid="wizard-success">
      <Stack>
        <Title order={3}>✓ {connection.name} is connected</Title>
        <Text size="sm">
          Token Desk keeps the tokens encrypted on this computer and renews the access token when it
          runs out.
        </Text>
        <Table variant="vertical" withTableBorder layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>Zoho user</Table.Th>
              <Table.Td data-testid="success-user">
                {user || 'Not known (add the AaaServer.profile.READ scope to see it)'}
              </Table.Td>
            </Table.Tr>
            {connection.org && (
              // The client org this grant is for: with the user above, a wrong sign-in shows.
              <Table.Tr>
                <Table.Th>Client org</Table.Th>
                <Table.Td data-testid="success-org">{connection.org}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>Data centre</Table.Th>
              <Table.Td data-testid="success-dc">
                {dcLongLabel(connection.location ?? connection.dc)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>API domain</Table.Th>
              <Table.Td>{connection.apiDomain}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Access token</Table.Th>
              <Table.Td>
                <TokenExpiry expiresAt={connection.accessTokenExpiresAt} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th data-testid="success-scopes-label">
                {confirmed ? 'Scopes granted' : 'Scopes requested'}
              </Table.Th>
              <Table.Td>
                <Stack gap={4}>
                  <Group gap={4} data-testid="success-scopes">
                    {scopes.map((s) => (
                      <Badge key={s} variant="light" tt="none">
                        {s}
                      </Badge>
                    ))}
                  </Group>
                  {!confirmed && (
                    <Text size="xs" c="dimmed" data-testid="success-scopes-note">
                      Zoho did not list what it granted; a request missing a scope will say so.
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <TestCall name={connection.name} onOpenBuilder={onTryRequest} />
        <Group>
          <Button variant="default" onClick={onOpen} data-testid="success-open">
            Open the connection
          </Button>
          <Button variant="light" onClick={onTryRequest} data-testid="success-try">
            Try a request
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
