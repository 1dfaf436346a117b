import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { IndexedDbDeps } from '../db/database';
import type { Timers } from './engine';

/**
 * Stand-ins for the platform in client sync tests: a private fake
 * IndexedDB per test (optionally with one database damaged) and timers the
 * test runs by hand.
 */

export const freshIndexedDb = (): IndexedDbDeps => ({
  indexedDB: new IDBFactory() as unknown as globalThis.IDBFactory,
  IDBKeyRange: IDBKeyRange as unknown as typeof globalThis.IDBKeyRange,
});

/**
 * An IndexedDB whose files for one database are damaged: every open of it
 * fails the way Chromium reports a corrupted backing store, until the
 * database is deleted. The other databases (the journal's) are fine.
 */
export const damagedIndexedDb = (deps: IndexedDbDeps, name: string) => {
  const real = deps.indexedDB;
  let broken = true;
  const opens = { failed: 0 };
  const failingRequest = () => {
    const req = {
      result: undefined,
      error: new DOMException('Internal error opening backing store', 'UnknownError'),
      readyState: 'done',
      transaction: null,
      onerror: null as ((e: unknown) => void) | null,
      onsuccess: null,
      onupgradeneeded: null,
      onblocked: null,
      addEventListener() {},
      removeEventListener() {},
    };
    queueMicrotask(() =>
      req.onerror?.({ target: req, type: 'error', preventDefault() {}, stopPropagation() {} }),
    );
    return req;
  };
  const indexedDB = {
    open(n: string, version?: number) {
      if (n === name && broken) {
        opens.failed++;
        return failingRequest();
      }
      return version === undefined ? real.open(n) : real.open(n, version);
    },
    deleteDatabase(n: string) {
      if (n === name) broken = false;
      return real.deleteDatabase(n);
    },
    databases: () => real.databases(),
    cmp: (a: unknown, b: unknown) => real.cmp(a, b),
  } as unknown as IDBFactory;
  return { deps: { ...deps, indexedDB }, opens };
};

interface PendingTimer {
  id: number;
  ms: number;
  fn: () => void;
}

/**
 * Timers the test runs by hand. `next()` resolves at the next setTimeout
 * call, so a test waits for the engine to schedule instead of sleeping.
 */
export function createManualTimers() {
  let seq = 0;
  const pending = new Map<number, PendingTimer>();
  let waiters: ((t: PendingTimer) => void)[] = [];
  const timers: Timers & {
    pending(): PendingTimer[];
    next(): Promise<PendingTimer>;
    run(t: PendingTimer): void;
  } = {
    setTimeout(fn, ms) {
      const t = { id: ++seq, ms, fn };
      pending.set(t.id, t);
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve(t);
      return t.id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    pending: () => [...pending.values()],
    next: () => new Promise((resolve) => waiters.push(resolve)),
    run(t) {
      if (!pending.delete(t.id)) throw new Error(`timer ${t.id} (${t.ms} ms) is not pending`);
      t.fn();
    },
  };
  return timers;
}
