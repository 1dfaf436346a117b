import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useMemo, useRef, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { User } from '../../../src/shared/domain/accounts';
import type { Actor } from '../../../src/shared/domain/actor';
import { createDataset } from '../../../src/shared/domain/generator/dataset';
import { formatTicketNumber, type Ticket } from '../../../src/shared/domain/ticket';
import type { QueueId, UserId } from '../../../src/shared/ids';
import { openOutpostDb, type OutpostDb } from '../../../src/renderer/db/database';
import { derivedSlaOf } from '../../../src/renderer/db/derived-sla';
import { QueueGrid } from '../../../src/renderer/features/queues/queue-grid';
import { toQueueRow, type QueueRow } from '../../../src/renderer/features/queues/row-model';
import { SNAPSHOT_KEY } from '../../../src/renderer/features/queues/row-snapshot';
import {
  createRowStore,
  type QueueRowStore,
} from '../../../src/renderer/features/queues/row-store';
import {
  emptyFilters,
  selectRows,
  sortRows,
  type ViewBase,
  type ViewContext,
  type ViewFilters,
  type ViewSort,
} from '../../../src/renderer/features/queues/views';
import type { PaintResult, QueuesBenchApi, ScrollResult } from '../lib/queues-bench-api';

/**
 * The queue views in Chromium over a generated data set in the app's
 * IndexedDB store (derived SLA fields kept by the app's middleware): the
 * app's row store and views rendering the app's grid, next to a naive
 * full-table read + Array.sort rendering the same grid.
 */
const HUB = 'https://bench.invalid';
const USER = 'bench-user';
const NOW = Date.UTC(2026, 0, 5, 12);
const CHUNK = 1000;

let db: OutpostDb | null = null;
let store: QueueRowStore | null = null;
let queueId = '';
let me = '' as UserId;
let users = new Map<string, User>();
let root: Root | null = null;

const actor = (): Actor => ({ userId: me, roles: ['admin'], queueIds: [queueId as QueueId] });
const ctx = (): ViewContext => ({
  actor: actor(),
  now: NOW,
  nameOf: (id) => users.get(id)?.displayName ?? '',
});
const queueView = (): { base: ViewBase; filters: ViewFilters; sort: ViewSort } => ({
  base: { kind: 'queue', queueId },
  filters: emptyFilters,
  sort: { key: 'sla', dir: 'asc' },
});
const incidentsAll = (): { base: ViewBase; filters: ViewFilters; sort: ViewSort } => ({
  base: { kind: 'type', type: 'incident' },
  filters: { ...emptyFilters, openOnly: false },
  sort: { key: 'number', dir: 'asc' },
});

const openDb = () => openOutpostDb(HUB, USER, undefined, { now: () => NOW });

const frame = () => new Promise<number>((r) => requestAnimationFrame((t) => r(t)));
/** Resolves once `want` rows are in the DOM and a frame has been drawn with them. */
const painted = async (want: number): Promise<number> => {
  for (;;) {
    const n = document.querySelectorAll('[data-testid="queue-row"]').length;
    if (n >= want) {
      await frame();
      return n;
    }
    await frame();
  }
};

