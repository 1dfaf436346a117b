import MiniSearch from 'minisearch';
import { createDataset } from '../../../src/shared/domain/generator/dataset';
import { formatTicketNumber, type Ticket } from '../../../src/shared/domain/ticket';
import type { Comment } from '../../../src/shared/domain/comment';
import { openOutpostDbByName, type OutpostDb } from '../../../src/renderer/db/database';
import { freshSyncMeta, saveSyncMeta } from '../../../src/renderer/sync/sync-meta';
import {
  createWorkerSearchClient,
  type SearchClient,
} from '../../../src/renderer/features/search/search-client';
import { createIndexer, type Indexer } from '../../../src/renderer/workers/indexer';
import {
  openSearchStore,
  searchDbName,
  type SearchStore,
} from '../../../src/renderer/workers/search-store';
import type { SearchBenchApi } from '../lib/search-bench-api';

/**
 * The search benchmark in Chromium: a generated data set in a real
 * IndexedDB (the app's Dexie store), the app's indexer on the page (where
 * its heap can be measured), the app's search client with its Web Worker
 * (what the palette really asks, each answer crossing the worker boundary),
 * and two baselines measured in the same page: a naive full-table scan and
 * stock MiniSearch over the same documents.
 */
const DB = 'outpost-search-bench';
const CHUNK = 1000;

let db: OutpostDb | null = null;
let store: SearchStore | null = null;
let indexer: Indexer | null = null;
let mini: MiniSearch | null = null;
let client: SearchClient | null = null;

const timers = {
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  clearTimeout: (h: unknown) => window.clearTimeout(h as number),
};

const deleteDb = (name: string) =>
  new Promise<void>((done, fail) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => done();
    r.onerror = () => fail(r.error);
    r.onblocked = () => done();
  });

const newIndexer = () =>
  createIndexer({
    source: db!,
    store: store!,
    now: () => Date.now(),
    timers,
    // The benchmark saves explicitly, when it measures it.
    saveDelayMs: 3_600_000,
    saveMaxDelayMs: 3_600_000,
  });

/** Every prefix from 2 characters: what a user typing the query asks the index. */
const keystrokes = (queries: string[]) =>
  queries.flatMap((q) => Array.from({ length: q.length - 1 }, (_, i) => q.slice(0, i + 2)));

const load: SearchBenchApi['load'] = async (n, seed) => {
  const started = performance.now();
  indexer?.stop();
  db?.close();
  store?.close();
  await deleteDb(DB);
  await deleteDb(searchDbName(DB));
  db = openOutpostDbByName(DB);
  store = openSearchStore(DB);
  await db.open();
  const data = createDataset({ seed, tickets: n, nowMs: Date.UTC(2026, 0, 5, 12) });
  const counters: Record<string, number> = {};
  let tickets: Ticket[] = [];
  let comments: Comment[] = [];
  let total = 0;
  let commentTotal = 0;
  const flush = async () => {
    await db!.transaction('rw', db!.tickets, db!.comments, async () => {
      await db!.tickets.bulkPut(tickets);
      await db!.comments.bulkPut(comments);
    });
    total += tickets.length;
    commentTotal += comments.length;
    tickets = [];
    comments = [];
  };
  for (const g of data.tickets()) {
    // Numbered as the hub would have numbered them on sync.
    counters[g.ticket.type] = (counters[g.ticket.type] ?? 0) + 1;
    tickets.push({
      ...g.ticket,
      number: formatTicketNumber(g.ticket.type, counters[g.ticket.type]!),
    });
    comments.push(...g.comments);
    if (tickets.length >= CHUNK) await flush();
  }
  await flush();
  await db.transaction('rw', db.syncState, () =>
    saveSyncMeta(db!, { ...freshSyncMeta(), bootstrapped: true, cursor: total }),
  );
  return { tickets: total, comments: commentTotal, ms: performance.now() - started };
};

const buildIndex: SearchBenchApi['buildIndex'] = async () => {
  indexer?.stop();
  await store!.clear();
  indexer = newIndexer();
  const started = performance.now();
  await indexer.settled();
  const ms = performance.now() - started;
  const saving = performance.now();
  await indexer.flush();
  const saveMs = performance.now() - saving;
  const saved = await store!.load();
  const idx = saved!.index;
  const savedBytes =
    idx.terms.length * 2 +
    idx.ids.length * 2 +
    idx.postings.entries.byteLength +
    idx.postings.offsets.byteLength +
    idx.fingerprints.byteLength * 2 +
    idx.commentCounts.byteLength +
    idx.flags.byteLength +
    idx.lengths.byteLength;
  return { ms, indexed: indexer.status().indexed, saveMs, savedBytes };
};

const restart: SearchBenchApi['restart'] = async () => {
  indexer?.stop();
  const started = performance.now();
  indexer = newIndexer();
  await indexer.settled();
  const ms = performance.now() - started;
  const s = indexer.stats();
  return { ms, start: s.start, upserts: s.upserts };
};

