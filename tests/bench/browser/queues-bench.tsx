import '@mantine/core/styles.css';
import type { Comment } from '../../../src/shared/domain/comment';
import { createDataset } from '../../../src/shared/domain/generator/dataset';
import { formatTicketNumber, type Ticket } from '../../../src/shared/domain/ticket';
import type { UserId } from '../../../src/shared/ids';
import { derivedSlaOf } from '../../../src/renderer/db/derived-sla';
import { journalDbName } from '../../../src/renderer/sync/journal';
import { toQueueRow, type QueueRow } from '../../../src/renderer/features/queues/row-model';
import { SNAPSHOT_KEY } from '../../../src/renderer/features/queues/row-snapshot';
import { createRowStore } from '../../../src/renderer/features/queues/row-store';
import {
  countViews,
  emptyFilters,
  rowsToScan,
  selectRows,
  type ViewBase,
  type ViewFilters,
  type ViewSort,
} from '../../../src/renderer/features/queues/views';
import { median } from '../lib/figures';
import type { PaintResult, QueuesBenchApi, ScrollResult } from '../lib/queues-bench-api';
import {
  dropHeldTickets,
  editVisible,
  holdAllTickets,
  naiveEditVisible,
  startSearch,
  stopSearch,
} from './queues-bench-edit';
import {
  frame,
  heapMb,
  incidentsAll,
  LiveGrid,
  mount,
  naiveQueueRows,
  naiveRead,
  NOW,
  openDb,
  page,
  painted,
  queueView,
  rerender,
  StaticGrid,
  viewContext,
} from './queues-bench-page';

/**
 * The queue views in Chromium over a generated data set in the app's
 * IndexedDB store (derived SLA fields kept by the app's middleware): the
 * app's row store and views rendering the app's grid, next to a naive
 * full-table read + Array.sort rendering the same grid. Local edits and the
 * heap with the search index: queues-bench-edit.tsx.
 */
const CHUNK = 1000;

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
            <td>
              {r.assigneeId === null ? 'Unassigned' : page.users.get(r.assigneeId)?.displayName}
            </td>
            <td>{r.slaDueAt === null ? '—' : new Date(r.slaDueAt).toLocaleString()}</td>
            <td>{new Date(r.updatedAt).toLocaleDateString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const deleteDb = (name: string) =>
  new Promise<void>((done, fail) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => done();
    r.onerror = () => fail(r.error);
    r.onblocked = () => done();
  });

const load: QueuesBenchApi['load'] = async (n, seed) => {
  const started = performance.now();
  page.root?.unmount();
  page.root = null;
  page.db?.close();
  const probe = openDb();
  const name = probe.name;
  probe.close();
  await deleteDb(name);
  await deleteDb(journalDbName(name));
  page.db = openDb();
  await page.db.open();
  const data = createDataset({ seed, tickets: n, nowMs: NOW });
  await page.db.calendars.bulkPut(data.calendars);
  await page.db.slas.bulkPut([...data.slaDefinitions]);
  await page.db.hubSettings.put({ id: 'domain', value: data.settings });
  await page.db.queues.bulkPut(data.queues);
  await page.db.users.bulkPut([...data.agents, ...data.requesters]);
  page.users = new Map([...data.agents, ...data.requesters].map((u) => [u.id, u]));
  await derivedSlaOf(page.db)!.idle();
  const counters: Record<string, number> = {};
  const perQueue = new Map<string, number>();
  const perAssignee = new Map<string, number>();
  let batch: Ticket[] = [];
  let comments: Comment[] = [];
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
    // Comments too: the search index built later covers them, as in the app.
    comments.push(...g.comments);
    if (batch.length >= CHUNK) {
      await page.db.tickets.bulkPut(batch);
      await page.db.comments.bulkPut(comments);
      total += batch.length;
      batch = [];
      comments = [];
    }
  }
  await page.db.tickets.bulkPut(batch);
  await page.db.comments.bulkPut(comments);
  total += batch.length;
  const busiest = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1])[0];
  page.queueId = busiest(perQueue)?.[0] ?? data.queues[0]!.id;
  page.me = (busiest(perAssignee)?.[0] ?? data.agents[0]!.id) as UserId;
  // The store the app would have built while these arrived, saved as its snapshot.
  page.store = createRowStore(page.db, { saveDelayMs: 3_600_000 });
  await page.store.loaded('all');
  await page.store.save();
  const scrollRows = selectRows(
    page.store.rows.values(),
    incidentsAll().base,
    incidentsAll().filters,
    incidentsAll().sort,
    viewContext(),
  ).length;
  return {
    tickets: total,
    open,
    ms: performance.now() - started,
    queueId: page.queueId,
    openInQueue: perQueue.get(page.queueId) ?? 0,
    scrollRows,
  };
};