const LiveGrid = (props: {
  s: QueueRowStore;
  view: { base: ViewBase; filters: ViewFilters; sort: ViewSort };
}) => {
  const v = useSyncExternalStore(props.s.subscribe, props.s.view);
  const { base, filters, sort } = props.view;
  const ready = v.status.loaded === 'all' || (v.status.loaded === 'open' && filters.openOnly);
  const rows = useMemo(
    () => (ready ? selectRows(props.s.rows.values(), base, filters, sort, ctx()) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [v.version, ready, base, filters, sort, props.s],
  );
  const grid = useRef<HTMLDivElement>(null);
  return (
    <QueueGrid
      label="Bench queue"
      rows={rows}
      now={NOW}
      users={users}
      sort={sort}
      onSort={() => undefined}
      selectedId={null}
      onSelect={() => undefined}
      onOpen={() => undefined}
      onClearSelection={() => undefined}
      initialScrollTop={0}
      onScrolled={() => undefined}
      gridRef={grid}
      placeholder={ready ? 'empty' : 'loading'}
    />
  );
};

const StaticGrid = ({ rows }: { rows: QueueRow[] }) => {
  const grid = useRef<HTMLDivElement>(null);
  return (
    <QueueGrid
      label="Bench queue"
      rows={rows}
      now={NOW}
      users={users}
      sort={{ key: 'sla', dir: 'asc' }}
      onSort={() => undefined}
      selectedId={null}
      onSelect={() => undefined}
      onOpen={() => undefined}
      onClearSelection={() => undefined}
      initialScrollTop={0}
      onScrolled={() => undefined}
      gridRef={grid}
      placeholder="empty"
    />
  );
};

/** Every row as plain table rows: what a list without virtualisation renders. */
const PlainTable = ({ rows }: { rows: QueueRow[] }) => (
  <div data-testid="plain-body" style={{ height: 'calc(100vh - 300px)', overflow: 'auto' }}>
    <table>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="queue-row" style={{ height: 44 }}>
            <td>{r.label}</td>
            <td>{r.title}</td>
            <td>P{r.priority}</td>
            <td>{r.state}</td>
            <td>{r.assigneeId === null ? 'Unassigned' : users.get(r.assigneeId)?.displayName}</td>
            <td>{r.slaDueAt === null ? '—' : new Date(r.slaDueAt).toLocaleString()}</td>
            <td>{new Date(r.updatedAt).toLocaleDateString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const mount = (node: React.ReactNode) => {
  root?.unmount();
  root = createRoot(document.getElementById('root')!);
  root.render(<MantineProvider>{node}</MantineProvider>);
};

const deleteDb = (name: string) =>
  new Promise<void>((done, fail) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => done();
    r.onerror = () => fail(r.error);
    r.onblocked = () => done();
  });

const load: QueuesBenchApi['load'] = async (n, seed) => {
  const started = performance.now();
  root?.unmount();
  root = null;
  db?.close();
  const probe = openDb();
  const name = probe.name;
  probe.close();
  await deleteDb(name);
  db = openDb();
  await db.open();
  const data = createDataset({ seed, tickets: n, nowMs: NOW });
  await db.calendars.bulkPut(data.calendars);
  await db.slas.bulkPut([...data.slaDefinitions]);
  await db.hubSettings.put({ id: 'domain', value: data.settings });
  await db.queues.bulkPut(data.queues);
  await db.users.bulkPut([...data.agents, ...data.requesters]);
  users = new Map([...data.agents, ...data.requesters].map((u) => [u.id, u]));
  await derivedSlaOf(db)!.idle();
  const counters: Record<string, number> = {};
  const perQueue = new Map<string, number>();
  const perAssignee = new Map<string, number>();
  let batch: Ticket[] = [];
  let total = 0;
  let open = 0;
  for (const g of data.tickets()) {
    counters[g.ticket.type] = (counters[g.ticket.type] ?? 0) + 1;
    const t = { ...g.ticket, number: formatTicketNumber(g.ticket.type, counters[g.ticket.type]!) };
    const row = toQueueRow(t);
    if (row.open) {
      open++;
      perQueue.set(t.queueId, (perQueue.get(t.queueId) ?? 0) + 1);
      if (t.assigneeId) perAssignee.set(t.assigneeId, (perAssignee.get(t.assigneeId) ?? 0) + 1);
    }
    batch.push(t);
    if (batch.length >= CHUNK) {
      await db.tickets.bulkPut(batch);
      total += batch.length;
      batch = [];
    }
  }
  await db.tickets.bulkPut(batch);
  total += batch.length;
  const busiest = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1])[0];
  queueId = busiest(perQueue)?.[0] ?? data.queues[0]!.id;
  me = (busiest(perAssignee)?.[0] ?? data.agents[0]!.id) as UserId;
  // The store the app would have built while these arrived, saved as its snapshot.
  store = createRowStore(db, { saveDelayMs: 3_600_000 });
  await store.loaded('all');
  await store.save();
  const scrollRows = selectRows(
    store.rows.values(),
    incidentsAll().base,
    incidentsAll().filters,
    incidentsAll().sort,
    ctx(),
  ).length;
  return {
    tickets: total,
    open,
    ms: performance.now() - started,
    queueId,
    openInQueue: perQueue.get(queueId) ?? 0,
    scrollRows,
  };
};

