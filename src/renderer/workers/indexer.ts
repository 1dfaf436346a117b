import type { Table } from 'dexie';
import type { Comment } from '../../shared/domain/comment';
import type { Ticket } from '../../shared/domain/ticket';
import { countTickets, eachTicketBatch, ticketsByIds } from '../db/ticket-packs';
import { childrenOf, type ChildPack } from '../db/child-packs';
import type { OutpostDb } from '../db/database';
import type { Timers } from '../sync/engine';
import {
  emptyChange,
  isEmptyChange,
  mergeChange,
  watchStore,
  type StoreChange,
} from './change-feed';
import { buildResults, type SearchResult } from './search-results';
import { sameWatermark, UNTRUSTED, watermarkOf, type SearchStore } from './search-store';
import { fnv1a, foldCommentPrint } from './doc-table';
import { documentOf, printOf, type SearchOptions } from './index-document';
import { TicketIndex } from './ticket-index';

/**
 * Keeps the ticket index in step with the local store and answers queries.
 *
 * Start: the saved index is loaded. It is trusted as is when the store's
 * sync bookkeeping (cursor, ACL hash, mutation counters) still equals the
 * watermark saved with it: every write to tickets or comments goes through
 * a local mutation or a pull/bootstrap, and each of those moves that
 * bookkeeping. Otherwise, or with no saved index, the store is scanned and
 * only tickets whose fingerprint differs are re-indexed; tickets gone from
 * the store (a purge after re-bootstrap, a queue taken away) are dropped.
 *
 * Running: Dexie's change signal names the tickets and comments written;
 * those are re-read and re-indexed. A bulk write that does not list its
 * keys (bootstrap) triggers the same scan. The index is saved a few seconds
 * after changes stop (and at least every minute while they do not).
 */
export interface IndexStatus {
  phase: 'starting' | 'building' | 'checking' | 'ready' | 'failed';
  /** Tickets in the index. */
  indexed: number;
  /** Tickets looked at by the current build or check. */
  scanned: number;
  /** Tickets in the local store when the build or check started. */
  total: number | null;
  error: string | null;
  /** Grows whenever the index changed since the last report: shown results may be stale. */
  revision: number;
}

export interface IndexerStats {
  /** How the index came up: loaded and trusted, loaded and checked, or built from scratch. */
  start: 'loaded' | 'checked' | 'built' | null;
  upserts: number;
  removals: number;
  scans: number;
  saves: number;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
  status: IndexStatus;
}

export interface IndexerDeps {
  source: OutpostDb;
  store: SearchStore;
  now: () => number;
  timers: Timers;
  watch?: (onChange: (c: StoreChange) => void) => () => void;
  onStatus?: (s: IndexStatus) => void;
  /** Quiet time before saving, and the longest a change waits to be saved. */
  saveDelayMs?: number;
  saveMaxDelayMs?: number;
  /** Tickets per read while scanning. */
  chunkSize?: number;
  bufferLimit?: number;
}

const COMMENT_CHUNK = 5000;
/** Packs per read while scanning (each holds PACK_ROWS comments and work log entries). */
const PACK_CHUNK = 20;

/**
 * Adds the ticket ids the packs `keys` hold (of tickets or of their
 * comments) to `into`; true when one of the packs no longer exists.
 */
const addPackedTicketIds = async (
  packs: Table<{ ticketIds: string[] }, string>,
  keys: Set<string>,
  into: Set<string>,
): Promise<boolean> => {
  if (keys.size === 0) return false;
  let gone = false;
  for (const p of await packs.bulkGet([...keys])) {
    if (!p) gone = true;
    for (const id of p?.ticketIds ?? []) into.add(id);
  }
  return gone;
};

