import Dexie, { type IntervalTree, type ObservabilitySet } from 'dexie';
import type { OutpostDb } from '../../db/database';
import {
  allTicketIds,
  countTickets,
  eachTicketBatch,
  ticketsByIds,
  ticketsWrittenAfter,
} from '../../db/ticket-packs';
import { derivedSlaOf, type LocalTicket } from '../../db/derived-sla';
import { ChangeJournal } from './change-journal';
import { openStates, toQueueRow, type QueueRow } from './row-model';
import { decodeRows, encodeRows, SNAPSHOT_KEY } from './row-snapshot';
import type {
  LoadLevel,
  QueueRowStore,
  RowStoreOptions,
  RowStoreStatus,
  RowStoreView,
  Timers,
} from './row-store-types';

/**
 * Every local ticket as a compact QueueRow, in memory, kept current. All
 * queue views, filters, sorts and the sidebar counts read from here, so
 * none of them touches IndexedDB per render.
 *
 * Loading, cheapest first:
 *  1. the snapshot saved last time (one value) plus the rows written since
 *     (the `localSeq` index), then a count check that catches deletions;
 *  2. without a snapshot: the open tickets first (through the `openState`
 *     index: enough for every "open" view), then all the rest in chunks.
 * Changes arrive from the derived-SLA middleware for writes made through
 * this database object (values in hand, nothing re-read), and from Dexie's
 * storagemutated event for writes made elsewhere (another tab): those keys
 * are re-read. A local edit's preview (rows not committed yet) is shown at
 * once and kept out of snapshots; withdrawn, the row it replaced comes back.
 */
export type * from './row-store-types';

/**
 * How far back (in localSeq units: µs) to re-read on load, for writers in
 * another tab racing the snapshot (a seq taken before it, committed after).
 * A write transaction takes milliseconds to a second; 60 s made the first
 * start after a bootstrap (100k rows written in the last minute or two)
 * re-read most of them and paint later than with no snapshot at all.
 */
const SEQ_SLACK = 10 * 1_000_000;

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as number),
};

/** Visits the ranges of a storagemutated interval tree, in order. */
const walk = (
  node: IntervalTree | null | undefined,
  visit: (from: unknown, to: unknown) => void,
) => {
  if (!node || !('from' in node)) return;
  walk(node.l, visit);
  visit(node.from, node.to);
  walk(node.r, visit);
};

const stores = new WeakMap<OutpostDb, QueueRowStore>();

/** The one row store of a database object (created on first use). */
export const rowStoreFor = (db: OutpostDb, options?: RowStoreOptions): QueueRowStore => {
  let s = stores.get(db);
  if (!s) {
    s = createRowStore(db, options);
    stores.set(db, s);
  }
  return s;
};

