import type { QueueRow } from './row-model';

/** The row store's public shape (row-store.ts). */
export type LoadLevel = 'none' | 'open' | 'all';

export interface RowStoreStatus {
  loaded: LoadLevel;
  /** While reading rows one chunk at a time. */
  progress: { done: number; total: number } | null;
  error: string | null;
}

export interface RowStoreView {
  /** Changes whenever rows or status change. */
  version: number;
  status: RowStoreStatus;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RowStoreOptions {
  /** Rows per read. */
  chunk?: number;
  /** Least time between two snapshot writes. */
  saveDelayMs?: number;
  timers?: Timers;
  onError?: (e: unknown) => void;
}

export interface QueueRowStore {
  readonly rows: ReadonlyMap<string, QueueRow>;
  /**
   * The open ones among `rows` (a few thousand of a desk's 100k): what the
   * views that show open tickets only (the default), "breaching soon" and
   * the sidebar's counts go through.
   */
  readonly openRows: ReadonlyMap<string, QueueRow>;
  view(): RowStoreView;
  subscribe(listener: () => void): () => void;
  /** Starts loading again from scratch (after an error). */
  retry(): void;
  /** Resolves once loading reached `level` (or stopped with an error). */
  loaded(level: Exclude<LoadLevel, 'none'>): Promise<void>;
  /** Resolves once changes made elsewhere have been read in. */
  settled(): Promise<void>;
  /** Writes the snapshot now if anything changed since the last one. */
  save(): Promise<void>;
  /**
   * Ids of rows changed since the store was at `version` (a view's last
   * read), or null when that is not known (reloaded, or too many changes).
   */
  changedSince(version: number): ReadonlySet<string> | null;
}