const coldOpen: QueuesBenchApi['coldOpen'] = async (withSnapshot) => {
  page.root?.unmount();
  page.root = null;
  page.db!.close();
  if (!withSnapshot) {
    const raw = openDb();
    await raw.localCache.delete(SNAPSHOT_KEY);
    raw.close();
  }
  const started = performance.now();
  page.db = openDb();
  page.store = createRowStore(page.db, { saveDelayMs: 3_600_000 });
  const view = queueView();
  mount(<LiveGrid s={page.store} view={view} />);
  await page.store.loaded('open');
  const storeMs = performance.now() - started;
  const rows = selectRows(
    page.store.rows.values(),
    view.base,
    view.filters,
    view.sort,
    viewContext(),
  ).length;
  const count = await painted(Math.min(50, rows));
  const ms = performance.now() - started;
  await page.store.loaded('all');
  if (!withSnapshot) await page.store.save();
  return { ms, storeMs, rows, painted: count };
};

/**
 * An empty screen, committed: React renders `null` in a task of its own, and
 * a clock started before that task ran timed an update of the old grid (a
 * few milliseconds) instead of a new one. Waits until no row is left.
 */
const cleared = async () => {
  if (!page.root) mount(null);
  rerender(null);
  while (document.querySelector('[data-testid="queue-row"]')) await frame();
  await frame();
};

/**
 * Opening a queue while the app runs: the shell (React root, MantineProvider)
 * is up and the store loaded; the screen switches from nothing to the grid.
 */
const warmOpen: QueuesBenchApi['warmOpen'] = async () => {
  await cleared();
  const view = queueView();
  // The view's size, for the note: counted before the clock starts (the
  // grid selects its rows itself; counting inside the timed span added a
  // second selection over all 100k rows to the figure).
  const rows = selectRows(
    page.store!.rows.values(),
    view.base,
    view.filters,
    view.sort,
    viewContext(),
  ).length;
  const started = performance.now();
  rerender(<LiveGrid s={page.store!} view={view} />);
  const count = await painted(Math.min(50, rows));
  return { ms: performance.now() - started, rows, painted: count };
};

const naiveOpen: QueuesBenchApi['naiveOpen'] = async (): Promise<PaintResult> => {
  await cleared();
  const started = performance.now();
  const rows = await naiveQueueRows();
  rerender(<StaticGrid rows={rows} />);
  const count = await painted(Math.min(50, rows.length));
  return { ms: performance.now() - started, rows: rows.length, painted: count };
};

