/**
 * What the queues benchmark page (tests/bench/browser/queues-bench.tsx)
 * exposes as `window.queuesBench`; tests/bench/queues.ts drives it through
 * Playwright. All times are milliseconds.
 */
export interface QueuesLoadResult {
  tickets: number;
  open: number;
  ms: number;
  /** The busiest queue and its open tickets (the queue the views open). */
  queueId: string;
  openInQueue: number;
  /** Rows of the scrolled view: every incident, open or not. */
  scrollRows: number;
}

export interface PaintResult {
  ms: number;
  /** Rows in the view, and rows in the DOM when painted. */
  rows: number;
  painted: number;
}

export interface ScrollResult {
  rows: number;
  frames: number;
  /** Long tasks (> 50 ms) seen while scrolling, and the longest. */
  longTasks: number;
  longestTaskMs: number;
  /** Frame-to-frame intervals while scrolling. */
  p95FrameMs: number;
  maxFrameMs: number;
}

/** Local edits, one sample each: milliseconds from the call to `engine.mutate`. */
export interface EditResult {
  /** Until the grid's DOM shows the new title. */
  visibleMs: number[];
  /** Until the next animation frame after that (the frame that paints it). */
  framedMs: number[];
  /** Until `mutate` resolved (journal, row and outbox written). */
  savedMs: number[];
  /** Outbox entries after the edits (each edit adds one). */
  pending: number;
}

export interface QueuesBenchApi {
  load(tickets: number, seed: string): Promise<QueuesLoadResult>;
  /** App start: the row store from its snapshot (or from the tickets without one), then the queue painted. */
  coldOpen(withSnapshot: boolean): Promise<PaintResult & { storeMs: number }>;
  /** The store loaded: open another view and paint it. */
  warmOpen(): Promise<PaintResult>;
  /** Naive: read the whole tickets table, filter and Array.sort, then paint the same grid. */
  naiveOpen(): Promise<PaintResult>;
  /** Filter/sort variants over the in-memory rows; each time is one selectRows call. */
  filterSort(): Promise<{
    names: string[];
    /** Whether PERFORMANCE.md's filter/sort budget names the view's keys. */
    budgeted: boolean[];
    times: number[];
    naiveTimes: number[];
    /** The sidebar's counts per view: the app's pass over the open rows, and over every row (ms, median). */
    counts: { openMs: number; allMs: number; openRows: number; allRows: number };
  }>;
  /** Scrolls the view of every incident (its first `limit` rows, if given) top to bottom. */
  scroll(virtualised: boolean, limit?: number): Promise<ScrollResult>;
  /** Title edits through the sync engine until the live grid (row store) shows them (after `warmup` untimed ones). */
  editVisible(samples: number, warmup?: number): Promise<EditResult>;
  /** The same edits, then a naive full-table read + filter + sort + re-render of the grid. */
  naiveEditVisible(samples: number): Promise<EditResult>;
  saveSnapshot(): Promise<{ ms: number }>;
  heapMb(): Promise<number>;
  /** Shows the grid with no rows (before any data: the heap baseline). */
  emptyGrid(): Promise<void>;
  /** Keeps every ticket object in memory (what a naive list holds); returns how many. */
  holdAllTickets(): Promise<number>;
  dropHeldTickets(): Promise<void>;
  /** The app's worker search client over the same store, until its index is ready. */
  startSearch(): Promise<{ ms: number; indexed: number; hits: number }>;
  stopSearch(): Promise<void>;
}