export function createIndexer(deps: IndexerDeps) {
  const { source, store, timers } = deps;
  const chunk = deps.chunkSize ?? 500;
  const saveDelay = deps.saveDelayMs ?? 3_000;
  const saveMaxDelay = deps.saveMaxDelayMs ?? 60_000;
  const watch = deps.watch ?? ((fn) => watchStore(source.name, fn));
  let index = new TicketIndex(deps.bufferLimit);
  let pending = emptyChange();
  let scan: 'none' | 'comments' | 'full' = 'none';
  let pump: Promise<void> | null = null;
  let unwatch: (() => void) | null = null;
  let stopped = false;
  let dirtySince: number | null = null;
  let changedDuringSave = false;
  let saveTimer: unknown = null;
  let saving: Promise<void> | null = null;
  let started: Promise<void> | null = null;
  /** Changes heard of before the saved index is loaded wait for it. */
  let loading = true;
  const stats: IndexerStats = { start: null, upserts: 0, removals: 0, scans: 0, saves: 0 };
  let status: IndexStatus = {
    phase: 'starting',
    indexed: 0,
    scanned: 0,
    total: null,
    error: null,
    revision: 0,
  };
  let changed = false;

  const report = (patch: Partial<IndexStatus>) => {
    const revision = changed ? status.revision + 1 : status.revision;
    changed = false;
    status = { ...status, ...patch, indexed: index.size, revision };
    deps.onStatus?.(status);
  };

  const markDirty = () => {
    changed = true;
    if (saving) changedDuringSave = true;
    dirtySince ??= deps.now();
    if (stopped) return;
    if (saveTimer !== null) timers.clearTimeout(saveTimer);
    const wait = Math.max(0, Math.min(saveDelay, dirtySince + saveMaxDelay - deps.now()));
    saveTimer = timers.setTimeout(() => {
      saveTimer = null;
      void save();
    }, wait);
  };

  const upsert = (t: Ticket, comments: readonly Comment[]) => {
    if (index.upsert(documentOf(t, comments))) {
      stats.upserts++;
      markDirty();
    }
  };

  const remove = (id: string) => {
    if (index.remove(id)) {
      stats.removals++;
      markDirty();
    }
  };

  const commentsOf = async (ticketIds: readonly string[]) => {
    const byTicket = new Map<string, Comment[]>();
    if (ticketIds.length === 0) return byTicket;
    for (const c of await childrenOf(source, 'comments', ticketIds)) {
      const list = byTicket.get(c.ticketId);
      if (list) list.push(c);
      else byTicket.set(c.ticketId, [c]);
    }
    return byTicket;
  };

  /** Re-reads tickets and indexes them as they are now; returns comments dropped with removed ones. */
  const reindex = async (ids: readonly string[]): Promise<number> => {
    let droppedComments = 0;
    for (let i = 0; i < ids.length; i += chunk) {
      const part = ids.slice(i, i + chunk);
      const { tickets, comments } = await source.transaction(
        'r',
        [source.tickets, source.ticketPacks, source.comments, source.childPacks],
        async () => {
          const tickets = await ticketsByIds(source, part);
          const present = tickets.filter((t): t is Ticket => t !== undefined).map((t) => t.id);
          return { tickets, comments: await commentsOf(present) };
        },
      );
      tickets.forEach((t, k) => {
        if (t) upsert(t, comments.get(t.id) ?? []);
        else {
          droppedComments += index.commentCount(part[k]!);
          remove(part[k]!);
        }
      });
    }
    return droppedComments;
  };

  const applyChange = async (change: { [K in keyof StoreChange]: Set<string> }) => {
    const ticketIds = new Set(change.tickets);
    // A deleted ticket pack needs no reading: its tickets left as rows too (change-feed.ts).
    await addPackedTicketIds(source.ticketPacks, change.ticketPacks, ticketIds);
    const packsGone = await addPackedTicketIds(source.childPacks, change.childPacks, ticketIds);
    let unknownComments = 0;
    if (change.comments.size > 0) {
      const rows = await source.comments.bulkGet([...change.comments]);
      for (const c of rows) {
        if (c) ticketIds.add(c.ticketId);
        else unknownComments++;
      }
    }
    const dropped = await reindex([...ticketIds]);
    // A deleted comment no longer says which ticket it was on. Deleted with
    // their ticket is the usual case, and then the counts agree; otherwise
    // (an optimistic comment the hub refused) the comments are re-checked.
    // So they are after a pack of comments is deleted (an earlier load's,
    // at the end of a re-bootstrap).
    if (unknownComments > dropped || packsGone) scan = scan === 'full' ? 'full' : 'comments';
  };

  /** Compares every ticket's fingerprint with the index and re-indexes what differs. */
  const scanTickets = async () => {
    const building = index.size === 0;
    stats.scans++;
    index.bulkLoading = true;
    try {
      await scanAll(building);
    } finally {
      index.bulkLoading = false;
      // Queries after the scan find no buffer left to read through.
      if (index.needsMerge) index.merge();
    }
    if (!building) await scanComments();
  };

  const scanAll = async (building: boolean) => {
    const total = await countTickets(source);
    report({ phase: building ? 'building' : 'checking', scanned: 0, total });
    const seen = new Set<string>();
    await eachTicketBatch(source, chunk, async (rows) => {
      const stale = rows.filter((t) => {
        seen.add(t.id);
        return index.printsOf(t.id)?.print !== printOf(t);
      });
      const comments = await commentsOf(stale.map((t) => t.id));
      for (const t of stale) upsert(t, comments.get(t.id) ?? []);
      report({ scanned: seen.size });
      return !stopped;
    });
    if (stopped) return;
    for (const id of index.idList()) if (!seen.has(id)) remove(id);
  };

  /** Catches tickets whose comments changed while their own fields did not. */
  const scanComments = async () => {
    const prints = new Map<string, { x: number; n: number }>();
    // A comment can be both packed and a row (child-packs.ts): count it once.
    const counted = new Set<string>();
    const count = (c: Comment) => {
      if (counted.has(c.id)) return;
      counted.add(c.id);
      const p = prints.get(c.ticketId) ?? { x: 0, n: 0 };
      p.x ^= fnv1a(c.id);
      p.n++;
      prints.set(c.ticketId, p);
    };
    let last: string | null = null;
    for (;;) {
      const rows: Comment[] = await (
        last === null ? source.comments.orderBy(':id') : source.comments.where(':id').above(last)
      )
        .limit(COMMENT_CHUNK)
        .toArray();
      if (rows.length === 0) break;
      last = rows[rows.length - 1]!.id;
      rows.forEach(count);
      if (stopped) return;
    }
    last = null;
    for (;;) {
      const packs: ChildPack[] = await (
        last === null
          ? source.childPacks.orderBy(':id')
          : source.childPacks.where(':id').above(last)
      )
        .limit(PACK_CHUNK)
        .toArray();
      if (packs.length === 0) break;
      last = packs[packs.length - 1]!.id;
      for (const p of packs) p.comments.forEach(count);
      if (stopped) return;
    }
    const stale: string[] = [];
    for (const id of index.idList()) {
      const p = prints.get(id) ?? { x: 0, n: 0 };
      if (index.printsOf(id)?.cprint !== foldCommentPrint(p.x, p.n)) stale.push(id);
    }
    await reindex(stale);
  };

  const work = async () => {
    while (!stopped) {
      if (scan === 'full') {
        scan = 'none';
        pending = emptyChange();
        await scanTickets();
      } else if (!isEmptyChange(pending)) {
        const change = pending;
        pending = emptyChange();
        const { tickets, comments, ticketPacks, childPacks } = change;
        if (
          tickets === 'all' ||
          comments === 'all' ||
          ticketPacks === 'all' ||
          childPacks === 'all'
        ) {
          scan = 'full';
        } else await applyChange({ tickets, comments, ticketPacks, childPacks });
      } else if (scan === 'comments') {
        scan = 'none';
        await scanComments();
      } else break;
    }
    if (!stopped) report({ phase: 'ready', error: null });
  };

  const kick = () => {
    if (pump || stopped || loading) return;
    pump = work()
      .catch((e: unknown) => {
        report({ phase: 'failed', error: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => {
        pump = null;
        if (!stopped && (scan !== 'none' || !isEmptyChange(pending))) kick();
      });
  };

  const save = async (): Promise<void> => {
    if (saving) return saving;
    if (dirtySince === null || stopped) return;
    if (pump) {
      // Save what the current batch leaves, not half of it.
      await pump;
      return save();
    }
    saving = (async () => {
      changedDuringSave = false;
      const watermark = (await watermarkOf(source)) ?? UNTRUSTED;
      const snapshot = index.serialize();
      await store.save({ savedAt: deps.now(), watermark, index: snapshot });
      stats.saves++;
      if (!changedDuringSave && !pump) dirtySince = null;
    })().finally(() => {
      saving = null;
    });
    return saving;
  };

  const start = async () => {
    unwatch = watch((c) => {
      pending = mergeChange(pending, c);
      kick();
    });
    // An unreadable saved index only costs a rebuild.
    const snapshot = await store.load().catch(() => null);
    const loaded = snapshot ? TicketIndex.load(snapshot.index, deps.bufferLimit) : null;
    const current = await watermarkOf(source);
    if (loaded && snapshot) {
      index = loaded;
      const trusted = current !== null && sameWatermark(snapshot.watermark, current);
      stats.start = trusted ? 'loaded' : 'checked';
      if (!trusted) scan = 'full';
    } else {
      stats.start = 'built';
      scan = 'full';
    }
    report({ phase: scan === 'full' ? (loaded ? 'checking' : 'building') : 'ready' });
    loading = false;
    kick();
  };

  return {
    start(): Promise<void> {
      started ??= start();
      return started;
    },
    /** Searches what is indexed now (during a build: what is indexed so far). */
    async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
      await this.start();
      const hits = index.search(query, options);
      const results = await buildResults(source, query, hits);
      return { query, results, status };
    },
    /** Resolves when every change heard of so far is in the index. */
    async settled(): Promise<void> {
      await this.start();
      while (pump) await pump;
    },
    /** Saves now if anything changed (tests, and before a page goes away). */
    async flush(): Promise<void> {
      await this.settled();
      if (saveTimer !== null) timers.clearTimeout(saveTimer);
      saveTimer = null;
      await save();
    },
    status: () => status,
    stats: () => ({ ...stats }),
    stop(): void {
      stopped = true;
      unwatch?.();
      if (saveTimer !== null) timers.clearTimeout(saveTimer);
      saveTimer = null;
    },
  };
}

export type Indexer = ReturnType<typeof createIndexer>;
