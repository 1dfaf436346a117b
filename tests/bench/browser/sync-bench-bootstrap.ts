import PouchDB from 'pouchdb-browser';
import { newId } from '../../../src/shared/ids';
import { PROTOCOL_VERSION, SYNC_PREFIX } from '../../../src/shared/sync/protocol';
import { API_PREFIX, meResponseSchema } from '../../../src/shared/api/accounts';
import type { Actor } from '../../../src/shared/domain/actor';
import {
  openOutpostDb,
  openOutpostDbByName,
  recordTables,
  type OutpostDb,
} from '../../../src/renderer/db/database';
import { derivedSlaOf } from '../../../src/renderer/db/derived-sla';
import { allTickets, countTickets } from '../../../src/renderer/db/ticket-packs';
import { runBootstrap } from '../../../src/renderer/sync/bootstrap';
import { createSyncEngine } from '../../../src/renderer/sync/engine';
import { createIndexedDbJournal, journalDbName } from '../../../src/renderer/sync/journal';
import { openOrRebuild } from '../../../src/renderer/sync/rebuild';
import { createHttpTransport } from '../../../src/renderer/sync/transport';
import type { LoadResult } from '../lib/sync-bench-api';
import {
  actor,
  deleteDatabase,
  heapPeak,
  lines,
  requestDone,
  transactionDone,
} from './sync-bench-common';

/*
 * The ways of loading a hub's records into Chromium IndexedDB that the
 * bootstrap benchmark compares, each timed from the first request to the
 * last row durably written.
 */

/**
 * Outpost's real first sync, assembled as the app's createBrowserLocalStore
 * assembles it (src/renderer/app/db-context.tsx): the app's store
 * (openOutpostDb, so every ticket row goes through the derived-SLA DBCore
 * middleware), its IndexedDB journal, the sync engine over the HTTP
 * transport with the session re-read before bootstrap; opened with
 * openOrRebuild, then one engine round (journal recovery, pull → bootstrap,
 * push, pull). Timed until the round ends AND the middleware's background
 * work (reference reload, recompute of rows written with stale reference
 * data) is idle: only then does every row carry its SLA fields.
 *
 * The database is the app's own name for this user on this origin; any copy
 * left by an earlier repetition is deleted before the clock starts.
 */
export async function outpostBootstrap(): Promise<LoadResult> {
  const signedIn = actor();
  const db = openOutpostDb(location.origin, signedIn.userId);
  await deleteDatabase(db.name);
  await deleteDatabase(journalDbName(db.name));
  const engine = createSyncEngine({
    db,
    journal: createIndexedDbJournal(db.name),
    transport: createHttpTransport({ base: '' }),
    actor: signedIn,
    now: () => Date.now(),
    refreshActor: me,
  });
  const heap = heapPeak();
  const t0 = performance.now();
  const opening = await openOrRebuild(db);
  if (opening.kind !== 'opened') throw new Error(`store did not open: ${JSON.stringify(opening)}`);
  await engine.syncOnce();
  const syncedMs = performance.now() - t0;
  const derived = derivedSlaOf(db);
  if (!derived) throw new Error('the app store has no derived-SLA middleware');
  await derived.idle();
  const ms = performance.now() - t0;
  const peakHeapMb = heap.stopMb();
  const rows = await countRows(db);
  const tickets = await countTickets(db);
  const unstamped = (await allTickets(db)).filter((t) => t.slaFp === undefined).length;
  db.close();
  await deleteDatabase(db.name);
  await deleteDatabase(journalDbName(db.name));
  if (unstamped !== 0) throw new Error(`${unstamped} tickets have no derived SLA fields`);
  return { ms, rows, tickets, peakHeapMb, syncedMs };
}

/**
 * The same bootstrap into the store WITHOUT the middleware
 * (openOutpostDbByName: rows as the hub sent them): what the middleware costs.
 */
export async function plainStoreBootstrap(dbName: string): Promise<LoadResult> {
  const db = openOutpostDbByName(dbName);
  await db.open();
  const transport = createHttpTransport({ base: '' });
  const heap = heapPeak();
  const t0 = performance.now();
  const r = await runBootstrap(db, transport, actor(), () => Date.now(), heap.sample);
  const ms = performance.now() - t0;
  const peakHeapMb = heap.stopMb();
  if (!r.ok) throw new Error(`bootstrap failed: ${JSON.stringify(r.error)}`);
  const rows = await countRows(db);
  const tickets = await countTickets(db);
  db.close();
  if (rows !== r.rows) throw new Error(`bootstrap said ${r.rows} rows but ${rows} are stored`);
  return { ms, rows, tickets, peakHeapMb };
}

