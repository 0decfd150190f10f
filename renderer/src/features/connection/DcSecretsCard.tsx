// A Multi-DC server-based client's client secret for another data centre (connections.setDcSecret,
// the window's side of `token-desk secret`). With Multi-DC on, Zoho's API Console can show a
// secret per data centre; sign-ins of users in that data centre must then use it. The secret goes
// straight to main, which seals it in the vault; this card never shows it again, only which data
// centres have one.

import { Badge, Button, Group, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { StatusLine } from '../../components/StatusLine.js';
import { DATA_CENTRES, dcLongLabel, dcShortLabel, type DcCode } from '../../lib/data-centres.js';

export function DcSecretsCard({ connection }: { connection: ConnectionView }) {
  const rpc = useRpc();
  const { upsertConnection } = useAppState();
  // The connection's own data centre uses its client secret: offer the others.
  const others = DATA_CENTRES.filter((dc) => dc.code !== connection.dc);
  const [dc, setDc] = useState<DcCode | null>(null);
  const [secret, setSecret] = useState('');
  const [missing, setMissing] = useState<'dc' | 'secret' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useAction(async (code: DcCode, value: string) => {
    upsertConnection(
      await rpc.call('connections.setDcSecret', {
        name: connection.name,
        dc: code,
        clientSecret: value,
      }),
    );
    setSecret('');
    setSaved(`Saved the client secret for ${dcShortLabel(code)}.`);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    if (!dc) return setMissing('dc');
    if (!secret.trim()) return setMissing('secret');
    setMissing(null);
    void save.run(dc, secret);
  };

  const stored = connection.dcSecrets ?? [];
  return (
    <Panel title="Secrets for other data centres">
      <Text size="sm">
        Only for a client with <b>Multi-DC</b> turned on in the API Console (the client&apos;s
        Settings tab). If the console shows a different client secret for a data centre, paste it
        here: sign-ins of users in that data centre use it, every other one uses this
        connection&apos;s client secret.
      </Text>
      <Group gap={6} data-testid="dc-secrets-stored">
        <Text size="sm">Saved for:</Text>
        {stored.length === 0 ? (
          <Text size="sm" c="dimmed">
            no other data centre yet.
          </Text>
        ) : (
          stored.map((code) => (
            <Badge key={code} variant="light" tt="none" title={dcLongLabel(code)}>
              {dcShortLabel(code)}
            </Badge>
          ))
        )}
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group align="flex-start" grow>
            <Select
              label="Data centre"
              placeholder="Choose one"
              data={others.map((d) => ({ value: d.code, label: dcLongLabel(d.code) }))}
              value={dc}
              onChange={(value) => {
                setDc(value as DcCode | null);
                if (missing === 'dc') setMissing(null);
              }}
              error={missing === 'dc' ? 'Choose the data centre this secret is for.' : undefined}
              allowDeselect={false}
              data-testid="dc-secret-dc"
            />
            <PasswordInput
              label="Client secret for that data centre"
              value={secret}
              onChange={(e) => {
                setSecret(e.currentTarget.value);
                if (missing === 'secret') setMissing(null);
              }}
              error={
                missing === 'secret'
                  ? 'Paste the client secret the API Console shows for that data centre.'
                  : undefined
              }
              autoComplete="off"
              data-testid="dc-secret-value"
            />
          </Group>
          <Group>
            <Button
              type="submit"
              variant="light"
              loading={save.running}
              data-testid="dc-secret-save"
            >
              Save the secret
            </Button>
          </Group>
        </Stack>
      </form>
      <StatusLine message={saved} testId="dc-secret-saved" />
      {save.error && <ErrorAlert error={save.error} />}
    </Panel>
  );
}