const filterSort: QueuesBenchApi['filterSort'] = async () => {
  const c = viewContext();
  /** The app's selection: through the open rows where the view shows open tickets only. */
  const select = (base: ViewBase, filters: ViewFilters, sort: ViewSort) =>
    selectRows(rowsToScan(page.store!, base, filters.openOnly), base, filters, sort, c);
  const inc: ViewBase = { kind: 'type', type: 'incident' };
  const all = { ...emptyFilters, openOnly: false };
  /** `budgeted`: a view PERFORMANCE.md's filter/sort budget names (state, priority, assignee, SLA due). */
  const variants: {
    name: string;
    budgeted: boolean;
    run: () => unknown;
    naive?: () => Promise<unknown>;
  }[] = [
    {
      name: 'queue, open, by SLA due',
      budgeted: true,
      run: () =>
        select({ kind: 'queue', queueId: page.queueId }, emptyFilters, { key: 'sla', dir: 'asc' }),
    },
    {
      name: 'all incidents by updated',
      budgeted: false,
      run: () => select(inc, all, { key: 'updated', dir: 'desc' }),
      naive: () => naiveRead((t) => t.type === 'incident', { key: 'updated', dir: 'desc' }),
    },
    {
      name: 'all incidents by title',
      budgeted: false,
      run: () => select(inc, all, { key: 'title', dir: 'asc' }),
    },
    {
      name: 'all incidents, P1+P2, closed, by assignee',
      budgeted: true,
      run: () =>
        select(
          inc,
          { ...all, priorities: [1, 2], states: ['closed'] },
          { key: 'assignee', dir: 'asc' },
        ),
    },
    {
      name: 'all incidents, SLA breached, by priority',
      budgeted: true,
      run: () => select(inc, { ...all, sla: ['breached'] }, { key: 'priority', dir: 'asc' }),
    },
    {
      name: 'all incidents, text "vpn"',
      budgeted: false,
      run: () => select(inc, { ...all, text: 'vpn' }, { key: 'sla', dir: 'asc' }),
    },
    {
      name: 'my work, all, by state',
      budgeted: true,
      run: () => select({ kind: 'mine' }, all, { key: 'state', dir: 'asc' }),
      naive: () => naiveRead((t) => t.assigneeId === page.me, { key: 'state', dir: 'asc' }),
    },
    {
      name: 'breaching soon',
      budgeted: true,
      run: () => select({ kind: 'breaching' }, emptyFilters, { key: 'sla', dir: 'asc' }),
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
  // The sidebar's counts, recounted after each change to the rows: as the
  // app counts (the open rows) and over every row (as it counted before).
  const countMs = (rows: () => Iterable<QueueRow>) => {
    const ms: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      countViews(rows(), c);
      ms.push(performance.now() - t);
    }
    return median(ms);
  };
  return {
    names: variants.map((v) => v.name),
    budgeted: variants.map((v) => v.budgeted),
    times,
    naiveTimes,
    counts: {
      openMs: countMs(() => page.store!.openRows.values()),
      allMs: countMs(() => page.store!.rows.values()),
      openRows: page.store!.openRows.size,
      allRows: page.store!.rows.size,
    },
  };
};

const scroll: QueuesBenchApi['scroll'] = async (virtualised, limit): Promise<ScrollResult> => {
  mount(null);
  await frame();
  const view = incidentsAll();
  const rows = selectRows(
    page.store!.rows.values(),
    view.base,
    view.filters,
    view.sort,
    viewContext(),
  ).slice(0, limit ?? Infinity);
  mount(virtualised ? <StaticGrid rows={rows} sort={view.sort} /> : <PlainTable rows={rows} />);
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

/** The app's grid with no rows: the page's code and chrome without data (the heap baseline). */
const emptyGrid: QueuesBenchApi['emptyGrid'] = async () => {
  mount(<StaticGrid rows={[]} />);
  await frame();
};

const saveSnapshot: QueuesBenchApi['saveSnapshot'] = async () => {
  await page.db!.tickets.put({ ...(await page.db!.tickets.toCollection().first())! });
  const t = performance.now();
  await page.store!.save();
  return { ms: performance.now() - t };
};

const api: QueuesBenchApi = {
  load,
  coldOpen,
  warmOpen,
  naiveOpen,
  filterSort,
  scroll,
  editVisible,
  naiveEditVisible,
  saveSnapshot,
  heapMb,
  emptyGrid,
  holdAllTickets,
  dropHeldTickets,
  startSearch,
  stopSearch,
};
(globalThis as unknown as { queuesBench: QueuesBenchApi }).queuesBench = api;
document.title = 'Outpost queues benchmark (ready)';