export const createRowStore = (db: OutpostDb, options: RowStoreOptions = {}): QueueRowStore => {
  const chunk = options.chunk ?? 500;
  const timers = options.timers ?? browserTimers;
  const logError = options.onError ?? ((e: unknown) => console.error('queue rows:', e));
  // Signing out closes the database under a running load or save: nothing is lost then.
  const onError = (e: unknown) => {
    if (!(e instanceof Dexie.DatabaseClosedError)) logError(e);
  };
  const rows = new Map<string, QueueRow>();
  const openRows = new Map<string, QueueRow>();
  const journal = new ChangeJournal();
  const setRow = (row: QueueRow) => {
    rows.set(row.id, row);
    if (row.open) openRows.set(row.id, row);
    else openRows.delete(row.id);
    journal.note(row.id, version);
  };
  const dropRow = (id: string) => {
    openRows.delete(id);
    if (rows.delete(id)) journal.note(id, version);
  };
  let status: RowStoreStatus = { loaded: 'none', progress: null, error: null };
  let version = 0;
  let view: RowStoreView = { version, status };
  const listeners = new Set<() => void>();
  let notifyQueued = false;
  let generation = 0;
  let loading = false;
  /** Deleted while a load was reading: an older read must not bring them back. */
  const tombstones = new Set<string>();
  /** Rows shown from a local edit's preview, with the row each replaced. */
  const previews = new Map<string, { row: QueueRow; before: QueueRow | undefined }>();
  const waiters: { level: LoadLevel; resolve: () => void }[] = [];

  const notify = () => {
    version++;
    if (notifyQueued) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      view = { version, status };
      for (const l of listeners) l();
    });
  };

  const reached = (l: LoadLevel) =>
    status.error !== null || status.loaded === 'all' || (l === 'open' && status.loaded === 'open');
  const setStatus = (next: Partial<RowStoreStatus>) => {
    status = { ...status, ...next };
    notify();
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (reached(waiters[i]!.level)) waiters.splice(i, 1)[0]!.resolve();
    }
  };

  /** A newer write always wins over an older read of the same row. */
  const put = (row: QueueRow, fromRead: boolean): void => {
    const cur = rows.get(row.id);
    if (cur && cur.seq > row.seq) return;
    if (fromRead && tombstones.has(row.id)) return;
    setRow(row);
  };
  const remove = (id: string) => {
    dropRow(id);
    if (loading) tombstones.add(id);
  };

  // --- snapshot --------------------------------------------------------------
  let dirty = false;
  let saveTimer: unknown = null;
  let lastSaveMs = 0;
  const saveDelay = () => Math.max(options.saveDelayMs ?? 5_000, 20 * lastSaveMs);

  const save = async () => {
    if (status.loaded !== 'all' || !dirty || db.hasBeenClosed()) return;
    // A preview may yet be withdrawn: save once the edits in flight have ended.
    if (previews.size > 0) return scheduleSave();
    dirty = false;
    const started = performance.now();
    const value = encodeRows(rows.values(), rows.size);
    await db.localCache.put({ key: SNAPSHOT_KEY, value });
    lastSaveMs = performance.now() - started;
  };
  const scheduleSave = () => {
    dirty = true;
    if (saveTimer !== null || status.loaded !== 'all') return;
    saveTimer = timers.setTimeout(() => {
      saveTimer = null;
      save().catch(onError);
    }, saveDelay());
  };
  const changed = () => {
    notify();
    scheduleSave();
  };

  // --- loading ---------------------------------------------------------------
  const current = (gen: number) => gen === generation && !db.hasBeenClosed();

  const readKeys = async (
    keys: readonly string[],
    gen: number,
    progress: (done: number) => void,
  ) => {
    for (let i = 0; i < keys.length && current(gen); i += chunk) {
      const got = await ticketsByIds(db, keys.slice(i, i + chunk));
      for (const t of got) if (t) put(toQueueRow(t), true);
      progress(Math.min(keys.length, i + chunk));
    }
  };

  /** Rows written at or after `fromSeq`, by any writer. */
  const catchUp = (fromSeq: number, gen: number) =>
    ticketsWrittenAfter(db, fromSeq, chunk, (batch) => {
      if (!current(gen)) return false;
      for (const t of batch) put(toQueueRow(t), true);
      notify();
    });

  /** Makes the set of ids match the table (deletions the snapshot missed). */
  const reconcile = async (gen: number) => {
    if ((await countTickets(db)) === rows.size || !current(gen)) return;
    const keys = await allTicketIds(db);
    for (const id of [...rows.keys()]) if (!keys.has(id)) dropRow(id);
    const missing = [...keys].filter((k) => !rows.has(k));
    await readKeys(missing, gen, notify);
    changed();
  };

  const readAll = async (gen: number, total: number) => {
    let done = 0;
    await eachTicketBatch(db, chunk, (batch) => {
      if (!current(gen)) return false;
      for (const t of batch) put(toQueueRow(t), true);
      done += batch.length;
      setStatus({ progress: { done, total: Math.max(total, done) } });
    });
  };

  const load = async (gen: number) => {
    loading = true;
    const cached = await db.localCache.get(SNAPSHOT_KEY);
    const snapshot = decodeRows(cached?.value);
    if (!current(gen)) return;
    if (snapshot) {
      for (const r of snapshot.rows) put(r, true);
      // Open queues can paint now; what was written since the snapshot follows.
      setStatus({ loaded: 'open' });
      await catchUp(snapshot.seq - SEQ_SLACK, gen);
      if (!current(gen)) return;
      loading = false;
      tombstones.clear();
      setStatus({ loaded: 'all', progress: null });
      await reconcile(gen);
      return;
    }
    const total = await countTickets(db);
    const open = (await db.tickets.where('openState').anyOf(openStates).primaryKeys()) as string[];
    await readKeys(open, gen, (done) => setStatus({ progress: { done, total } }));
    if (!current(gen)) return;
    setStatus({ loaded: 'open' });
    await readAll(gen, total);
    if (!current(gen)) return;
    loading = false;
    tombstones.clear();
    setStatus({ loaded: 'all', progress: null });
    scheduleSave();
  };

  const start = () => {
    const gen = ++generation;
    rows.clear();
    openRows.clear();
    journal.forget(version);
    tombstones.clear();
    previews.clear();
    status = { loaded: 'none', progress: null, error: null };
    notify();
    load(gen).catch((e: unknown) => {
      if (!current(gen)) return;
      loading = false;
      onError(e);
      const message = e instanceof Error ? e.message : String(e);
      setStatus({ error: `The local tickets could not be read: ${message}` });
    });
  };

  // --- changes ---------------------------------------------------------------
  /** Keys this object wrote itself since the last storagemutated round (not re-read). */
  const ownKeys = new Set<string>();
  /** The same for ticket packs (ticket-packs.ts): another tab's pack means reading again. */
  const ownPacks = new Set<string>();
  const showPreview = (t: LocalTicket) => {
    const row = toQueueRow(t);
    const shown = previews.get(t.id);
    previews.set(t.id, { row, before: shown ? shown.before : rows.get(t.id) });
    setRow(row);
  };
  const withdraw = (id: string) => {
    const p = previews.get(id);
    previews.delete(id);
    // Unless a write replaced the preview meanwhile: that row is newer.
    if (!p || rows.get(id) !== p.row) return;
    if (p.before) setRow(p.before);
    else dropRow(id);
  };
  const offWrites = derivedSlaOf(db)?.onTicketWrites((w) => {
    if (w.cleared) return start();
    if (w.tentative || w.withdrawn) {
      w.puts.forEach(showPreview);
      w.withdrawn?.forEach(withdraw);
      return notify();
    }
    for (const id of w.packs ?? []) ownPacks.add(id);
    for (const t of w.puts) {
      previews.delete(t.id);
      tombstones.delete(t.id);
      put(toQueueRow(t), false);
      ownKeys.add(t.id);
    }
    for (const id of w.deletes) {
      previews.delete(id);
      remove(id);
      ownKeys.add(id);
    }
    changed();
  });

  const foreign = new Set<string>();
  const foreignPacks = new Set<string>();
  let wholeTable = false;
  let flushTimer: unknown = null;
  let flushing: Promise<void> = Promise.resolve();
  const prefix = `idb://${db.name}/tickets/`;
  const packPrefix = `idb://${db.name}/ticketPacks/`;

  const flushForeign = async () => {
    flushTimer = null;
    const keys = [...foreign].filter((k) => !ownKeys.has(k));
    if ([...foreignPacks].some((k) => !ownPacks.has(k))) wholeTable = true;
    foreign.clear();
    ownKeys.clear();
    foreignPacks.clear();
    ownPacks.clear();
    const gen = generation;
    if (wholeTable) {
      wholeTable = false;
      const newest = Math.max(0, ...[...rows.values()].map((r) => r.seq));
      await catchUp(newest - SEQ_SLACK, gen);
      await reconcile(gen);
      return;
    }
    for (let i = 0; i < keys.length && current(gen); i += chunk) {
      const part = keys.slice(i, i + chunk);
      const got = await ticketsByIds(db, part);
      got.forEach((t, j) => (t ? put(toQueueRow(t), false) : remove(part[j]!)));
    }
    if (keys.length > 0) changed();
  };

  const onMutated = (parts: ObservabilitySet) => {
    if (db.hasBeenClosed()) {
      Dexie.on('storagemutated').unsubscribe(onMutated);
      globalThis.removeEventListener?.('pagehide', hide);
      offWrites?.();
      return;
    }
    let touched = false;
    for (const [part, tree] of Object.entries(parts)) {
      // 'all' comes after the page returns from the back/forward cache.
      if (part === 'all') wholeTable = touched = true;
      if (part === packPrefix) {
        touched = true;
        walk(tree, (from, to) => {
          if (typeof from === 'string' && from === to) foreignPacks.add(from);
          else wholeTable = true;
        });
      }
      if (part !== prefix && part !== `${prefix}:dels`) continue;
      touched = true;
      walk(tree, (from, to) => {
        if (typeof from === 'string' && from === to) foreign.add(from);
        else wholeTable = true;
      });
    }
    if (!touched || flushTimer !== null) return;
    // After the writing object's own commit listener, so its keys are known.
    flushTimer = timers.setTimeout(() => {
      flushing = flushing.then(flushForeign).catch(onError);
    }, 0);
  };
  Dexie.on('storagemutated', onMutated);

  // The snapshot is worth most when the app is closed with changes unsaved.
  const hide = () => void save().catch(onError);
  globalThis.addEventListener?.('pagehide', hide);

  start();

  return {
    rows,
    openRows,
    view: () => view,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    retry: start,
    loaded: (level) =>
      reached(level)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ level, resolve })),
    settled: async () => {
      for (;;) {
        if (flushTimer !== null) await new Promise<void>((r) => timers.setTimeout(r, 0));
        const f = flushing;
        await f;
        if (f === flushing && flushTimer === null) return;
      }
    },
    save,
    changedSince: (v) => journal.since(v),
  };
};
