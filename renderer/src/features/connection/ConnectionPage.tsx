// One connection: its token (copy, refresh, revoke, re-authorize), a request builder, and its
// details and export, on three tabs.

import { Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { DcBadge, EnvironmentBadge, StatusBadge } from '../../components/badges.js';
import { StatusLine } from '../../components/StatusLine.js';
import { ReauthorizeModal } from '../authorize/ReauthorizeModal.js';
import { DcSecretsCard } from './DcSecretsCard.js';
import { DetailsCard, GrantedScopes, scopesTitle } from './DetailsCard.js';
import { ExportCard } from './ExportCard.js';
import { TokenCard } from './TokenCard.js';

// The request builder is the largest screen: load it when first opened.
const RequestBuilder = lazy(() =>
  import('../requests/RequestBuilder.js').then((m) => ({ default: m.RequestBuilder })),
);

export type ConnectionTab = 'token' | 'requests' | 'details';

/**
 * After a re-authorization that added scopes: "not granted" only when Zoho listed what it granted
 * and the scope is not there; when Zoho listed nothing, the scope is asked for but unconfirmed.
 */
export function reauthorizedNotice(updated: ConnectionView, added: readonly string[]): string {
  const has = (list: readonly string[], scope: string) =>
    list.some((s) => s.toLowerCase() === scope.toLowerCase());
  if (added.length === 0) return `${updated.name} is authorized.`;
  if (updated.grantedScopes) {
    const missing = added.filter((s) => !has(updated.grantedScopes!, s));
    if (missing.length > 0)
      return `Authorized, but Zoho did not grant ${missing.join(', ')}. Check that the scope is spelled as Zoho expects and that your Zoho account may use it.`;
    return `${updated.name} is authorized with ${added.join(', ')}.`;
  }
  const notAsked = added.filter((s) => !has(updated.scopes, s));
  if (notAsked.length > 0)
    return `Authorized, but ${notAsked.join(', ')} was not part of the request. Authorize again and generate the code with it.`;
  return `${updated.name} is authorized; ${added.join(', ')} was asked for, but not confirmed by Zoho (its answer lists no scopes). Send the request again to check.`;
}

export function ConnectionPage({
  connection,
  tab,
  onTab,
  onRemoved,
}: {
  connection: ConnectionView;
  tab: ConnectionTab;
  onTab(tab: ConnectionTab): void;
  onRemoved(): void;
}) {
  const [reauth, setReauth] = useState<{ addScopes: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Stack gap="md" data-testid="connection-page">
      <Group justify="space-between" align="center">
        <Stack gap={2}>
          <Title order={2}>{connection.name}</Title>
          {(connection.org || connection.user?.email) && (
            <Text size="sm" c="dimmed">
              {[connection.org, connection.user?.email ?? connection.user?.name]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <StatusBadge status={connection.status} />
          <EnvironmentBadge environment={connection.environment} />
          <DcBadge dc={connection.location ?? connection.dc} />
        </Group>
      </Group>
      <StatusLine message={notice} testId="connection-notice" />
      <Tabs
        value={tab}
        onChange={(value) => value && onTab(value as ConnectionTab)}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="token">Token</Tabs.Tab>
          <Tabs.Tab value="requests" data-testid="tab-requests">
            Try requests
          </Tabs.Tab>
          <Tabs.Tab value="details" data-testid="tab-details">
            Details &amp; export
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="token" pt="md">
          <Stack>
            <TokenCard connection={connection} onReauthorize={() => setReauth({ addScopes: [] })} />
            <Stack gap={4}>
              <Text fw={500} size="sm">
                {scopesTitle(connection)}
              </Text>
              <GrantedScopes connection={connection} />
            </Stack>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="requests" pt="md">
          <Suspense
            fallback={
              <Group gap="xs" role="status">
                <Loader size="sm" />
                <Text size="sm">Loading…</Text>
              </Group>
            }
          >
            <RequestBuilder
              key={connection.id}
              connection={connection}
              onAddScope={(scope) => setReauth({ addScopes: [scope] })}
            />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="md">
          <Stack>
            <DetailsCard connection={connection} onRemoved={onRemoved} />
            {connection.clientType === 'server' && <DcSecretsCard connection={connection} />}
            <ExportCard connection={connection} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {reauth && (
        <ReauthorizeModal
          opened
          connection={connection}
          addScopes={reauth.addScopes}
          onClose={() => setReauth(null)}
          onDone={(updated) => {
            setReauth(null);
            setNotice(reauthorizedNotice(updated, reauth.addScopes));
          }}
        />
      )}
    </Stack>
  );
}
