import type { Actor } from '../../shared/domain/actor';
import type { SyncEntity } from '../../shared/sync/protocol';
import { createPackBuilder, isPackedTable, type ChildPack } from '../db/child-packs';
import { recordTables, tableOf, type OutpostDb, type RecordTable } from '../db/database';
import { createTicketPacker, packsTicket, type TicketPack } from '../db/ticket-packs';
import type { Ticket } from '../../shared/domain/ticket';
import type { ApiError } from '../api/errors';
import { syncTables } from './local-store';
import { isLocalConflict } from './oversized';
import { reapplyPending } from './rebase';
import { nameOf } from './rebuild';
import { loadSyncMeta, saveSyncMeta } from './sync-meta';
import { BootstrapStreamError, type SyncTransport } from './transport';

export interface BootstrapProgress {
  rows: number;
}

export type BootstrapResult =
  | { ok: true; rows: number; acked: number[] }
  | { ok: false; error: ApiError | { kind: 'stream'; message: string } };

export const DISK_FULL =
  'This device ran out of disk space while loading the hub’s records; free some space and Outpost will try again';

/** Rows per Dexie transaction (SYNC.md: large writes are chunked). */
export const CHUNK = 2000;

const rowOf = (entity: SyncEntity, row: unknown): unknown => {
  if (entity !== 'setting') return row;
  return { id: 'domain', value: row };
};

/**
 * First load, and reload after an access change or log compaction: streams
 * the hub's current records into the local tables in chunked bulkPuts. Old
 * rows stay readable until the stream has ended whole; then rows the hub no
 * longer sent (a queue taken away) are purged, the acknowledged outbox is
 * dropped and the pending rest re-applied on top.
 */
export async function runBootstrap(
  db: OutpostDb,
  transport: SyncTransport,
  actor: Actor,
  now: () => number,
  onProgress?: (p: BootstrapProgress) => void,
): Promise<BootstrapResult> {
  const meta = await db.transaction('rw', db.syncState, () => loadSyncMeta(db));
  const opened = await transport.bootstrap(meta.clientId);
  if (!opened.ok) return opened;
  const seen = new Map<RecordTable, Set<string>>(recordTables.map((t) => [t, new Set()]));
  // Comments and work log entries go into packs (child-packs.ts), not rows;
  // so do closed, cancelled and rejected tickets (ticket-packs.ts).
  const packer = createPackBuilder();
  const ticketPacker = createTicketPacker();
  const packs: Packed = { childPackIds: new Set(), ticketPackIds: new Set(), ticketIds: new Set() };
  let begin: { cursor: number; lastMutationId: number; aclHash: string } | null = null;
  let buffer: { table: RecordTable | 'childPacks' | 'ticketPacks'; rows: unknown[] }[] = [];
  let buffered = 0;
  let rows = 0;
  const addPacks = (made: ChildPack[]) => {
    if (made.length === 0) return;
    for (const p of made) packs.childPackIds.add(p.id);
    buffer.push({ table: 'childPacks', rows: made });
  };
  const addTicketPack = (pack: TicketPack | null) => {
    if (!pack) return;
    packs.ticketPackIds.add(pack.id);
    for (const id of pack.ticketIds) packs.ticketIds.add(id);
    buffer.push({ table: 'ticketPacks', rows: [pack] });
  };
  /** Open tickets become rows, the rest go into packs. */
  const addTickets = (tickets: Ticket[]) => {
    const asRows: Ticket[] = [];
    for (const t of tickets) {
      if (packsTicket(t)) addTicketPack(ticketPacker.add(t));
      else asRows.push(t);
    }
    for (const t of asRows) seen.get('tickets')!.add(t.id);
    if (asRows.length) buffer.push({ table: 'tickets', rows: asRows });
  };
  // Each chunk commits before the next line is read. Reading the next chunk
  // while one commits was measured (100k tickets, Chromium): no faster, as
  // the time is IndexedDB's own (a raw put of the same rows without Dexie
  // or indexes took as long either way).
  const flush = async () => {
    if (buffered === 0) return;
    const batch = buffer;
    buffer = [];
    buffered = 0;
    // Always with tickets: writing a ticket pack reads which tickets have rows (derived-sla.ts).
    await db.transaction(
      'rw',
      [...new Set(['tickets', ...batch.map((b) => b.table)])].map((t) => db.table(t)),
      async () => {
        for (const b of batch) await db.table(b.table).bulkPut(b.rows);
      },
    );
    onProgress?.({ rows });
  };
  try {
    for await (const line of opened.value) {
      if (line.type === 'begin') {
        begin = line;
      } else if (line.type === 'rows') {
        const table = tableOf[line.entity];
        const set = seen.get(table)!;
        const mapped = line.rows.map((r) => rowOf(line.entity, r));
        if (isPackedTable(table)) addPacks(packer.add(table, mapped));
        else if (table === 'tickets') addTickets(mapped as Ticket[]);
        else {
          for (const r of mapped) set.add((r as { id: string }).id);
          buffer.push({ table, rows: mapped });
        }
        buffered += mapped.length;
        rows += mapped.length;
        if (buffered >= CHUNK) await flush();
      } else {
        const rest = packer.rest();
        if (rest) addPacks([rest]);
        addTicketPack(ticketPacker.rest());
        await flush();
        if (!begin || line.rows !== rows) {
          return {
            ok: false,
            error: { kind: 'stream', message: 'The bootstrap stream was incomplete; retrying' },
          };
        }
        const b = begin;
        const acked = await finish(db, seen, packs, b, actor, now());
        return { ok: true, rows, acked };
      }
    }
  } catch (e) {
    if (nameOf(e) === 'QuotaExceededError') {
      return { ok: false, error: { kind: 'stream', message: DISK_FULL } };
    }
    if (e instanceof BootstrapStreamError)
      return { ok: false, error: { kind: 'stream', message: e.message } };
    return {
      ok: false,
      error: { kind: 'stream', message: 'The connection dropped while loading; retrying' },
    };
  }
  return {
    ok: false,
    error: { kind: 'stream', message: 'The bootstrap stream ended early; retrying' },
  };
}