/**
 * Rows stored: each table's, plus the comments, work log entries and tickets
 * held in packs (a packed ticket written again since is counted once).
 */
async function countRows(db: OutpostDb): Promise<number> {
  let rows = 0;
  for (const t of recordTables) if (t !== 'tickets') rows += await db.table(t).count();
  await db.childPacks.each((p) => {
    rows += p.childIds.length;
  });
  return rows + (await countTickets(db));
}

/** GET /auth/me, as the app's refreshActor does before a bootstrap. */
async function me(): Promise<Actor> {
  const res = await fetch(`${API_PREFIX}/auth/me`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`GET /auth/me: HTTP ${res.status}`);
  const { user } = meResponseSchema.parse(await res.json());
  return { userId: user.id, roles: user.roles, queueIds: user.queueIds };
}

/**
 * The baseline: the same NDJSON stream, JSON.parse per line (no validation),
 * every row `put` into ONE object store without indexes, in transactions of
 * the same chunk size as Outpost's bootstrap (2,000 rows), awaited in turn.
 * With `onlyEntity`, only that entity's rows are written (the rest is read
 * and parsed): what the tickets alone cost as one record each.
 * With `perRecord` > 1, that many rows are put as one record (a list): what
 * storing rows packed, not one record each, would cost IndexedDB.
 */
export async function rawBootstrap(
  dbName: string,
  chunk: number,
  perRecord = 1,
  onlyEntity?: string,
): Promise<LoadResult> {
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('rows');
  const idb = await requestDone(open);
  const heap = heapPeak();
  const t0 = performance.now();
  const res = await fetch(
    `${SYNC_PREFIX}/bootstrap?clientId=${newId()}&protocol=${PROTOCOL_VERSION}`,
    { headers: { Accept: 'application/x-ndjson' }, credentials: 'same-origin' },
  );
  if (!res.ok || !res.body) throw new Error(`raw bootstrap: HTTP ${res.status}`);
  let buffer: [string, unknown][] = [];
  let rows = 0;
  let records = 0;
  let tickets = 0;
  let writeMs = 0;
  let ended = false;
  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const w0 = performance.now();
    const tx = idb.transaction('rows', 'readwrite');
    const store = tx.objectStore('rows');
    if (perRecord === 1) for (const [key, value] of batch) store.put(value, key);
    else {
      for (let i = 0; i < batch.length; i += perRecord) {
        store.put(
          batch.slice(i, i + perRecord).map(([, value]) => value),
          batch[i]![0],
        );
      }
    }
    records += Math.ceil(batch.length / perRecord);
    await transactionDone(tx);
    writeMs += performance.now() - w0;
    heap.sample();
  };
  for await (const line of lines(res.body)) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line) as { type: string; entity?: string; rows?: { id?: string }[] };
    if (msg.type === 'rows' && msg.rows) {
      if (onlyEntity && msg.entity !== onlyEntity) continue;
      for (const r of msg.rows) buffer.push([`${msg.entity}:${r.id ?? 'domain'}`, r]);
      rows += msg.rows.length;
      if (msg.entity === 'ticket') tickets += msg.rows.length;
      if (buffer.length >= chunk) await flush();
    } else if (msg.type === 'end') {
      await flush();
      ended = true;
    }
  }
  const ms = performance.now() - t0;
  const peakHeapMb = heap.stopMb();
  const stored = await requestDone(idb.transaction('rows').objectStore('rows').count());
  idb.close();
  if (!ended || stored !== records) {
    throw new Error(`raw bootstrap: ${stored} of ${records} records (${rows} rows) stored`);
  }
  return { ms, rows, tickets, peakHeapMb, writeMs };
}

/** The peer: PouchDB (idb adapter) replicating the same records from pouchdb-server. */
export async function pouchReplicate(
  remote: string,
  dbName: string,
  batchSize?: number,
): Promise<LoadResult> {
  const local = new PouchDB(dbName);
  const heap = heapPeak();
  const t0 = performance.now();
  const result = await local.replicate
    .from(remote, batchSize ? { batch_size: batchSize } : {})
    .on('change', () => heap.sample())
    .catch((e: unknown) => {
      // PouchDB rejects with plain objects ({status, name, reason}); keep what they say.
      throw new Error(
        `PouchDB replication from ${remote} failed: ${JSON.stringify(e)} ${String(e)}`,
      );
    });
  const ms = performance.now() - t0;
  const peakHeapMb = heap.stopMb();
  const info = await local.info();
  await local.destroy();
  if (!result.ok || result.doc_write_failures > 0) {
    throw new Error(`PouchDB replication failed: ${JSON.stringify(result)}`);
  }
  return { ms, rows: info.doc_count, tickets: Number.NaN, peakHeapMb };
}
