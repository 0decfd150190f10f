// The sidebar's data: which connections match the search, grouped by client org, flattened into
// one list of rows (a heading row per group, then its connections) that the list can window.

import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { compareNatural } from '../../../../main/vocabulary/index.js';
import { dcLongLabel } from '../../lib/data-centres.js';

// Natural order ("Org 2" before "Org 10"), as the tray menu and `token-desk list` sort.
export { compareNatural };

export const NO_ORG = 'Other connections';

// The text a search looks in, built once per connection object (the list hands out new objects
// when a connection changes, so a stale entry is never read).
const haystacks = new WeakMap<ConnectionView, string>();

function haystackOf(connection: ConnectionView): string {
  let haystack = haystacks.get(connection);
  if (haystack === undefined) {
    const dc = connection.location ?? connection.dc;
    haystack = [
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
    haystacks.set(connection, haystack);
  }
  return haystack;
}

export function matchesSearch(connection: ConnectionView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const haystack = haystackOf(connection);
  return q.split(/\s+/).every((word) => haystack.includes(word));
}

export function groupByOrg(
  connections: readonly ConnectionView[],
): Array<{ org: string | null; items: ConnectionView[] }> {
  const groups = new Map<string, ConnectionView[]>();
  for (const c of connections) {
    const key = c.org?.trim() || '';
    const items = groups.get(key);
    if (items) items.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : compareNatural(a, b)))
    .map(([org, items]) => ({
      org: org || null,
      items: items.sort((x, y) => compareNatural(x.name, y.name)),
    }));
}

export type SidebarRow =
  | { kind: 'heading'; key: string; group: number; label: string }
  | {
      kind: 'connection';
      key: string;
      group: number;
      /** Position among the connections (headings not counted). */
      ordinal: number;
      connection: ConnectionView;
    };

export interface SidebarRows {
  rows: SidebarRow[];
  /** Accessible name of each group (its org, or "All connections" when nothing is grouped). */
  groupLabels: string[];
  /** Row index of every connection, in list order: what arrow keys and Tab walk through. */
  connectionRows: number[];
  /** Row index of each row key (a connection's row key is its id). */
  rowByKey: Map<string, number>;
}

/**
 * One row per group heading (only when any connection has an org) and one per connection, in
 * display order. `grouped` comes from the whole list, not the filtered one, so headings do not
 * come and go while the user types.
 */
export function buildRows(connections: readonly ConnectionView[], grouped: boolean): SidebarRows {
  const rows: SidebarRow[] = [];
  const groupLabels: string[] = [];
  const connectionRows: number[] = [];
  const rowByKey = new Map<string, number>();
  groupByOrg(connections).forEach((g, group) => {
    const label = grouped ? (g.org ?? NO_ORG) : 'All connections';
    groupLabels.push(label);
    if (grouped) {
      const key = g.org === null ? 'no-org' : `org:${g.org}`;
      rowByKey.set(key, rows.length);
      rows.push({ kind: 'heading', key, group, label });
    }
    for (const connection of g.items) {
      rowByKey.set(connection.id, rows.length);
      rows.push({
        kind: 'connection',
        key: connection.id,
        group,
        ordinal: connectionRows.length,
        connection,
      });
      connectionRows.push(rows.length - 1);
    }
  });
  return { rows, groupLabels, connectionRows, rowByKey };
}
