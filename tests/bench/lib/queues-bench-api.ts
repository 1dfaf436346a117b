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

export interface QueuesBenchApi {
  load(tickets: number, seed: string): Promise<QueuesLoadResult>;
  /** App start: the row store from its snapshot (or from the tickets without one), then the queue painted. */
  coldOpen(withSnapshot: boolean): Promise<PaintResult & { storeMs: number }>;
  /** The store loaded: open another view and paint it. */
  warmOpen(): Promise<PaintResult>;
  /** Naive: read the whole tickets table, filter and Array.sort, then paint the same grid. */
  naiveOpen(): Promise<PaintResult>;
  /** Filter/sort variants over the in-memory rows; each time is one selectRows call. */
  filterSort(): Promise<{ names: string[]; times: number[]; naiveTimes: number[] }>;
  scroll(virtualised: boolean): Promise<ScrollResult>;
  /** A local edit written to IndexedDB until the grid shows it. */
  editVisible(samples: number): Promise<number[]>;
  saveSnapshot(): Promise<{ ms: number }>;
  heapMb(): Promise<number>;
}