const coldOpen: QueuesBenchApi['coldOpen'] = async (withSnapshot) => {
  root?.unmount();
  root = null;
  db!.close();
  if (!withSnapshot) {
    const raw = openDb();
    await raw.localCache.delete(SNAPSHOT_KEY);
    raw.close();
  }
  const started = performance.now();
  db = openDb();
  store = createRowStore(db, { saveDelayMs: 3_600_000 });
  const view = queueView();
  mount(<LiveGrid s={store} view={view} />);
  await store.loaded('open');
  const storeMs = performance.now() - started;
  const rows = selectRows(store.rows.values(), view.base, view.filters, view.sort, ctx()).length;
  const count = await painted(Math.min(50, rows));
  const ms = performance.now() - started;
  await store.loaded('all');
  if (!withSnapshot) await store.save();
  return { ms, storeMs, rows, painted: count };
};

const warmOpen: QueuesBenchApi['warmOpen'] = async () => {
  mount(null);
  await frame();
  const view = queueView();
  const started = performance.now();
  mount(<LiveGrid s={store!} view={view} />);
  const rows = selectRows(store!.rows.values(), view.base, view.filters, view.sort, ctx()).length;
  const count = await painted(Math.min(50, rows));
  return { ms: performance.now() - started, rows, painted: count };
};

/** What a list without a row model does: read every ticket, filter, sort, show. */
const naiveRead = async (pick: (t: Ticket) => boolean, sort: ViewSort) => {
  const all = (await db!.tickets.toArray()) as Ticket[];
  const rows = all.filter(pick).map(toQueueRow);
  return sortRows(rows, sort, ctx());
};

const naiveOpen: QueuesBenchApi['naiveOpen'] = async (): Promise<PaintResult> => {
  mount(null);
  await frame();
  const started = performance.now();
  const rows = await naiveRead(
    (t) =>
      t.queueId === queueId &&
      !['resolved', 'fulfilled', 'closed', 'cancelled', 'rejected'].includes(t.state),
    { key: 'sla', dir: 'asc' },
  );
  mount(<StaticGrid rows={rows} />);
  const count = await painted(Math.min(50, rows.length));
  return { ms: performance.now() - started, rows: rows.length, painted: count };
};

const filterSort: QueuesBenchApi['filterSort'] = async () => {
  const c = ctx();
  const inc: ViewBase = { kind: 'type', type: 'incident' };
  const all = { ...emptyFilters, openOnly: false };
  const variants: { name: string; run: () => unknown; naive?: () => Promise<unknown> }[] = [
    {
      name: 'queue, open, by SLA due',
      run: () =>
        selectRows(
          store!.rows.values(),
          { kind: 'queue', queueId },
          emptyFilters,
          { key: 'sla', dir: 'asc' },
          c,
        ),
    },
    {
      name: 'all incidents by updated',
      run: () => selectRows(store!.rows.values(), inc, all, { key: 'updated', dir: 'desc' }, c),
      naive: () => naiveRead((t) => t.type === 'incident', { key: 'updated', dir: 'desc' }),
    },
    {
      name: 'all incidents by title',
      run: () => selectRows(store!.rows.values(), inc, all, { key: 'title', dir: 'asc' }, c),
    },
    {
      name: 'all incidents, P1+P2, closed, by assignee',
      run: () =>
        selectRows(
          store!.rows.values(),
          inc,
          { ...all, priorities: [1, 2], states: ['closed'] },
          { key: 'assignee', dir: 'asc' },
          c,
        ),
    },
    {
      name: 'all incidents, SLA breached, by priority',
      run: () =>
        selectRows(
          store!.rows.values(),
          inc,
          { ...all, sla: ['breached'] },
          { key: 'priority', dir: 'asc' },
          c,
        ),
    },
    {
      name: 'all incidents, text "vpn"',
      run: () =>
        selectRows(
          store!.rows.values(),
          inc,
          { ...all, text: 'vpn' },
          { key: 'sla', dir: 'asc' },
          c,
        ),
    },
    {
      name: 'my work, all, by state',
      run: () =>
        selectRows(store!.rows.values(), { kind: 'mine' }, all, { key: 'state', dir: 'asc' }, c),
      naive: () => naiveRead((t) => t.assigneeId === me, { key: 'state', dir: 'asc' }),
    },
    {
      name: 'breaching soon',
      run: () =>
        selectRows(
          store!.rows.values(),
          { kind: 'breaching' },
          emptyFilters,
          { key: 'sla', dir: 'asc' },
          c,
        ),
    },
  ];
  const times: number[] = [];
  const naiveTimes: number[] = [];
  for (const v of variants) v.run(); // warm-up (JIT)
  for (const v of variants) {
    const t = performance.now();
    v.run();
    times.push(performance.now() - t);
  }
  for (const v of variants) {
    if (!v.naive) continue;
    const t = performance.now();
    await v.naive();
    naiveTimes.push(performance.now() - t);
  }
  return { names: variants.map((v) => v.name), times, naiveTimes };
};

