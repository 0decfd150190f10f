// Small markers used in the sidebar and on the connection page.

import { Badge, Tooltip } from '@mantine/core';
import type { ConnectionView } from '../../../main/rpc/contract.js';
import { dcLongLabel, dcShortLabel } from '../lib/data-centres.js';

interface BadgeLook {
  label: string;
  color: string;
  variant: 'light' | 'filled' | 'dot';
}

function LookBadge({ look }: { look: BadgeLook }) {
  return (
    <Badge color={look.color} variant={look.variant}>
      {look.label}
    </Badge>
  );
}

const STATUS_LOOKS: Record<ConnectionView['status'], BadgeLook> = {
  ready: { label: 'Ready', color: 'green', variant: 'light' },
  'needs-reauth': { label: 'Re-authorize', color: 'red', variant: 'filled' },
  new: { label: 'Not authorized', color: 'gray', variant: 'light' },
};

export function StatusBadge({ status }: { status: ConnectionView['status'] }) {
  return <LookBadge look={STATUS_LOOKS[status] ?? STATUS_LOOKS.new} />;
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

const ENVIRONMENT_LOOKS: Record<ConnectionView['environment'], BadgeLook> = {
  production: { label: 'Production', color: 'teal', variant: 'dot' },
  sandbox: { label: 'Sandbox', color: 'orange', variant: 'filled' },
  developer: { label: 'Developer', color: 'violet', variant: 'filled' },
};

export function EnvironmentBadge({ environment }: { environment: ConnectionView['environment'] }) {
  return <LookBadge look={ENVIRONMENT_LOOKS[environment] ?? ENVIRONMENT_LOOKS.developer} />;
}
