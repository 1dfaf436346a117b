import type { OutpostDb } from '../../db/database';
import { createIndexer, type IndexStatus, type SearchResponse } from '../../workers/indexer';
import type { FromWorker, SearchQueryOptions, ToWorker } from '../../workers/search-protocol';
import { openSearchStore } from '../../workers/search-store';

/**
 * The page's handle on the search index. Normally the index runs in a Web
 * Worker; where workers are missing (tests) or the worker fails to start,
 * the same indexer runs on the page instead, so search always works.
 */
export interface SearchClient {
  search(query: string, options?: SearchQueryOptions): Promise<SearchResponse>;
  status(): IndexStatus;
  subscribe(listener: () => void): () => void;
  /** Saves the index now if it changed (the page is going away). */
  flush(): void;
  close(): void;
}

const initialStatus: IndexStatus = {
  phase: 'starting',
  indexed: 0,
  scanned: 0,
  total: null,
  error: null,
  revision: 0,
};

const statusHub = () => {
  let status = initialStatus;
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    set: (s: IndexStatus) => {
      status = s;
      for (const l of listeners) l();
    },
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
};

export const createInProcessSearchClient = (db: OutpostDb): SearchClient => {
  const hub = statusHub();
  const store = openSearchStore(db.name);
  const indexer = createIndexer({
    source: db,
    store,
    now: () => Date.now(),
    timers: {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
    },
    onStatus: hub.set,
  });
  void indexer.start().catch(() => undefined);
  return {
    search: (query, options = {}) =>
      indexer.search(query, {
        ...options,
        exclude: options.exclude ? new Set(options.exclude) : undefined,
      }),
    status: hub.get,
    subscribe: hub.subscribe,
    flush: () => void indexer.flush(),
    close: () => {
      void indexer
        .flush()
        .catch(() => undefined)
        .finally(() => {
          indexer.stop();
          store.close();
        });
    },
  };
};

export type WorkerFactory = () => Worker;

const defaultWorker: WorkerFactory = () =>
  new Worker(new URL('../../workers/search.worker.ts', import.meta.url), {
    type: 'module',
    name: 'outpost-search',
  });

export const createWorkerSearchClient = (
  db: OutpostDb,
  makeWorker: WorkerFactory = defaultWorker,
): SearchClient => {
  const hub = statusHub();
  const waiting = new Map<
    number,
    { resolve: (r: SearchResponse) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let fallback: SearchClient | null = null;
  let worker: Worker | null = null;

  /** A worker that cannot start (blocked, crashed) hands over to an in-page index. */
  const fallBack = () => {
    if (fallback) return;
    worker?.terminate();
    worker = null;
    fallback = createInProcessSearchClient(db);
    fallback.subscribe(() => hub.set(fallback!.status()));
    for (const [, w] of waiting) w.reject(new Error('search restarted'));
    waiting.clear();
  };

  try {
    worker = makeWorker();
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === 'status') hub.set(msg.status);
      else if (msg.type === 'result') {
        waiting.get(msg.id)?.resolve(msg.response);
        waiting.delete(msg.id);
      } else if (msg.id !== null) {
        waiting.get(msg.id)?.reject(new Error(msg.message));
        waiting.delete(msg.id);
      } else fallBack();
    };
    worker.onerror = () => fallBack();
    worker.postMessage({ type: 'open', dbName: db.name } satisfies ToWorker);
  } catch {
    fallBack();
  }

  return {
    search(query, options = {}) {
      if (fallback || !worker) return (fallback ?? (fallBack(), fallback!)).search(query, options);
      const id = nextId++;
      const w = worker;
      return new Promise<SearchResponse>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ type: 'search', id, query, options } satisfies ToWorker);
      });
    },
    status: () => (fallback ? fallback.status() : hub.get()),
    subscribe: hub.subscribe,
    flush: () => {
      if (fallback) fallback.flush();
      else worker?.postMessage({ type: 'flush' } satisfies ToWorker);
    },
    close: () => {
      worker?.postMessage({ type: 'close' } satisfies ToWorker);
      fallback?.close();
      for (const [, w] of waiting) w.reject(new Error('search closed'));
      waiting.clear();
    },
  };
};

/**
 * A worker where the platform has them; the page itself otherwise. Unit
 * tests run on the page: happy-dom's Worker cannot load a module script.
 */
export const createSearchClient = (db: OutpostDb): SearchClient =>
  typeof Worker === 'function' && import.meta.env.MODE !== 'test'
    ? createWorkerSearchClient(db)
    : createInProcessSearchClient(db);
