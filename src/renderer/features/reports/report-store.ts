import { useSyncExternalStore } from 'react';
import { useOutpostDb } from '../../app/db-context';
import type { OutpostDb } from '../../db/database';
import { rowStoreFor, type Timers } from '../queues/row-store';
import {
  computeFacts,
  createFactsCache,
  localSlaReference,
  type ComputeOptions,
  type FactsRun,
} from './report-facts';

/**
 * The Reports screen's facts, per database: computed when the screen opens
 * and again (after `settleMs` of quiet) whenever tickets on the device
 * change while it is open. A shown report stays on screen while the next
 * one is computed; leaving the screen stops the work, and what was already
 * read stays cached for the next visit.
 */
export interface ReportView {
  run: FactsRun | null;
  busy: boolean;
  progress: { done: number; total: number } | null;
  error: string | null;
}

export interface ReportStore {
  view(): ReportView;
  /** The first subscriber starts a run; while any is subscribed, changes start more. */
  subscribe(listener: () => void): () => void;
  /** Computes again now (after an error, or to move "now" on). */
  refresh(): void;
}

export interface ReportStoreOptions extends Pick<ComputeOptions, 'chunk' | 'pause'> {
  now?: () => number;
  /** Zone months are read in; the device's by default. */
  timeZone?: string;
  timers?: Timers;
  /** Quiet time after a change before computing again (a sync writes in bursts). */
  settleMs?: number;
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as number),
};

export const deviceTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const createReportStore = (db: OutpostDb, options: ReportStoreOptions = {}): ReportStore => {
  const now = options.now ?? (() => Date.now());
  const timeZone = options.timeZone ?? deviceTimeZone();
  const timers = options.timers ?? browserTimers;
  const settleMs = options.settleMs ?? 500;
  const cache = createFactsCache();
  const rows = rowStoreFor(db);
  const listeners = new Set<() => void>();
  let view: ReportView = { run: null, busy: false, progress: null, error: null };
  let running = false;
  let again = false;
  let timer: unknown = null;
  let seenVersion = -1;
  let offRows: (() => void) | null = null;

  const set = (patch: Partial<ReportView>) => {
    view = { ...view, ...patch };
    for (const l of listeners) l();
  };
  const wanted = () => listeners.size > 0 && !db.hasBeenClosed();

  const compute = async () => {
    try {
      await rows.loaded('all');
      const failed = rows.view().status.error;
      if (failed) return set({ error: failed });
      const ref = await localSlaReference(db);
      const result = await computeFacts(db, rows.rows, cache, ref, {
        nowMs: now(),
        timeZone,
        chunk: options.chunk,
        pause: options.pause,
        wanted,
        onProgress: (done, total) => set({ progress: { done, total } }),
      });
      if (result) set({ run: result, error: null });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      set({ error: `The tickets on this device could not be read for the report: ${message}` });
    }
  };

  const start = () => {
    // A refresh by hand replaces a run already scheduled.
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    seenVersion = rows.view().version;
    set({ busy: true, progress: null });
    void compute().finally(() => {
      running = false;
      set({ busy: false, progress: null });
      if (again && wanted()) schedule();
    });
  };
  const schedule = () => {
    if (timer === null) timer = timers.setTimeout(start, settleMs);
  };
  const onRows = () => {
    const v = rows.view().version;
    if (v === seenVersion) return;
    seenVersion = v;
    if (running) again = true;
    else schedule();
  };

  return {
    view: () => view,
    subscribe: (listener) => {
      listeners.add(listener);
      if (listeners.size === 1) {
        offRows = rows.subscribe(onRows);
        start();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        offRows?.();
        offRows = null;
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
      };
    },
    refresh: () => {
      if (rows.view().status.error) rows.retry();
      start();
    },
  };
};

const stores = new WeakMap<OutpostDb, ReportStore>();

/** The one report store of a database object (created on first use). */
export const reportStoreFor = (db: OutpostDb, options?: ReportStoreOptions): ReportStore => {
  let s = stores.get(db);
  if (!s) {
    s = createReportStore(db, options);
    stores.set(db, s);
  }
  return s;
};

export const useReportFacts = (): { view: ReportView; refresh: () => void } => {
  const store = reportStoreFor(useOutpostDb());
  const view = useSyncExternalStore(store.subscribe, store.view);
  return { view, refresh: store.refresh };
};
