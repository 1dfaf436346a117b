import type { IndexStatus, SearchResponse } from './indexer';
import type { SearchOptions } from './index-document';

/**
 * Messages between the page and the search worker. Both ends ship in the
 * same build from the same origin, so these are typed rather than parsed.
 */
export type SearchQueryOptions = Omit<SearchOptions, 'exclude'> & { exclude?: string[] };

export type ToWorker =
  | { type: 'open'; dbName: string }
  | { type: 'search'; id: number; query: string; options: SearchQueryOptions }
  | { type: 'flush' }
  /** Save and stop (sign-out, page closing): the worker ends itself once saved. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'status'; status: IndexStatus }
  | { type: 'result'; id: number; response: SearchResponse }
  | { type: 'error'; id: number | null; message: string };
