/// <reference lib="webworker" />
import { openOutpostDbByName } from '../db/database';
import { createIndexer, type Indexer } from './indexer';
import type { FromWorker, ToWorker } from './search-protocol';
import { openSearchStore } from './search-store';

/**
 * The search index lives here, off the page's thread: building it, keeping
 * it current and answering queries never delay a keystroke. The worker opens
 * the same local database as the page (IndexedDB is shared by origin) and
 * hears of writes through Dexie's cross-context change signal.
 */
declare const self: DedicatedWorkerGlobalScope;

let indexer: Indexer | null = null;
const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'open') {
    if (indexer) return;
    const source = openOutpostDbByName(msg.dbName);
    indexer = createIndexer({
      source,
      store: openSearchStore(msg.dbName),
      now: () => Date.now(),
      timers: {
        setTimeout: (fn, ms) => self.setTimeout(fn, ms),
        clearTimeout: (h) => self.clearTimeout(h as number),
      },
      onStatus: (status) => post({ type: 'status', status }),
    });
    indexer
      .start()
      .catch((e: unknown) =>
        post({ type: 'error', id: null, message: e instanceof Error ? e.message : String(e) }),
      );
    return;
  }
  if (!indexer) {
    post({ type: 'error', id: msg.type === 'search' ? msg.id : null, message: 'not opened' });
    return;
  }
  if (msg.type === 'flush') {
    void indexer.flush();
    return;
  }
  if (msg.type === 'close') {
    const closing = indexer;
    void closing
      .flush()
      .catch(() => undefined)
      .finally(() => {
        closing.stop();
        self.close();
      });
    return;
  }
  const { exclude, ...rest } = msg.options;
  indexer.search(msg.query, { ...rest, exclude: exclude ? new Set(exclude) : undefined }).then(
    (response) => post({ type: 'result', id: msg.id, response }),
    (e: unknown) =>
      post({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) }),
  );
};
