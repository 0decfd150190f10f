// The connection list: search, then grouped by client org (a consultant's view) when any
// connection has an org label; each item shows status, data centre, who it belongs to,
// production/sandbox and a live expiry countdown.
//
// Long lists are windowed: groups are flattened into rows (a heading row, then its connections)
// and only the rows in view, plus a margin, are in the DOM. Keyboard users still reach every
// connection: arrow keys, Home/End and Tab at the edge of the rendered rows scroll the next one
// in and focus it, and the focused row stays mounted while the list scrolls away from it.
// Short lists (most users) are rendered whole.

import { ScrollArea, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import {
  defaultRangeExtractor,
  measureElement,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Virtualizer,
} from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { ConnectionRow, GroupHeading } from './ConnectionRow.js';
import { buildRows, matchesSearch, type SidebarRow, type SidebarRows } from './connection-rows.js';

export { groupByOrg, matchesSearch } from './connection-rows.js';

/** Lists with at least this many matching connections are windowed; shorter ones render whole. */
export const WINDOW_FROM = 100;
/** Rows rendered beyond each edge of the visible area of a windowed list. */
const OVERSCAN = 5;

/** Heights measured in Chromium at the default theme; rows are measured once rendered anyway. */
function estimateRowSize(row: SidebarRow): number {
  if (row.kind === 'heading') return 31;
  return row.connection.user?.email || row.connection.user?.name ? 70 : 53;
}

// Before layout (or where there is none: a hidden sidebar, jsdom) the viewport and the rows
// measure 0. Render a window-high screenful from the estimates rather than nothing, so the first
// rows are there as soon as the list is, laid out or not.
const observeViewportRect = (
  instance: Virtualizer<HTMLDivElement, HTMLDivElement>,
  onRect: (rect: { width: number; height: number }) => void,
) =>
  observeElementRect(instance, (rect) =>
    onRect(rect.height > 0 ? rect : { width: rect.width, height: window.innerHeight }),
  );
const measureRow = (
  element: HTMLDivElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLDivElement, HTMLDivElement>,
) => {
  const size = measureElement(element, entry, instance);
  return size > 0 ? size : instance.options.estimateSize(instance.indexFromElement(element));
};

interface ConnectionListHandle {
  /** Scrolls the nth connection (headings not counted) into view and focuses it. */
  focusConnection(ordinal: number): void;
}

const rowSelector = (index: number) => `[data-index="${index}"]`;

function ConnectionList({
  ref,
  list,
  selectedId,
  windowed,
  scrollElement,
  onSelect,
  onLeaveTop,
}: {
  ref: Ref<ConnectionListHandle>;
  list: SidebarRows;
  selectedId: string | null;
  windowed: boolean;
  /** The scrolling viewport; null until mounted (it mounts after the list's own effects run). */
  scrollElement: HTMLDivElement | null;
  onSelect(connection: ConnectionView): void;
  /** Arrow up on the first connection. */
  onLeaveTop(): void;
}) {
  const { rows, groupLabels, connectionRows, rowByKey } = list;
  const containerRef = useRef<HTMLDivElement>(null);
  // The row holding focus stays rendered even when scrolled far away, so focus is not lost to
  // the document and Tab continues from where it was.
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const focusedRow = focusedKey === null ? -1 : (rowByKey.get(focusedKey) ?? -1);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusedRow < 0 || focusedRow >= range.count || indexes.includes(focusedRow))
        return indexes;
      return [...indexes, focusedRow].sort((a, b) => a - b);
    },
    [focusedRow],
  );

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    enabled: windowed,
    getScrollElement: () => scrollElement,
    estimateSize: (index) => estimateRowSize(rows[index]!),
    getItemKey: (index) => rows[index]!.key,
    overscan: OVERSCAN,
    rangeExtractor,
    observeElementRect: observeViewportRect,
    measureElement: measureRow,
  });

  const rowElement = (index: number) =>
    containerRef.current?.querySelector<HTMLElement>(rowSelector(index)) ?? null;

  // A row asked for focus before it was rendered: focus it once it is.
  const pendingFocus = useRef<number | null>(null);
  const focusRow = useCallback(
    (index: number) => {
      const button = rowElement(index)?.querySelector('button');
      if (button) {
        button.focus({ preventScroll: true });
        button.scrollIntoView({ block: 'nearest' });
        pendingFocus.current = null;
      } else {
        pendingFocus.current = index;
        virtualizer.scrollToIndex(index, { align: 'auto' });
      }
    },
    [virtualizer],
  );
  useLayoutEffect(() => {
    if (pendingFocus.current !== null && rowElement(pendingFocus.current)) {
      focusRow(pendingFocus.current);
    }
  });

  useImperativeHandle(
    ref,
    () => ({
      focusConnection(ordinal) {
        const index = connectionRows[ordinal];
        if (index !== undefined) focusRow(index);
      },
    }),
    [connectionRows, focusRow],
  );

  // Bring the selected connection into view when the selection changes (a connection picked in
  // the overview, or just made by the wizard, may be far down the list).
  const selectedRow = selectedId === null ? -1 : (rowByKey.get(selectedId) ?? -1);
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (selectedId === null) revealed.current = null;
    if (selectedId === null || selectedRow < 0 || revealed.current === selectedId) return;
    // A windowed list scrolls only once its viewport is there (it mounts after the list).
    if (windowed && !scrollElement) return;
    revealed.current = selectedId;
    const element = containerRef.current?.querySelector(rowSelector(selectedRow));
    if (element) element.scrollIntoView({ block: 'nearest' });
    else virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedId, selectedRow, windowed, scrollElement, virtualizer]);

  const rowOf = (target: EventTarget | null): SidebarRow | undefined => {
    const element = target instanceof HTMLElement ? target.closest('[data-index]') : null;
    return element ? rows[Number(element.getAttribute('data-index'))] : undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!(event.target instanceof HTMLButtonElement)) return;
    const row = rowOf(event.target);
    if (row?.kind !== 'connection') return;
    const last = connectionRows.length - 1;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(row.ordinal + 1, last);
        break;
      case 'ArrowUp':
        if (row.ordinal === 0) {
          event.preventDefault();
          onLeaveTop();
          return;
        }
        next = row.ordinal - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Tab': {
        // The browser moves to the next rendered button; step in only when the neighbour is
        // not rendered yet (the edge of a windowed list).
        const neighbour = row.ordinal + (event.shiftKey ? -1 : 1);
        if (neighbour < 0 || neighbour > last || rowElement(connectionRows[neighbour]!)) return;
        next = neighbour;
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    focusRow(connectionRows[next]!);
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) =>
    setFocusedKey(rowOf(event.target)?.key ?? null);
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!containerRef.current?.contains(event.relatedTarget as Node | null)) setFocusedKey(null);
  };

  const items = windowed ? virtualizer.getVirtualItems() : null;
  const indexes = items ? items.map((item) => item.index) : rows.map((_, index) => index);

  // Rendered rows, wrapped per org in a labelled group (a heading scrolled out of view must not
  // take its group's name with it, hence aria-label rather than aria-labelledby).
  const segments: Array<{ group: number; indexes: number[] }> = [];
  for (const index of indexes) {
    const group = rows[index]!.group;
    const current = segments[segments.length - 1];
    if (current?.group === group) current.indexes.push(index);
    else segments.push({ group, indexes: [index] });
  }

  const renderRow = (index: number, start?: number) => {
    const row = rows[index]!;
    return (
      <div
        key={row.key}
        data-index={index}
        ref={windowed ? virtualizer.measureElement : undefined}
        style={
          start === undefined
            ? undefined
            : {
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${start}px)`,
              }
        }
      >
        {row.kind === 'heading' ? (
          <GroupHeading label={row.label} />
        ) : (
          <ConnectionRow
            connection={row.connection}
            active={row.connection.id === selectedId}
            onSelect={onSelect}
          />
        )}
      </div>
    );
  };

  const starts = new Map(items?.map((item) => [item.index, item.start]));
  return (
    <div
      ref={containerRef}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      style={
        windowed ? { position: 'relative', width: '100%', height: virtualizer.getTotalSize() } : {}
      }
    >
      {segments.map((segment) => (
        <div
          key={`${segment.group}:${groupLabels[segment.group]}`}
          role="group"
          aria-label={groupLabels[segment.group]}
        >
          {segment.indexes.map((index) => renderRow(index, starts.get(index)))}
        </div>
      ))}
    </div>
  );
}

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
