import { UnstyledButton } from '@mantine/core';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { User } from '../../../shared/domain/accounts';
import { hrefFor } from '../../app/router';
import { slaStateAt } from '../../db/derived-sla-fields';
import { SharedTip } from '../../ui/shared-tip';
import { PriorityBadge, SlaBadge, StateBadge, TicketBadge } from '../../ui/ticket-badges';
import { formatRelative } from '../../ui/time-format';
import type { QueueRow } from './row-model';
import type { SortKey, ViewSort } from './views';
import './queues.css';

/**
 * The ticket list of a queue view: a keyboard-driven ARIA grid whose body is
 * virtualised, so 100k rows cost what the ~20 visible ones cost. One tab
 * stop; the selected row is the grid's active descendant.
 */
export const ROW_HEIGHT = 44;

/**
 * Fixed widths fit the longest badge each column can show ("P3 Moderate",
 * "Root Cause Analysis", "Overdue 999d 23h") in DejaVu Sans, the widest of
 * the fallback fonts (Linux), plus the cell padding; queue-grid.test.ts
 * holds the measured widths. The title takes what is left: at 1440 px with
 * the navigation open that is still about 230 px.
 */
export const columns: { key: SortKey; label: string; width: number | 'fill' }[] = [
  { key: 'number', label: 'Number', width: 128 },
  { key: 'title', label: 'Title', width: 'fill' },
  { key: 'priority', label: 'Priority', width: 136 },
  { key: 'state', label: 'State', width: 184 },
  { key: 'assignee', label: 'Assignee', width: 160 },
  { key: 'sla', label: 'SLA due', width: 168 },
  { key: 'updated', label: 'Updated', width: 118 },
];

export const TITLE_MIN_WIDTH = 220;

/**
 * The column widths as CSS variables (--qc-1 … --qc-7) on the grid, read by
 * the header, the rows and the loading skeleton (queues.css). Rows are flex
 * boxes, not CSS grids: grid layout of every row was the largest share of
 * painting a queue.
 */
export const columnVars = Object.fromEntries(
  columns.map((c, i) => [`--qc-${i + 1}`, `${c.width === 'fill' ? TITLE_MIN_WIDTH : c.width}px`]),
) as CSSProperties;

export const rowDomId = (id: string) => `queue-row-${id}`;

/** Rows to lay out before the list has a measured height (not yet laid out, or no layout engine). */
const UNMEASURED_HEIGHT = 20 * ROW_HEIGHT;

/**
 * The body is as tall as its rows, up to the window less the page around it
 * (header, toolbar), and never less than BODY_MIN: the one place that says
 * so (the body's max-height), which also sizes the first render.
 */
const BODY_MIN = 320;
const PAGE_AROUND_BODY = 300;
const bodyMaxHeight = `max(${BODY_MIN}px, calc(100dvh - ${PAGE_AROUND_BODY}px))`;

/**
 * Rows rendered beyond each edge of the window. Every row of a fast flick
 * is new each frame, so each overscan row is one more row rendered, styled,
 * laid out and painted per frame: 8 were almost half of a 1080p window's
 * rows. 4 rows (176 px) still cover a wheel notch or an arrow key.
 */
export const OVERSCAN = 4;

/**
 * Rows are keyed by slot (index modulo the most rows the window can hold),
 * not by ticket, and rendered in slot order: a row scrolled out hands its
 * DOM nodes and fibers to the row scrolled in, which changes only their text
 * and attributes, and no node moves. Keyed by ticket, a fast scroll created
 * and dropped some 600 DOM nodes a frame; in index order, React moved the
 * recycled nodes, which restyled them as if new. Measured on a 20k-row
 * scroll with 100k rows in memory (Chromium trace): paint 40 % less, layout
 * and script a fifth to a third less, and fewer of the major GCs (V8 and
 * Blink's heap together) whose pauses made the long tasks. Rows are absolutely placed,
 * so the order of the DOM is not what the eye sees; aria-rowindex tells
 * assistive technology each row's place. A contiguous range of at most
 * `slots` indices has distinct residues, so keys stay unique.
 */
export const slotCount = (viewportHeight: number, rendered: number): number =>
  Math.max(rendered, Math.ceil(viewportHeight / ROW_HEIGHT) + 1 + 2 * OVERSCAN);

const SortMark = ({ dir }: { dir: 'asc' | 'desc' | null }) => (
  <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
    <path d="M5 1 8.5 4.5h-7z" fill={dir === 'asc' ? 'currentColor' : '#c3c8cf'} />
    <path d="M5 9 1.5 5.5h7z" fill={dir === 'desc' ? 'currentColor' : '#c3c8cf'} />
  </svg>
);

const SlaCell = ({ row, now }: { row: QueueRow; now: number }) => {
  const state = slaStateAt(row, now);
  if (row.slaPhase === 'stopped' && state === 'breached') {
    return (
      <TicketBadge color="red" variant="light">
        Missed
      </TicketBadge>
    );
  }
  // A clock paused after it breached is still overdue since then.
  const dueAt = row.slaDueAt ?? (state === 'breached' ? row.slaBreachAt : null);
  return <SlaBadge state={state} dueAt={dueAt} now={now} label="Resolution due" tip="attribute" />;
};

interface RowProps {
  row: QueueRow;
  index: number;
  start: number;
  selected: boolean;
  now: number;
  assignee: string | null;
  onPick: (id: string, open: boolean) => void;
}

