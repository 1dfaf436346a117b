import type { SyncBenchApi } from '../lib/sync-bench-api';
import {
  outpostBootstrap,
  plainStoreBootstrap,
  pouchReplicate,
  rawBootstrap,
} from './sync-bench-bootstrap';
import { deleteDatabase, login } from './sync-bench-common';
import { prepareBacklog, pushBacklog } from './sync-bench-push';

/**
 * Entry of the sync benchmark page (built with vite, served by the hub under
 * test so every request is same-origin with the session cookie). The Node
 * side drives it through `window.syncBench` with Playwright.
 */
const syncBench: SyncBenchApi = {
  login,
  outpostBootstrap,
  plainStoreBootstrap,
  rawBootstrap,
  pouchReplicate,
  deleteDatabase,
  prepareBacklog,
  pushBacklog,
};

declare global {
  interface Window {
    syncBench: SyncBenchApi;
  }
}

window.syncBench = syncBench;
document.title = 'Outpost sync benchmarks (ready)';
