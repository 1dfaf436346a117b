/**
 * What the search benchmark page (tests/bench/browser/search-bench.ts)
 * exposes as `window.searchBench`; the Node side (tests/bench/search.ts)
 * drives it through Playwright. All times are milliseconds.
 */
export interface SearchLoadResult {
  tickets: number;
  comments: number;
  ms: number;
}

export interface SearchBuildResult {
  ms: number;
  indexed: number;
  /** The saved copy: time to write it and its size in bytes. */
  saveMs: number;
  savedBytes: number;
}

export interface KeystrokeResult {
  /** One entry per keystroke (each prefix of each query, from 2 characters). */
  times: number[];
  /** Results shown for the last keystroke of each query. */
  finalHits: number[];
}

export interface SearchBenchApi {
  load(tickets: number, seed: string): Promise<SearchLoadResult>;
  buildIndex(): Promise<SearchBuildResult>;
  restart(): Promise<{ ms: number; start: string | null; upserts: number }>;
  typeQueries(queries: string[]): Promise<KeystrokeResult>;
  naiveScan(queries: string[], maxKeystrokes: number): Promise<KeystrokeResult>;
  /** The app's worker search client, started on the saved index; until it reports ready. */
  startWorkerSearch(): Promise<{ ms: number; indexed: number }>;
  /** Keystrokes through the worker client, each including the round trip. */
  workerTypeQueries(queries: string[]): Promise<KeystrokeResult>;
  stopWorkerSearch(): Promise<void>;
  miniSearchBuild(): Promise<{ ms: number }>;
  miniSearchQueries(queries: string[]): Promise<KeystrokeResult>;
  dropMiniSearch(): Promise<void>;
  heapMb(): Promise<number>;
}
