// The tray menu as data: a pure function from the connections and the time to a template of plain
// objects. Each connection gets a submenu with Copy access token / Copy as header; a connection
// that needs authorization shows them disabled with a hint; connections with an org label are
// grouped by org (consultants with many client orgs); then Open Token Desk and Quit, always.
// Items carry an `action` descriptor instead of a click function, so the template can be
// compared in tests; tray.ts turns actions into clicks.

import type { CopyKind } from './token-copy.js';
import { compareNatural, formatTimeLeft } from '../vocabulary/index.js';

export interface TrayConnection {
  name: string;
  status: 'new' | 'ready' | 'needs-reauth';
  /** When the cached access token expires (ms since epoch), if one is cached. */
  expiresAt?: number;
  org?: string;
}

export interface TrayState {
  connections: readonly TrayConnection[];
  now: number;
  /** Set when the connections could not be read (e.g. a damaged file): shown instead of them. */
  problem?: string;
}

export type TrayAction =
  { kind: 'copy'; name: string; as: CopyKind } | { kind: 'open' } | { kind: 'quit' };

export interface TrayMenuItem {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

export const OPEN_LABEL = 'Open Token Desk';
export const QUIT_LABEL = 'Quit Token Desk';

/** Menu labels treat "&" as an access-key marker on Windows; user text must show it literally. */
export function escapeLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

/** What the connection's menu entry says about its token. */
export function statusText(connection: TrayConnection, now: number): string {
  if (connection.status === 'needs-reauth') return 'needs authorization';
  if (connection.status === 'new') return 'not authorized yet';
  if (connection.expiresAt === undefined) return 'ready';
  const left = connection.expiresAt - now;
  return left > 0 ? `${formatTimeLeft(left)} left` : 'expired, refreshed on copy';
}

function connectionItem(connection: TrayConnection, now: number): TrayMenuItem {
  const usable = connection.status === 'ready';
  const copyItems: TrayMenuItem[] = [
    {
      id: `copy-token:${connection.name}`,
      label: 'Copy access token',
      enabled: usable,
      action: { kind: 'copy', name: connection.name, as: 'token' },
    },
    {
      id: `copy-header:${connection.name}`,
      label: 'Copy as header',
      enabled: usable,
      action: { kind: 'copy', name: connection.name, as: 'header' },
    },
  ];
  const submenu = usable
    ? copyItems
    : [
        ...copyItems,
        { type: 'separator' as const },
        {
          id: `hint:${connection.name}`,
          label:
            connection.status === 'new'
              ? 'Authorize it in Token Desk first'
              : 'Authorize it again in Token Desk',
          enabled: false,
        },
      ];
  return {
    id: `connection:${connection.name}`,
    label: `${escapeLabel(connection.name)} — ${statusText(connection, now)}`,
    type: 'submenu',
    submenu,
  };
}

export function buildTrayTemplate(state: TrayState): TrayMenuItem[] {
  const connections = [...state.connections].sort((a, b) => compareNatural(a.name, b.name));
  const items: TrayMenuItem[] = [];

  if (state.problem !== undefined) {
    items.push({ id: 'problem', label: escapeLabel(state.problem), enabled: false });
  } else if (connections.length === 0) {
    items.push({ id: 'empty', label: 'No connections yet', enabled: false });
  } else {
    const orgs = new Map<string, TrayConnection[]>();
    const loose: TrayConnection[] = [];
    for (const connection of connections) {
      const org = connection.org?.trim();
      if (org) orgs.set(org, [...(orgs.get(org) ?? []), connection]);
      else loose.push(connection);
    }
    for (const org of [...orgs.keys()].sort(compareNatural)) {
      items.push({
        id: `org:${org}`,
        label: escapeLabel(org),
        type: 'submenu',
        submenu: orgs.get(org)!.map((connection) => connectionItem(connection, state.now)),
      });
    }
    for (const connection of loose) items.push(connectionItem(connection, state.now));
  }

  items.push(
    { type: 'separator' },
    { id: 'open', label: OPEN_LABEL, action: { kind: 'open' } },
    { id: 'quit', label: QUIT_LABEL, action: { kind: 'quit' } },
  );
  return items;
}

/** The tray icon's tooltip. */
export function trayToolTip(state: TrayState): string {
  const count = state.connections.length;
  const attention = state.connections.filter((c) => c.status !== 'ready').length;
  const base = `Token Desk — ${count} connection${count === 1 ? '' : 's'}`;
  return attention > 0 ? `${base}, ${attention} to authorize` : base;
}
