// The connection list: search, then grouped by client org (a consultant's view) when any
// connection has an org label; each item shows status, data centre, who it belongs to,
// production/sandbox and a live expiry countdown.

import { Badge, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { DcBadge } from '../../components/badges.js';
import { TokenExpiry } from '../../components/Countdown.js';
import { dcLongLabel } from '../../lib/data-centres.js';

const NO_ORG = 'Other connections';

export function matchesSearch(connection: ConnectionView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const dc = connection.location ?? connection.dc;
  const haystack = [
    connection.name,
    connection.org,
    connection.user?.email,
    connection.user?.name,
    dc,
    dcLongLabel(dc),
    connection.environment,
    connection.apiDomain,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}

export function groupByOrg(
  connections: readonly ConnectionView[],
): Array<{ org: string | null; items: ConnectionView[] }> {
  const groups = new Map<string, ConnectionView[]>();
  for (const c of connections) {
    const key = c.org?.trim() || '';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([org, items]) => ({
      org: org || null,
      items: items.sort((x, y) => x.name.localeCompare(y.name)),
    }));
}

function StatusDot({ connection }: { connection: ConnectionView }) {
  const color =
    connection.status === 'ready' ? 'green' : connection.status === 'needs-reauth' ? 'red' : 'gray';
  const label =
    connection.status === 'ready'
      ? 'Ready'
      : connection.status === 'needs-reauth'
        ? 'Needs re-authorization'
        : 'Not authorized yet';
  return (
    <Badge size="xs" circle color={color} variant="filled" aria-label={label} title={label}>
      {' '}
    </Badge>
  );
}

function EnvironmentMarker({ environment }: { environment: ConnectionView['environment'] }) {
  if (environment === 'production') {
    return (
      <Badge size="xs" variant="light" color="teal" title="Production">
        Prod
      </Badge>
    );
  }
  return (
    <Badge size="xs" variant="filled" color={environment === 'sandbox' ? 'orange' : 'violet'}>
      {environment === 'sandbox' ? 'Sandbox' : 'Dev'}
    </Badge>
  );
}

function ConnectionItem({
  connection,
  active,
  onSelect,
}: {
  connection: ConnectionView;
  active: boolean;
  onSelect(): void;
}) {
  const who = connection.user?.email ?? connection.user?.name;
  return (
    <NavLink
      component="button"
      type="button"
      active={active}
      onClick={onSelect}
      data-testid={`connection-item-${connection.name}`}
      aria-current={active ? 'page' : undefined}
      leftSection={<StatusDot connection={connection} />}
      label={
        <span
          style={{ display: 'flex', gap: 6, alignItems: 'center', justifyContent: 'space-between' }}
        >
          <Text component="span" size="sm" fw={500} truncate>
            {connection.name}
          </Text>
          <span style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
            <EnvironmentMarker environment={connection.environment} />
            <DcBadge dc={connection.location ?? connection.dc} />
          </span>
        </span>
      }
      description={
        <>
          {who && (
            <Text component="span" size="xs" c="dimmed" truncate display="block">
              {who}
            </Text>
          )}
          <Text
            component="span"
            size="xs"
            display="block"
            c={connection.status === 'needs-reauth' ? 'red' : 'dimmed'}
          >
            {connection.status === 'needs-reauth' ? (
              'Re-authorize needed'
            ) : connection.status === 'new' ? (
              'Not authorized yet'
            ) : (
              <TokenExpiry expiresAt={connection.accessTokenExpiresAt} />
            )}
          </Text>
        </>
      }
    />
  );
}

export function ConnectionSidebar(props: {
  connections: readonly ConnectionView[];
  selectedId: string | null;
  onSelect(connection: ConnectionView): void;
}) {
  const [query, setQuery] = useState('');
  const filtered = useMemo(
    () => props.connections.filter((c) => matchesSearch(c, query)),
    [props.connections, query],
  );
  const groups = useMemo(() => groupByOrg(filtered), [filtered]);
  const grouped = props.connections.some((c) => c.org?.trim());

  return (
    <Stack gap="xs" h="100%">
      <TextInput
        label="Search connections"
        placeholder="Name, org, user, data centre"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="connection-search"
        type="search"
      />
      <ScrollArea style={{ flex: 1 }} type="auto">
        <nav aria-label="Connections">
          {filtered.length === 0 && (
            <Text size="sm" c="dimmed" p="xs" role="status">
              {props.connections.length === 0
                ? 'No connections yet.'
                : `No connection matches "${query}".`}
            </Text>
          )}
          {groups.map((group) => {
            const heading = group.org ?? NO_ORG;
            const headingId = `org-${heading.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            return (
              <div
                key={heading}
                role="group"
                aria-labelledby={grouped ? headingId : undefined}
                aria-label={grouped ? undefined : 'All connections'}
              >
                {grouped && (
                  <Text
                    id={headingId}
                    size="xs"
                    fw={700}
                    tt="uppercase"
                    c="dimmed"
                    px="xs"
                    pt="sm"
                    pb={2}
                  >
                    {heading}
                  </Text>
                )}
                {group.items.map((c) => (
                  <ConnectionItem
                    key={c.id}
                    connection={c}
                    active={c.id === props.selectedId}
                    onSelect={() => props.onSelect(c)}
                  />
                ))}
              </div>
            );
          })}
        </nav>
      </ScrollArea>
    </Stack>
  );
}
