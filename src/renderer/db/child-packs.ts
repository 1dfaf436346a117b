import type { Comment } from '../../shared/domain/comment';
import { newId } from '../../shared/ids';
import type { WorklogEntry } from '../../shared/domain/worklog';
import type { OutpostDb } from './database';

/**
 * Comments and work log entries loaded by a first sync are stored packed: a
 * few hundred rows to one IndexedDB record. Chromium's IndexedDB spends most
 * of a bulk load per record (one request each), not per byte: 100,000 tickets'
 * 435,000 children took about 35 s as one record each and about 1 s packed on
 * the 2-core machine of PERFORMANCE.md. Children written later (a comment
 * made here, one pulled from the hub) are rows of `comments` / `worklogs` as
 * before, so everyday writes stay small.
 *
 * Reads take both: the packs that hold rows of the tickets asked for and the
 * rows. Comments and work log entries are append-only on the hub (inserted once
 * by their id, never edited), so a row in two places is the same row twice, and
 * the reads keep one. A re-bootstrap writes new packs and, once its stream
 * ended whole, deletes the older packs and rows (bootstrap.ts).
 */

export const packedTables = ['comments', 'worklogs'] as const;
export type PackedTable = (typeof packedTables)[number];
export const isPackedTable = (table: string): table is PackedTable =>
  (packedTables as readonly string[]).includes(table);

export interface PackedRows {
  comments: Comment;
  worklogs: WorklogEntry;
}
type Row = PackedRows[PackedTable];

export interface ChildPack {
  id: string;
  /** The tickets whose rows the pack holds (a multi-entry index). */
  ticketIds: string[];
  /** The rows' ids (not indexed: see packsHolding). */
  childIds: string[];
  comments: Comment[];
  worklogs: WorklogEntry[];
}

/** Rows per pack: big enough that records are few, small enough that opening a ticket reads little. */
export const PACK_ROWS = 250;

const packOf = (comments: Comment[], worklogs: WorklogEntry[]): ChildPack => {
  const rows: Row[] = [...comments, ...worklogs];
  return {
    id: newId(),
    ticketIds: [...new Set(rows.map((r) => r.ticketId))],
    childIds: rows.map((r) => r.id),
    comments,
    worklogs,
  };
};

/** Collects a bootstrap's children into packs of PACK_ROWS rows. */
export function createPackBuilder(size = PACK_ROWS) {
  let comments: Comment[] = [];
  let worklogs: WorklogEntry[] = [];
  const take = (): ChildPack => {
    const pack = packOf(comments, worklogs);
    comments = [];
    worklogs = [];
    return pack;
  };
  return {
    /** Adds rows; returns the packs that became full. */
    add(table: PackedTable, rows: readonly unknown[]): ChildPack[] {
      const full: ChildPack[] = [];
      for (const r of rows) {
        if (table === 'comments') comments.push(r as Comment);
        else worklogs.push(r as WorklogEntry);
        if (comments.length + worklogs.length >= size) full.push(take());
      }
      return full;
    },
    /** The last, partly filled pack (null if none). */
    rest: (): ChildPack | null => (comments.length + worklogs.length > 0 ? take() : null),
  };
}

/**
 * Rows and packed rows by id, rows last (a row written since the pack is the
 * newer copy), in id order as an index read of the rows alone returned them.
 */
const merged = <T extends PackedTable>(
  table: T,
  packs: readonly ChildPack[],
  rows: readonly PackedRows[T][],
  keep: (r: PackedRows[T]) => boolean,
): PackedRows[T][] => {
  const byId = new Map<string, PackedRows[T]>();
  for (const p of packs) {
    for (const r of p[table] as PackedRows[T][]) if (keep(r)) byId.set(r.id, r);
  }
  for (const r of rows) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

/** The comments or work log entries of these tickets, packed or not. */
export async function childrenOf<T extends PackedTable>(
  db: OutpostDb,
  table: T,
  ticketIds: readonly string[],
): Promise<PackedRows[T][]> {
  if (ticketIds.length === 0) return [];
  const [rows, packs] = await Promise.all([
    db.table(table).where('ticketId').anyOf(ticketIds).toArray() as Promise<PackedRows[T][]>,
    db.childPacks.where('ticketIds').anyOf(ticketIds).distinct().toArray(),
  ]);
  const wanted = new Set(ticketIds);
  return merged(table, packs, rows, (r) => wanted.has(r.ticketId));
}

/**
 * One comment or work log entry by id, packed or not. With its ticket's id
 * the packs are found by the index; without it (the hub removing one child
 * by id, which it does not do today) every pack is read.
 */
export async function childById<T extends PackedTable>(
  db: OutpostDb,
  table: T,
  id: string,
  ticketId?: string,
): Promise<PackedRows[T] | undefined> {
  const row = (await db.table(table).get(id)) as PackedRows[T] | undefined;
  if (row) return row;
  const packs = await packsHolding(db, [id], ticketId);
  for (const p of packs) {
    const found = (p[table] as PackedRows[T][]).find((r) => r.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The packs holding these children. `childIds` is not indexed: an index entry
 * per packed child cost a first sync seconds for reads that know the ticket.
 */
const packsHolding = (db: OutpostDb, ids: readonly string[], ticketId?: string) => {
  const wanted = new Set(ids);
  const packs =
    ticketId === undefined
      ? db.childPacks.toCollection()
      : db.childPacks.where('ticketIds').equals(ticketId);
  return packs.filter((p) => p.childIds.some((c) => wanted.has(c))).toArray();
};

/** Every comment or work log entry stored (tests and checks; reads every pack). */
export async function allChildren<T extends PackedTable>(
  db: OutpostDb,
  table: T,
): Promise<PackedRows[T][]> {
  const [rows, packs] = await Promise.all([
    db.table(table).toArray() as Promise<PackedRows[T][]>,
    db.childPacks.toArray(),
  ]);
  return merged(table, packs, rows, () => true);
}

/**
 * Takes packed rows out: those of a ticket that left this reader, or those
 * with these ids (the hub removed them). A pack left empty is deleted.
 * Call inside a transaction that includes childPacks.
 */
export async function dropPacked(
  db: OutpostDb,
  what: { ticketId: string } | { ids: readonly string[]; ticketId?: string },
): Promise<void> {
  const packs =
    'ids' in what
      ? await packsHolding(db, what.ids, what.ticketId)
      : await db.childPacks.where('ticketIds').equals(what.ticketId).toArray();
  if (packs.length === 0) return;
  const gone = new Set('ids' in what ? what.ids : []);
  const keep: (r: Row) => boolean =
    'ids' in what ? (r) => !gone.has(r.id) : (r) => r.ticketId !== what.ticketId;
  const emptied: string[] = [];
  const kept: ChildPack[] = [];
  for (const p of packs) {
    const comments = p.comments.filter(keep);
    const worklogs = p.worklogs.filter(keep);
    if (comments.length + worklogs.length === 0) emptied.push(p.id);
    else kept.push({ ...packOf(comments, worklogs), id: p.id });
  }
  if (emptied.length) await db.childPacks.bulkDelete(emptied);
  if (kept.length) await db.childPacks.bulkPut(kept);
}