const scroll: QueuesBenchApi['scroll'] = async (virtualised): Promise<ScrollResult> => {
  mount(null);
  await frame();
  const view = incidentsAll();
  const rows = selectRows(store!.rows.values(), view.base, view.filters, view.sort, ctx());
  mount(virtualised ? <LiveGrid s={store!} view={view} /> : <PlainTable rows={rows} />);
  await painted(Math.min(20, rows.length));
  const body = document.querySelector<HTMLElement>(
    virtualised ? '[data-testid="queue-body"]' : '[data-testid="plain-body"]',
  )!;
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const gaps: number[] = [];
  let last = await frame();
  // A fast flick: 30 rows a frame, top to bottom (or 1,200 frames).
  for (let i = 0; i < 1200 && body.scrollTop + body.clientHeight < body.scrollHeight - 1; i++) {
    body.scrollTop += 30 * 44;
    const t = await frame();
    gaps.push(t - last);
    last = t;
  }
  await frame();
  observer.disconnect();
  gaps.sort((a, b) => a - b);
  return {
    rows: rows.length,
    frames: gaps.length,
    longTasks: tasks.filter((d) => d > 50).length,
    longestTaskMs: Math.max(0, ...tasks),
    p95FrameMs: gaps[Math.min(gaps.length - 1, Math.ceil(gaps.length * 0.95) - 1)] ?? 0,
    maxFrameMs: gaps[gaps.length - 1] ?? 0,
  };
};

const editVisible: QueuesBenchApi['editVisible'] = async (samples) => {
  const view = queueView();
  mount(<LiveGrid s={store!} view={view} />);
  await painted(1);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const first = document.querySelector('[data-testid="queue-row"]')!;
    const id = first.id.replace('queue-row-', '');
    const t = (await db!.tickets.get(id))!;
    const title = `${t.title.replace(/ \(edit \d+\)$/, '')} (edit ${i})`;
    const started = performance.now();
    await db!.tickets.put({ ...t, title });
    for (;;) {
      const row = document.getElementById(`queue-row-${id}`);
      if (row?.textContent?.includes(title)) break;
      await new Promise((r) => setTimeout(r, 0));
    }
    times.push(performance.now() - started);
  }
  return times;
};

const saveSnapshot: QueuesBenchApi['saveSnapshot'] = async () => {
  await db!.tickets.put({ ...(await db!.tickets.toCollection().first())! });
  const t = performance.now();
  await store!.save();
  return { ms: performance.now() - t };
};

const heapMb: QueuesBenchApi['heapMb'] = async () =>
  ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
    0) / 1e6;

const api: QueuesBenchApi = {
  load,
  coldOpen,
  warmOpen,
  naiveOpen,
  filterSort,
  scroll,
  editVisible,
  saveSnapshot,
  heapMb,
};
(globalThis as unknown as { queuesBench: QueuesBenchApi }).queuesBench = api;
document.title = 'Outpost queues benchmark (ready)';