const Row = memo(function Row({ row, index, start, selected, now, assignee, onPick }: RowProps) {
  return (
    <div
      role="row"
      id={rowDomId(row.id)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className="queue-row"
      data-selected={selected || undefined}
      data-testid="queue-row"
      style={{ transform: `translateY(${start}px)` }}
      onClick={(e) => onPick(row.id, !(e.metaKey || e.ctrlKey))}
    >
      <div role="gridcell" className="queue-cell queue-number">
        <a href={hrefFor(`/tickets/${row.id}`)} tabIndex={-1} onClick={(e) => e.preventDefault()}>
          {row.label}
        </a>
      </div>
      <div role="gridcell" className="queue-cell queue-title" title={row.title}>
        {row.title}
      </div>
      <div role="gridcell" className="queue-cell">
        <PriorityBadge priority={row.priority} />
      </div>
      <div role="gridcell" className="queue-cell">
        <StateBadge state={row.state} />
      </div>
      <div role="gridcell" className="queue-cell queue-assignee">
        {assignee ?? <span className="queue-dimmed">Unassigned</span>}
      </div>
      <div role="gridcell" className="queue-cell">
        <SlaCell row={row} now={now} />
      </div>
      <div role="gridcell" className="queue-cell">
        <span className="queue-dimmed" data-tip-at={row.updatedAt}>
          {formatRelative(row.updatedAt, now)}
        </span>
      </div>
    </div>
  );
});

export interface QueueGridProps {
  label: string;
  rows: readonly QueueRow[];
  now: number;
  users: ReadonlyMap<string, User>;
  sort: ViewSort;
  onSort: (key: SortKey) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onClearSelection: () => void;
  initialScrollTop: number;
  onScrolled: (top: number) => void;
  gridRef: RefObject<HTMLDivElement | null>;
  /** Shown in place of the rows when there are none (loading, empty, error). */
  placeholder: ReactNode;
}

export const QueueGrid = (props: QueueGridProps) => {
  const { rows, selectedId, onSelect, onOpen } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  // Stable across renders so memoised rows only re-render when their own data
  // changes, and the virtualizer's options need not change with the callbacks.
  const latest = useRef({ onSelect, onOpen, onScrolled: props.onScrolled });
  useEffect(() => {
    latest.current = { onSelect, onOpen, onScrolled: props.onScrolled };
  });
  // The virtualizer is mutable by design; this component re-renders with it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialOffset: props.initialScrollTop,
    // The offset the virtualizer read before it re-rendered: reading
    // scrollTop in a scroll listener of our own came after that render and
    // forced a layout inside every scroll event (a third of a fast scroll's
    // script time).
    onChange: (instance) => latest.current.onScrolled(instance.scrollOffset ?? 0),
    // The body's height when full (its max-height): rendering that many rows
    // at once spares a second render and layout when the real height
    // arrives, and rendering no more spares rows that would go again.
    initialRect: {
      width: 0,
      height:
        (globalThis.innerHeight ?? 0) > 0
          ? Math.max(BODY_MIN, globalThis.innerHeight - PAGE_AROUND_BODY)
          : UNMEASURED_HEIGHT,
    },
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { width: rect.width, height: UNMEASURED_HEIGHT }),
      ),
  });
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  const items = virtualizer.getVirtualItems();
  const slots = slotCount(virtualizer.scrollRect?.height ?? UNMEASURED_HEIGHT, items.length);
  const bySlot = items.toSorted((a, b) => (a.index % slots) - (b.index % slots));

  // Keep the selected row on screen (and rendered: it is the active descendant).
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (to: number) => {
    if (rows.length === 0) return;
    onSelect(rows[Math.max(0, Math.min(rows.length - 1, to))]!.id);
  };
  const page = Math.max(1, Math.floor((bodyRef.current?.clientHeight ?? 440) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = selectedIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at < 0 ? 0 : at - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => (at >= 0 ? onOpen(rows[at]!.id) : move(0)),
      Escape: () => props.onClearSelection(),
    };
    const run = keys[e.key];
    if (!run || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape' && at < 0) return;
    e.preventDefault();
    run();
  };

  const pick = useCallback((id: string, open: boolean) => {
    latest.current.onSelect(id);
    if (open) latest.current.onOpen(id);
  }, []);

  return (
    <div
      ref={props.gridRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedId!) : undefined}
      tabIndex={0}
      className="queue-grid"
      style={columnVars}
      data-testid="queue-grid"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="queue-head">
        <div role="row" aria-rowindex={1} className="queue-row queue-head-row">
          {columns.map((c) => {
            const dir = props.sort.key === c.key ? props.sort.dir : null;
            return (
              <div
                key={c.key}
                role="columnheader"
                className="queue-cell"
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              >
                <UnstyledButton
                  className="queue-sort"
                  onClick={() => props.onSort(c.key)}
                  aria-label={`Sort by ${c.label}`}
                >
                  {c.label}
                  <SortMark dir={dir} />
                </UnstyledButton>
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        ref={bodyRef}
        className="queue-body"
        data-testid="queue-body"
        style={{ maxHeight: bodyMaxHeight }}
      >
        {rows.length === 0 ? (
          <div role="row" aria-rowindex={2} className="queue-placeholder">
            <div role="gridcell" aria-colspan={columns.length} style={{ width: '100%' }}>
              {props.placeholder}
            </div>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {bySlot.map((v) => {
              const row = rows[v.index]!;
              return (
                <Row
                  key={v.index % slots}
                  row={row}
                  index={v.index}
                  start={v.start}
                  selected={row.id === selectedId}
                  now={props.now}
                  assignee={
                    row.assigneeId === null
                      ? null
                      : (props.users.get(row.assigneeId)?.displayName ?? 'Unknown user')
                  }
                  onPick={pick}
                />
              );
            })}
          </div>
        )}
      </div>
      <SharedTip within={bodyRef} />
    </div>
  );
};
