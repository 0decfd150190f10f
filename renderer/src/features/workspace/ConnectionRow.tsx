// One connection in the sidebar: status, name, production/sandbox, data centre, who it belongs to
// and a live expiry countdown. Memoized: a row re-renders only when its connection or its
// selection changes; the countdown inside re-renders on its own on each tick of the shared clock.

import { Badge, NavLink, Text } from '@mantine/core';
import { memo } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { TokenExpiry } from '../../components/Countdown.js';
import { dcLongLabel, dcShortLabel } from '../../lib/data-centres.js';

function StatusDot({ status }: { status: ConnectionView['status'] }) {
  const color = status === 'ready' ? 'green' : status === 'needs-reauth' ? 'red' : 'gray';
  const label =
    status === 'ready'
      ? 'Ready'
      : status === 'needs-reauth'
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

/**
 * The data centre, as DcBadge on the connection page shows it, with the long name as a native
 * tooltip: a Mantine Tooltip per row costs a floating-ui instance and an extra render pass for
 * every row that scrolls into view.
 */
function DcMarker({ dc }: { dc: string }) {
  const long = dcLongLabel(dc);
  return (
    <Badge
      variant="outline"
      color="blue"
      aria-label={`Data centre ${long}`}
      title={`Data centre: ${long}`}
    >
      {dcShortLabel(dc)}
    </Badge>
  );
}

const labelStyle = {
  display: 'flex',
  gap: 6,
  alignItems: 'center',
  justifyContent: 'space-between',
} as const;
// The markers keep their size (a truncated "SAND…" or "E.." says nothing); the name gives way.
const markersStyle = { display: 'flex', gap: 4, alignItems: 'center', flexShrink: 0 } as const;
const nameStyle = { minWidth: 0 } as const;

export const ConnectionRow = memo(function ConnectionRow({
  connection,
  active,
  onSelect,
}: {
  connection: ConnectionView;
  active: boolean;
  /** Stable across renders (the row is memoized). */
  onSelect(connection: ConnectionView): void;
}) {
  const who = connection.user?.email ?? connection.user?.name;
  return (
    <NavLink
      component="button"
      type="button"
      active={active}
      onClick={() => onSelect(connection)}
      data-testid={`connection-item-${connection.name}`}
      aria-current={active ? 'page' : undefined}
      leftSection={<StatusDot status={connection.status} />}
      label={
        <span style={labelStyle}>
          <Text
            component="span"
            size="sm"
            fw={500}
            truncate
            style={nameStyle}
            title={connection.name}
          >
            {connection.name}
          </Text>
          <span style={markersStyle}>
            <EnvironmentMarker environment={connection.environment} />
            <DcMarker dc={connection.location ?? connection.dc} />
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
});

export const GroupHeading = memo(function GroupHeading({ label }: { label: string }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="xs" pt="sm" pb={2}>
      {label}
    </Text>
  );
});