/** The packs a bootstrap wrote, and the tickets its ticket packs hold. */
interface Packed {
  childPackIds: Set<string>;
  ticketPackIds: Set<string>;
  ticketIds: Set<string>;
}

async function finish(
  db: OutpostDb,
  seen: Map<RecordTable, Set<string>>,
  packs: Packed,
  begin: { cursor: number; lastMutationId: number; aclHash: string },
  actor: Actor,
  now: number,
): Promise<number[]> {
  return db.transaction('rw', syncTables(db), async () => {
    // Shadows hold confirmed values older than what was just loaded.
    await db.shadows.clear();
    const gone = await dropOldTicketPacks(db, packs, seen.get('tickets')!);
    for (const [table, ids] of seen) {
      const keys = (await db.table(table).toCollection().primaryKeys()) as string[];
      let stale = keys.filter((k) => !ids.has(k));
      if (table === 'conflicts' && stale.length) {
        // Conflicts this device made itself (an edit too large to send) were never on the hub.
        const local = new Set<string>(
          (await db.conflicts.bulkGet(stale)).flatMap((c) =>
            c && isLocalConflict(c) ? [c.id] : [],
          ),
        );
        stale = stale.filter((k) => !local.has(k));
      }
      // Stale tickets include the rows of tickets this load packed (the
      // packed copy is newer). `gone` are tickets only older packs held:
      // deleted as rows too, so that listeners hear they went.
      if (table === 'tickets') stale.push(...gone);
      if (stale.length) await db.table(table).bulkDelete(stale);
    }
    // Packs of an earlier load: this one's packs hold every child the hub sent.
    const oldPacks = ((await db.childPacks.toCollection().primaryKeys()) as string[]).filter(
      (k) => !packs.childPackIds.has(k),
    );
    if (oldPacks.length) await db.childPacks.bulkDelete(oldPacks);
    const acked = (await db.outbox
      .where('mutationId')
      .belowOrEqual(begin.lastMutationId)
      .primaryKeys()) as number[];
    await db.outbox.bulkDelete(acked);
    const meta = await loadSyncMeta(db);
    await reapplyPending(db, actor, meta.clientId);
    await saveSyncMeta(db, {
      ...meta,
      cursor: begin.cursor,
      aclHash: begin.aclHash,
      ackedMutationId: Math.max(meta.ackedMutationId, begin.lastMutationId),
      bootstrapped: true,
      lastSyncedAt: now,
    });
    return acked;
  });
}

/**
 * Deletes the ticket packs of earlier loads. Returns the ids of tickets only
 * they held (the hub no longer sent them): the caller deletes those as rows
 * too, so that whoever listens to ticket deletes hears they went.
 */
async function dropOldTicketPacks(
  db: OutpostDb,
  packs: Packed,
  rows: Set<string>,
): Promise<string[]> {
  const old = ((await db.ticketPacks.toCollection().primaryKeys()) as string[]).filter(
    (k) => !packs.ticketPackIds.has(k),
  );
  if (old.length === 0) return [];
  const held = (await db.ticketPacks.orderBy('ticketIds').uniqueKeys()) as string[];
  await db.ticketPacks.bulkDelete(old);
  return held.filter((id) => !packs.ticketIds.has(id) && !rows.has(id));
}
