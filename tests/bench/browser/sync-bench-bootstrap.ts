import PouchDB from 'pouchdb-browser';
import { newId } from '../../../src/shared/ids';
import { PROTOCOL_VERSION, SYNC_PREFIX } from '../../../src/shared/sync/protocol';
import { openOutpostDbByName, recordTables } from '../../../src/renderer/db/database';
import { runBootstrap } from '../../../src/renderer/sync/bootstrap';
import { createHttpTransport } from '../../../src/renderer/sync/transport';
import type { LoadResult } from '../lib/sync-bench-api';
import { actor, heapPeak, lines, requestDone, transactionDone } from './sync-bench-common';

/*
 * The three ways of loading a hub's records into Chromium IndexedDB that the
 * bootstrap benchmark compares, each timed from the first request to the
 * last row durably written.
 */

/** Outpost's real first sync: runBootstrap over the HTTP transport into the Dexie store. */
export async function outpostBootstrap(dbName: string): Promise<LoadResult> {
  const db = openOutpostDbByName(dbName);
  await db.open();
  const transport = createHttpTransport({ base: '' });
  const heap = heapPeak();
  const t0 = performance.now();
  const r = await runBootstrap(db, transport, actor(), () => Date.now(), heap.sample);
  const ms = performance.now() - t0;
  const peakHeapMb = heap.stopMb();
  if (!r.ok) throw new Error(`bootstrap failed: ${JSON.stringify(r.error)}`);
  let rows = 0;
  for (const t of recordTables) rows += await db.table(t).count();
  const tickets = await db.tickets.count();
  db.close();
  if (rows !== r.rows) throw new Error(`bootstrap said ${r.rows} rows but ${rows} are stored`);
  return { ms, rows, tickets, peakHeapMb };
}

/**
 * The baseline: the same NDJSON stream, JSON.parse per line (no validation),
 * every row `put` into ONE object store without indexes, in transactions of
 * the same chunk size as Outpost's bootstrap (2,000 rows), awaited in turn.
 */
export async function rawBootstrap(dbName: string, chunk: number): Promise<LoadResult> {
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
    for (const [key, value] of batch) store.put(value, key);
    await transactionDone(tx);
    writeMs += performance.now() - w0;
    heap.sample();
  };
  for await (const line of lines(res.body)) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line) as { type: string; entity?: string; rows?: { id?: string }[] };
    if (msg.type === 'rows' && msg.rows) {
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
  if (!ended || stored !== rows) throw new Error(`raw bootstrap: ${stored} of ${rows} rows stored`);
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