const typeQueries: SearchBenchApi['typeQueries'] = async (queries) => {
  const times: number[] = [];
  const finalHits: number[] = [];
  for (const q of queries) {
    for (const k of keystrokes([q])) {
      const t = performance.now();
      const r = await indexer!.search(k, { limit: 20 });
      times.push(performance.now() - t);
      if (k === q) finalHits.push(r.results.length);
    }
  }
  return { times, finalHits };
};

/**
 * The app's search client (createWorkerSearchClient, as createSearchClient
 * picks in the browser): its worker opens the same store and loads the
 * index buildIndex saved. Resolves once the worker reports it ready.
 */
const startWorkerSearch: SearchBenchApi['startWorkerSearch'] = async () => {
  client?.close();
  const started = performance.now();
  const c = createWorkerSearchClient(db!);
  client = c;
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const s = c.status();
      if (s.phase === 'ready') resolve();
      else if (s.phase === 'failed') reject(new Error(`search worker failed: ${s.error}`));
      else return;
      stop();
    };
    const stop = c.subscribe(check);
    check();
  });
  return { ms: performance.now() - started, indexed: c.status().indexed };
};

/**
 * Keystrokes as the palette sends them (useSearch: the query and no options),
 * each timed from the request to the answer back on the page.
 */
const workerTypeQueries: SearchBenchApi['workerTypeQueries'] = async (queries) => {
  const times: number[] = [];
  const finalHits: number[] = [];
  for (const q of queries) {
    for (const k of keystrokes([q])) {
      const t = performance.now();
      const r = await client!.search(k);
      times.push(performance.now() - t);
      if (k === q) finalHits.push(r.results.length);
    }
  }
  return { times, finalHits };
};

/** The naive way: read every ticket and comment, keep those containing the text. */
const naiveScan: SearchBenchApi['naiveScan'] = async (queries, max) => {
  const times: number[] = [];
  const finalHits: number[] = [];
  for (const k of keystrokes(queries).slice(0, max)) {
    const t = performance.now();
    const needle = k.toLowerCase();
    const [tickets, comments] = await Promise.all([db!.tickets.toArray(), db!.comments.toArray()]);
    const byComment = new Set(
      comments.filter((c) => c.body.toLowerCase().includes(needle)).map((c) => c.ticketId),
    );
    const hits = tickets.filter(
      (x) =>
        byComment.has(x.id) ||
        (x.number ?? '').toLowerCase().includes(needle) ||
        x.title.toLowerCase().includes(needle) ||
        x.description.toLowerCase().includes(needle),
    );
    times.push(performance.now() - t);
    finalHits.push(hits.length);
  }
  return { times, finalHits };
};

const miniSearchBuild: SearchBenchApi['miniSearchBuild'] = async () => {
  const started = performance.now();
  mini = new MiniSearch({
    fields: ['number', 'title', 'description', 'comments'],
    storeFields: ['id'],
  });
  const comments = new Map<string, string[]>();
  await db!.comments.each((c) => {
    const list = comments.get(c.ticketId) ?? [];
    list.push(c.body);
    comments.set(c.ticketId, list);
  });
  let last: string | null = null;
  for (;;) {
    const rows: Ticket[] = await (
      last === null ? db!.tickets.orderBy(':id') : db!.tickets.where(':id').above(last)
    )
      .limit(CHUNK)
      .toArray();
    if (rows.length === 0) break;
    last = rows[rows.length - 1]!.id;
    mini.addAll(
      rows.map((t) => ({
        id: t.id,
        number: t.number ?? '',
        title: t.title,
        description: t.description,
        comments: (comments.get(t.id) ?? []).join('\n'),
      })),
    );
  }
  return { ms: performance.now() - started };
};

const miniSearchQueries: SearchBenchApi['miniSearchQueries'] = async (queries) => {
  const times: number[] = [];
  const finalHits: number[] = [];
  for (const k of keystrokes(queries)) {
    const t = performance.now();
    const hits = mini!.search(k, { prefix: true, fuzzy: 0.2, combineWith: 'AND' }).slice(0, 20);
    await db!.tickets.bulkGet(hits.map((h) => h.id as string));
    times.push(performance.now() - t);
    if (queries.includes(k)) finalHits.push(hits.length);
  }
  return { times, finalHits };
};

const searchBench: SearchBenchApi = {
  load,
  buildIndex,
  restart,
  typeQueries,
  naiveScan,
  miniSearchBuild,
  miniSearchQueries,
  startWorkerSearch,
  workerTypeQueries,
  stopWorkerSearch: async () => {
    client?.close();
    client = null;
  },
  dropMiniSearch: async () => {
    mini = null;
  },
  heapMb: async () =>
    ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
      0) / 1e6,
};

declare global {
  interface Window {
    searchBench: SearchBenchApi;
  }
}

window.searchBench = searchBench;
document.title = 'Outpost search benchmark (ready)';
