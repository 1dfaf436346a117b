import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useOutpostDb } from '../../app/db-context';
import type { OutpostDb } from '../../db/database';
import type { IndexStatus, SearchResponse } from '../../workers/indexer';
import type { SearchQueryOptions } from '../../workers/search-protocol';
import { createSearchClient, type SearchClient } from './search-client';

const SearchContext = createContext<SearchClient | null>(null);

/** One search index per signed-in local store; saved when the page goes away. */
export const SearchProvider = (props: {
  children: ReactNode;
  factory?: (db: OutpostDb) => SearchClient;
}) => {
  const db = useOutpostDb();
  const factory = props.factory ?? createSearchClient;
  // The client belongs to this database; a new factory prop does not replace it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const client = useMemo(() => factory(db), [db]);
  useEffect(() => {
    const save = () => client.flush();
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      client.close();
    };
  }, [client]);
  return <SearchContext.Provider value={client}>{props.children}</SearchContext.Provider>;
};

export const useSearchClient = (): SearchClient => {
  const c = useContext(SearchContext);
  if (!c) throw new Error('useSearchClient outside SearchProvider');
  return c;
};

export const useIndexStatus = (): IndexStatus => {
  const client = useSearchClient();
  return useSyncExternalStore(client.subscribe, client.status);
};

export interface SearchState {
  /** The latest answer (kept while the next one is on its way, so rows never flash). */
  response: SearchResponse | null;
  /** A newer query than `response` is being answered. */
  pending: boolean;
  error: string | null;
}

/**
 * Results for `query` as it changes. Only the newest answer is shown; an
 * answer to an older query that arrives late is dropped. `delayMs` waits for
 * typing to pause (duplicate suggestions); the palette asks on every key.
 */
export const useSearch = (
  query: string,
  options: SearchQueryOptions = {},
  delayMs = 0,
): SearchState => {
  const client = useSearchClient();
  // Asked again when the index changes (a build progressing, a synced edit),
  // so open results never go stale.
  const { revision } = useIndexStatus();
  const optionsKey = JSON.stringify(options);
  const key = `${query}\u0000${optionsKey}`;
  const [answer, setAnswer] = useState<{
    key: string;
    response: SearchResponse | null;
    error: string | null;
  }>({ key: '', response: null, error: null });
  const latest = useRef(0);
  const blank = query.trim() === '';
  useEffect(() => {
    if (blank) return;
    const id = ++latest.current;
    const run = () => {
      client.search(query, JSON.parse(optionsKey) as SearchQueryOptions).then(
        (response) => {
          if (latest.current === id) setAnswer({ key, response, error: null });
        },
        (e: unknown) => {
          if (latest.current === id)
            setAnswer((a) => ({ key, response: a.response, error: (e as Error).message }));
        },
      );
    };
    if (delayMs <= 0) {
      run();
      return;
    }
    const timer = window.setTimeout(run, delayMs);
    return () => window.clearTimeout(timer);
  }, [client, query, optionsKey, key, delayMs, blank, revision]);
  return {
    response: blank ? null : answer.response,
    pending: !blank && answer.key !== key,
    error: !blank && answer.key === key ? answer.error : null,
  };
};
