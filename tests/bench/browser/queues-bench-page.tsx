import { MantineProvider } from '@mantine/core';
import { useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { User } from '../../../src/shared/domain/accounts';
import type { Actor } from '../../../src/shared/domain/actor';
import type { Ticket } from '../../../src/shared/domain/ticket';
import type { QueueId, UserId } from '../../../src/shared/ids';
import { openOutpostDb, type OutpostDb } from '../../../src/renderer/db/database';
import { QueueGrid } from '../../../src/renderer/features/queues/queue-grid';
import { toQueueRow, type QueueRow } from '../../../src/renderer/features/queues/row-model';
import type { QueueRowStore } from '../../../src/renderer/features/queues/row-store';
import { ViewSelection } from '../../../src/renderer/features/queues/view-selection';
import {
  emptyFilters,
  sortRows,
  type ViewBase,
  type ViewContext,
  type ViewFilters,
  type ViewSort,
} from '../../../src/renderer/features/queues/views';

/**
 * What the queues benchmark page's phases share (queues-bench.tsx and
 * queues-bench-edit.tsx): the open store, the row store, the queue under
 * test, and the grids they render (the app's QueueGrid, live on the row
 * store, or static on rows a naive read produced).
 */
export const HUB = 'https://bench.invalid';
export const USER = 'bench-user';
/** The generated data set's "present"; the views and the SLA fields are computed at it. */
export const NOW = Date.UTC(2026, 0, 5, 12);

export const page: {
  db: OutpostDb | null;
  store: QueueRowStore | null;
  /** The busiest queue (the one the views open) and its busiest assignee ("me"). */
  queueId: string;
  me: UserId;
  users: Map<string, User>;
  root: Root | null;
} = { db: null, store: null, queueId: '', me: '' as UserId, users: new Map(), root: null };

export const actor = (): Actor => ({
  userId: page.me,
  roles: ['admin'],
  queueIds: [page.queueId as QueueId],
});
export const viewContext = (): ViewContext => ({
  actor: actor(),
  now: NOW,
  nameOf: (id) => page.users.get(id)?.displayName ?? '',
});

export interface View {
  base: ViewBase;
  filters: ViewFilters;
  sort: ViewSort;
}
export const queueView = (): View => ({
  base: { kind: 'queue', queueId: page.queueId },
  filters: emptyFilters,
  sort: { key: 'sla', dir: 'asc' },
});
export const incidentsAll = (): View => ({
  base: { kind: 'type', type: 'incident' },
  filters: { ...emptyFilters, openOnly: false },
  sort: { key: 'number', dir: 'asc' },
});

/** The app's store (openOutpostDb: derived SLA fields on every ticket write), at the data set's "now". */
export const openDb = () => openOutpostDb(HUB, USER, undefined, { now: () => NOW });

export const frame = () => new Promise<number>((r) => requestAnimationFrame((t) => r(t)));

/** The next task: posted from a rAF callback, it runs once that frame has been painted. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => resolve();
    c.port2.postMessage(null);
  });

/**
 * Resolves once a frame has been drawn with `want` rows in the DOM: the
 * rows are checked in each frame's rAF callback (before that frame paints),
 * and the first frame that has them is waited out.
 */
export const painted = async (want: number): Promise<number> => {
  for (;;) {
    await frame();
    const n = document.querySelectorAll('[data-testid="queue-row"]').length;
    if (n >= want) {
      await nextTask();
      return n;
    }
  }
};

export const LiveGrid = (props: { s: QueueRowStore; view: View }) => {
  const v = useSyncExternalStore(props.s.subscribe, props.s.view);
  const { base, filters, sort } = props.view;
  const ready = v.status.loaded === 'all' || (v.status.loaded === 'open' && filters.openOnly);
  // As the app's queue page selects: patched after an edit, in full otherwise.
  const [selection] = useState(() => new ViewSelection());
  const [ctx] = useState(viewContext);
  const rows = useMemo(
    () => (ready ? selection.rows(props.s, v.version, base, filters, sort, ctx) : []),
    [v.version, ready, base, filters, sort, props.s, selection, ctx],
  );
  return <StaticGrid rows={rows} sort={sort} placeholder={ready ? 'empty' : 'loading'} />;
};

/** The app's queue grid over `rows`, with nothing to do on clicks and keys. */
export const StaticGrid = ({
  rows,
  sort = { key: 'sla', dir: 'asc' },
  placeholder = 'empty',
}: {
  rows: QueueRow[];
  sort?: ViewSort;
  placeholder?: 'empty' | 'loading';
}) => {
  const grid = useRef<HTMLDivElement>(null);
  return (
    <QueueGrid
      label="Bench queue"
      rows={rows}
      now={NOW}
      users={page.users}
      sort={sort}
      onSort={() => undefined}
      selectedId={null}
      onSelect={() => undefined}
      onOpen={() => undefined}
      onClearSelection={() => undefined}
      initialScrollTop={0}
      onScrolled={() => undefined}
      gridRef={grid}
      placeholder={placeholder}
    />
  );
};

/** A fresh React root showing `node` (the previous one unmounted). */
export const mount = (node: ReactNode) => {
  page.root?.unmount();
  page.root = createRoot(document.getElementById('root')!);
  page.root.render(<MantineProvider>{node}</MantineProvider>);
};

/** The same root re-rendered with `node` (React reconciles, as a screen's state update does). */
export const rerender = (node: ReactNode) => {
  page.root!.render(<MantineProvider>{node}</MantineProvider>);
};

/** What a list without a row model does: read every ticket, filter, sort. */
export const naiveRead = async (pick: (t: Ticket) => boolean, sort: ViewSort) => {
  const all = (await page.db!.tickets.toArray()) as Ticket[];
  const rows = all.filter(pick).map(toQueueRow);
  return sortRows(rows, sort, viewContext());
};

const finished = new Set(['resolved', 'fulfilled', 'closed', 'cancelled', 'rejected']);
/** The naive read of the queue view: the open tickets of the queue, by SLA due. */
export const naiveQueueRows = () =>
  naiveRead((t) => t.queueId === page.queueId && !finished.has(t.state), {
    key: 'sla',
    dir: 'asc',
  });

export const heapMb = async (): Promise<number> =>
  ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
    0) / 1e6;
