// The connection list: search, then grouped by client org (a consultant's view) when any
// connection has an org label; each item shows status, data centre, who it belongs to,
// production/sandbox and a live expiry countdown. Long lists are windowed (ConnectionList.tsx).

import { ScrollArea, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { ConnectionList, type ConnectionListHandle } from './ConnectionList.js';
import { buildRows, matchesSearch } from './connection-rows.js';

export { groupByOrg, matchesSearch } from './connection-rows.js';

/** Lists with at least this many matching connections are windowed; shorter ones render whole. */
export const WINDOW_FROM = 100;

export function ConnectionSidebar(props: {
  connections: readonly ConnectionView[];
  selectedId: string | null;
  onSelect(connection: ConnectionView): void;
}) {
  const [query, setQuery] = useState('');
  // Rows are memoized: hand them one callback that never changes and calls the latest prop.
  const onSelectRef = useRef(props.onSelect);
  useLayoutEffect(() => {
    onSelectRef.current = props.onSelect;
  });
  const select = useCallback((c: ConnectionView) => onSelectRef.current(c), []);

  const grouped = useMemo(() => props.connections.some((c) => c.org?.trim()), [props.connections]);
  const filtered = useMemo(
    () => props.connections.filter((c) => matchesSearch(c, query)),
    [props.connections, query],
  );
  const list = useMemo(() => buildRows(filtered, grouped), [filtered, grouped]);

  const searchRef = useRef<HTMLInputElement>(null);
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);
  const listRef = useRef<ConnectionListHandle>(null);
  const leaveTop = useCallback(() => searchRef.current?.focus(), []);
  const hintId = useId();

  return (
    <Stack gap="xs" h="100%">
      <TextInput
        ref={searchRef}
        label="Search connections"
        placeholder="Name, org, user, data centre"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && filtered.length > 0) {
            e.preventDefault();
            listRef.current?.focusConnection(0);
          }
        }}
        data-testid="connection-search"
        type="search"
      />
      <ScrollArea style={{ flex: 1 }} type="auto" viewportRef={setViewport}>
        <nav aria-label="Connections" aria-describedby={hintId}>
          {/* A windowed list has only the rows in view in the DOM: say how many there are. */}
          <VisuallyHidden id={hintId}>
            {`${filtered.length} of ${props.connections.length} connections. `}
            Arrow keys, Home and End move between them.
          </VisuallyHidden>
          {filtered.length === 0 && (
            <Text size="sm" c="dimmed" p="xs" role="status">
              {props.connections.length === 0
                ? 'No connections yet.'
                : `No connection matches "${query}".`}
            </Text>
          )}
          <ConnectionList
            ref={listRef}
            list={list}
            selectedId={props.selectedId}
            windowed={filtered.length >= WINDOW_FROM}
            scrollElement={viewport}
            onSelect={select}
            onLeaveTop={leaveTop}
          />
        </nav>
      </ScrollArea>
    </Stack>
  );
}
