// Small markers used in the sidebar and on the connection page.

import { Badge, Tooltip } from '@mantine/core';
import type { ConnectionView } from '../../../main/rpc/contract.js';
import { dcLongLabel, dcShortLabel } from '../lib/data-centres.js';

export function StatusBadge({ status }: { status: ConnectionView['status'] }) {
  if (status === 'ready')
    return (
      <Badge color="green" variant="light">
        Ready
      </Badge>
    );
  if (status === 'needs-reauth')
    return (
      <Badge color="red" variant="filled">
        Re-authorize
      </Badge>
    );
  return (
    <Badge color="gray" variant="light">
      Not authorized
    </Badge>
  );
}

export function DcBadge({ dc }: { dc: string }) {
  return (
    <Tooltip label={`Data centre: ${dcLongLabel(dc)}`}>
      <Badge variant="outline" color="blue" aria-label={`Data centre ${dcLongLabel(dc)}`}>
        {dcShortLabel(dc)}
      </Badge>
    </Tooltip>
  );
}

export function EnvironmentBadge({ environment }: { environment: ConnectionView['environment'] }) {
  if (environment === 'production')
    return (
      <Badge variant="dot" color="teal">
        Production
      </Badge>
    );
  return (
    <Badge variant="filled" color={environment === 'sandbox' ? 'orange' : 'violet'}>
      {environment === 'sandbox' ? 'Sandbox' : 'Developer'}
    </Badge>
  );
}
