import type { Actor } from '../../../src/shared/domain/actor';
import type { MixKind } from './mutation-mix';

/**
 * What the Chromium benchmark page (tests/bench/browser/sync-bench.ts) offers
 * on `window.syncBench`. Declared here, free of DOM types, so the Node side
 * type-checks its calls without compiling browser code.
 */
export interface LoadResult {
  ms: number;
  rows: number;
  tickets: number;
  peakHeapMb: number;
  /** Time inside IndexedDB write transactions (raw write only). */
  writeMs?: number;
  /** Outpost: when the sync round ended (before the derived fields were idle). */
  syncedMs?: number;
}

export interface BacklogResult {
  pending: number;
  mix: Record<MixKind, number>;
  /** Edits the local rules refused while planning (not queued). */
  refusedLocally: number;
  ticketsSeen: number;
}

export interface PushBacklogResult {
  ms: number;
  pushMs: number;
  pullMs: number;
  pushRequests: number;
  pullRequests: number;
  /** Outbox entries left after the round (0 when everything was acknowledged). */
  remaining: number;
  /** Edits the hub refused (each becomes a conflict shown to the agent). */
  conflicts: number;
}

export interface SyncBenchApi {
  login(username: string, password: string): Promise<Actor>;
  /**
   * Outpost's real first sync as the app runs it: the app's store (with the
   * derived-SLA middleware) and sync engine, until the derived fields are idle.
   */
  outpostBootstrap(): Promise<LoadResult>;
  /** runBootstrap into the store without the middleware (what the middleware costs). */
  plainStoreBootstrap(dbName: string): Promise<LoadResult>;
  /** The same stream written raw: one object store, `chunk` rows per transaction. */
  rawBootstrap(
    dbName: string,
    chunk: number,
    perRecord?: number,
    onlyEntity?: string,
  ): Promise<LoadResult>;
  /** PouchDB replicating `remote` (a pouchdb-server database URL) into IndexedDB. */
  pouchReplicate(remote: string, dbName: string, batchSize?: number): Promise<LoadResult>;
  deleteDatabase(name: string): Promise<void>;
  prepareBacklog(opts: {
    dbName: string;
    count: number;
    seed: string;
    assignees: string[];
    /** Mutations per push request when the backlog is sent. */
    pushBatch: number;
  }): Promise<BacklogResult>;
  /** Syncs the backlog prepareBacklog queued in `dbName` (same engine). */
  pushBacklog(dbName: string): Promise<PushBacklogResult>;
}
