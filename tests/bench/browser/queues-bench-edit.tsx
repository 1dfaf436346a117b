import type { Ticket } from '../../../src/shared/domain/ticket';
import { baseFor } from '../../../src/shared/sync/mutations/set-fields';
import {
  createWorkerSearchClient,
  type SearchClient,
} from '../../../src/renderer/features/search/search-client';
import { createSyncEngine, type SyncEngine } from '../../../src/renderer/sync/engine';
import { createIndexedDbJournal } from '../../../src/renderer/sync/journal';
import { createHttpTransport } from '../../../src/renderer/sync/transport';
import type { EditResult, QueuesBenchApi } from '../lib/queues-bench-api';
import {
  actor,
  frame,
  HUB,
  LiveGrid,
  mount,
  naiveQueueRows,
  NOW,
  page,
  painted,
  queueView,
  rerender,
  StaticGrid,
} from './queues-bench-page';

/**
 * Local edits as the UI makes them, and the heap with the search index:
 * - an edit goes through the sync engine's `mutate` (what useMutate calls:
 *   journal copy, then the ticket row and its outbox entry in one Dexie
 *   transaction), and is timed until the queue grid's DOM shows it;
 * - the naive baseline makes the same edit, then re-reads the whole tickets
 *   table, filters, sorts and re-renders the grid (no row store);
 * - the search index is started the way the app starts it (the worker
 *   search client over the same store), so the heap of the page (row store)
 *   and of the worker (index) can be read together.
 */

let engine: { db: unknown; engine: SyncEngine } | null = null;
let search: SearchClient | null = null;
/** What a naive list keeps: every ticket object (held only while its heap is read). */
let held: Ticket[] | null = null;

/**
 * The app's engine on the current store. Its transport is never called: without
 * timers the engine runs no background loop, so edits stay in the outbox, as
 * when the agent is offline.
 */
const theEngine = (): SyncEngine => {
  const db = page.db!;
  if (engine?.db !== db) {
    const e = createSyncEngine({
      db,
      journal: createIndexedDbJournal(db.name),
      transport: createHttpTransport({ base: HUB }),
      actor: actor(),
      now: () => NOW,
    });
    engine = { db, engine: e };
  }
  return engine.engine;
};

/** Resolves with the time at which row `id` of the DOM first contains `text`. */
const shown = (id: string, text: string): Promise<number> =>
  new Promise((resolve) => {
    const has = () => document.getElementById(`queue-row-${id}`)?.textContent?.includes(text);
    if (has()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!has()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document.getElementById('root')!, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });

/** One title edit of the first row, through the engine; `refresh` is what the UI does after it. */
async function timeEdits(
  samples: number,
  refresh: (write: Promise<unknown>) => Promise<void>,
  warmup = 0,
): Promise<EditResult> {
  const out: EditResult = { visibleMs: [], framedMs: [], savedMs: [], pending: 0 };
  const e = theEngine();
  for (let i = -warmup; i < samples; i++) {
    await frame();
    const id = document.querySelector('[data-testid="queue-row"]')!.id.replace('queue-row-', '');
    // The screen already holds the ticket it edits: read before the clock starts.
    const t = (await page.db!.tickets.get(id))!;
    const title = `${t.title.replace(/ \(edit \d+\)$/, '')} (edit ${i})`;
    const fields = { title };
    const started = performance.now();
    const visible = shown(id, title);
    const write = e
      .mutate({
        name: 'ticket.setFields',
        version: 1,
        args: { ticketId: id, fields, base: baseFor(t, fields) },
      })
      .then((r) => {
        if (!r.ok) throw new Error(`the edit was refused: ${r.error.message}`);
        return performance.now();
      });
    await refresh(write);
    const at = await visible;
    await frame();
    const framed = performance.now() - started;
    const saved = (await write) - started;
    if (i < 0) continue;
    out.framedMs.push(framed);
    out.visibleMs.push(at - started);
    out.savedMs.push(saved);
  }
  out.pending = await page.db!.outbox.count();
  return out;
}

export const editVisible: QueuesBenchApi['editVisible'] = async (samples, warmup) => {
  mount(<LiveGrid s={page.store!} view={queueView()} />);
  await painted(1);
  // The row store hears of the write from the middleware: nothing else to do.
  return timeEdits(samples, async () => undefined, warmup);
};

export const naiveEditVisible: QueuesBenchApi['naiveEditVisible'] = async (samples) => {
  mount(<StaticGrid rows={await naiveQueueRows()} />);
  await painted(1);
  return timeEdits(samples, async (write) => {
    await write;
    rerender(<StaticGrid rows={await naiveQueueRows()} />);
  });
};

export const holdAllTickets: QueuesBenchApi['holdAllTickets'] = async () => {
  held = (await page.db!.tickets.toArray()) as Ticket[];
  return held.length;
};

export const dropHeldTickets: QueuesBenchApi['dropHeldTickets'] = async () => {
  held = null;
};

/** The app's search client (a worker over the same store), until its index is ready. */
export const startSearch: QueuesBenchApi['startSearch'] = async () => {
  search?.close();
  const started = performance.now();
  const c = createWorkerSearchClient(page.db!);
  search = c;
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const s = c.status();
      if (s.phase === 'ready') resolve();
      else if (s.phase === 'failed') reject(new Error(`search worker failed: ${s.error}`));
      else return;
      stop();
    };
    const stop = c.subscribe(check);
    check();
  });
  const hits = await c.search('printer');
  return {
    ms: performance.now() - started,
    indexed: c.status().indexed,
    hits: hits.results.length,
  };
};

export const stopSearch: QueuesBenchApi['stopSearch'] = async () => {
  search?.close();
  search = null;
};
