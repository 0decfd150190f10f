// The sidebar's list of connections, windowed when long: groups are flattened into rows (a heading
// row, then its connections) and only the rows in view, plus a margin, are in the DOM. Keyboard
// users still reach every connection: arrow keys, Home/End and Tab at the edge of the rendered
// rows scroll the next one in and focus it, and the focused row stays mounted while the list
// scrolls away from it. Short lists (most users) are rendered whole.

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
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type Ref,
  type RefObject,
} from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { ConnectionRow, GroupHeading } from './ConnectionRow.js';
import type { SidebarRow, SidebarRows } from './connection-rows.js';

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

export interface ConnectionListHandle {
  /** Scrolls the nth connection (headings not counted) into view and focuses it. */
  focusConnection(ordinal: number): void;
}

const rowSelector = (index: number) => `[data-index="${index}"]`;

/**
 * Where a key pressed on the connection at `ordinal` moves the focus: another ordinal, out of the
 * list at the top ('leave-top'), or nowhere we handle (undefined: the browser does its default).
 */
function keyTarget(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  ordinal: number,
  last: number,
  isRendered: (ordinal: number) => boolean,
): number | 'leave-top' | undefined {
  switch (event.key) {
    case 'ArrowDown':
      return Math.min(ordinal + 1, last);
    case 'ArrowUp':
      return ordinal === 0 ? 'leave-top' : ordinal - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'Tab': {
      // The browser moves to the next rendered button; step in only when the neighbour is
      // not rendered yet (the edge of a windowed list).
      const neighbour = ordinal + (event.shiftKey ? -1 : 1);
      if (neighbour < 0 || neighbour > last || isRendered(neighbour)) return undefined;
      return neighbour;
    }
    default:
      return undefined;
  }
}

/**
 * Rendered rows, wrapped per org in a labelled group (a heading scrolled out of view must not
 * take its group's name with it, hence aria-label rather than aria-labelledby).
 */
function segmentsOf(rows: readonly SidebarRow[], indexes: readonly number[]) {
  const segments: Array<{ group: number; indexes: number[] }> = [];
  for (const index of indexes) {
    const group = rows[index]!.group;
    const current = segments[segments.length - 1];
    if (current?.group === group) current.indexes.push(index);
    else segments.push({ group, indexes: [index] });
  }
  return segments;
}

/** One row of the list (an org heading or a connection), placed at `start` when windowed. */
function ListRow({
  row,
  index,
  start,
  measure,
  selectedId,
  onSelect,
}: {
  row: SidebarRow;
  index: number;
  start: number | undefined;
  measure: ((element: HTMLDivElement | null) => void) | undefined;
  selectedId: string | null;
  onSelect(connection: ConnectionView): void;
}) {
  return (
    <div
      data-index={index}
      ref={measure}
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
}

/**
 * Brings the selected connection into view when the selection changes (a connection picked in
 * the overview, or just made by the wizard, may be far down the list).
 */
function useRevealSelected({
  selectedId,
  rowByKey,
  windowed,
  scrollElement,
  containerRef,
  virtualizer,
}: {
  selectedId: string | null;
  rowByKey: SidebarRows['rowByKey'];
  windowed: boolean;
  scrollElement: HTMLDivElement | null;
  containerRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
}) {
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
  }, [selectedId, selectedRow, windowed, scrollElement, containerRef, virtualizer]);
}

/** The windowing of the rows; the focused row (if any) is always among those rendered. */
function useRowVirtualizer(
  rows: readonly SidebarRow[],
  windowed: boolean,
  scrollElement: HTMLDivElement | null,
  focusedRow: number,
) {
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusedRow < 0 || focusedRow >= range.count || indexes.includes(focusedRow))
        return indexes;
      return [...indexes, focusedRow].sort((a, b) => a - b);
    },
    [focusedRow],
  );

  return useVirtualizer<HTMLDivElement, HTMLDivElement>({
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
}

/**
 * Moves the focus to a row's button, scrolling a windowed list to it first when it is not
 * rendered yet (it is focused once it is).
 */
function useRowFocus(
  containerRef: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>,
) {
  const rowElement = useCallback(
    (index: number) => containerRef.current?.querySelector<HTMLElement>(rowSelector(index)) ?? null,
    [containerRef],
  );
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
    [rowElement, virtualizer],
  );
  useLayoutEffect(() => {
    if (pendingFocus.current !== null && rowElement(pendingFocus.current)) {
      focusRow(pendingFocus.current);
    }
  });
  return { rowElement, focusRow };
}

export function ConnectionList({
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
  const virtualizer = useRowVirtualizer(rows, windowed, scrollElement, focusedRow);

  const { rowElement, focusRow } = useRowFocus(containerRef, virtualizer);

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

  useRevealSelected({ selectedId, rowByKey, windowed, scrollElement, containerRef, virtualizer });

  const rowOf = (target: EventTarget | null): SidebarRow | undefined => {
    const element = target instanceof HTMLElement ? target.closest('[data-index]') : null;
    return element ? rows[Number(element.getAttribute('data-index'))] : undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!(event.target instanceof HTMLButtonElement)) return;
    const row = rowOf(event.target);
    if (row?.kind !== 'connection') return;
    const next = keyTarget(event, row.ordinal, connectionRows.length - 1, (ordinal) =>
      Boolean(rowElement(connectionRows[ordinal]!)),
    );
    if (next === undefined) return;
    event.preventDefault();
    if (next === 'leave-top') onLeaveTop();
    else focusRow(connectionRows[next]!);
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) =>
    setFocusedKey(rowOf(event.target)?.key ?? null);
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!containerRef.current?.contains(event.relatedTarget as Node | null)) setFocusedKey(null);
  };

  const items = windowed ? virtualizer.getVirtualItems() : null;
  const indexes = items ? items.map((item) => item.index) : rows.map((_, index) => index);

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
      {segmentsOf(rows, indexes).map((segment) => (
        <div
          key={`${segment.group}:${groupLabels[segment.group]}`}
          role="group"
          aria-label={groupLabels[segment.group]}
        >
          {segment.indexes.map((index) => (
            <ListRow
              key={rows[index]!.key}
              row={rows[index]!}
              index={index}
              start={starts.get(index)}
              measure={windowed ? virtualizer.measureElement : undefined}
              selectedId={selectedId}
              onSelect={onSelect}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
