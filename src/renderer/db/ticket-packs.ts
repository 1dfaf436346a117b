import type { DBCoreMutateRequest, DBCoreRangeType, DBCoreTable } from 'dexie';
import { isTerminal } from '../../shared/domain/states';
import type { Ticket } from '../../shared/domain/ticket';
import { newId } from '../../shared/ids';
import type { OutpostDb } from './database';
import type { LocalTicket } from './derived-sla';

/**
 * Closed, cancelled and rejected tickets loaded by a first sync are stored
 * packed, a few hundred to one IndexedDB record, as their comments are
 * (child-packs.ts). They are most of a desk's history (94% of the 100,000
 * tickets PERFORMANCE.md loads), they have no transition left and their SLA
 * clock is stopped, and Chromium's IndexedDB spends a first sync's time per
 * record and per index entry (about 120 µs and 13–30 µs on the 2-core
 * machine), not per byte. Packed (and with fewer index entries), a first
 * sync of those 100,000 tickets went from 35.8 s to 14–17 s
 * (tests/bench/sync-bootstrap.ts).
 *
 * A row of `tickets` always wins over a packed copy: any later write of a
 * packed ticket (a pull, a local edit, a rebase) is an ordinary row, and the
 * pack keeps its older copy until the next bootstrap replaces the packs. A
 * ticket that leaves this reader is taken out of its pack too
 * (`dropPackedTickets`). Packs carry the derived SLA fields like rows do
 * (derived-sla.ts computes them for every ticket of a pack written, and
 * stamps the pack's `slaFp` and `localSeq`).
 *
 * Every read of tickets goes through the functions below.
 */
export interface TicketPack {
  id: string;
  /** The packed tickets' ids (a multi-entry index: reads by id). */
  ticketIds: string[];
  /** Distinct types (a multi-entry index: the link picker's filter). */
  types: string[];
  /** Reference fingerprint the packed tickets' derived fields were computed with. */
  slaFp?: string;
  /** Local write counter of the pack's last write (the queue row store's catch-up). */
  localSeq?: number;
  tickets: StoredTicket[];
}

export type StoredTicket = Ticket & Partial<Omit<LocalTicket, keyof Ticket>>;

/** Tickets per pack: few records, and opening one packed ticket reads little. */
export const TICKET_PACK_SIZE = 250;

/** Whether a first sync packs this ticket rather than writing it as a row. */
export const packsTicket = (t: Ticket): boolean => isTerminal(t.state);

export const ticketPackOf = (tickets: StoredTicket[], id: string = newId()): TicketPack => ({
  id,
  ticketIds: tickets.map((t) => t.id),
  types: [...new Set(tickets.map((t) => t.type as string))],
  tickets,
});

/** Collects a bootstrap's terminal tickets into packs of TICKET_PACK_SIZE. */
export function createTicketPacker(size = TICKET_PACK_SIZE) {
  let tickets: StoredTicket[] = [];
  const take = () => {
    const pack = ticketPackOf(tickets);
    tickets = [];
    return pack;
  };
  return {
    /** Adds one ticket; returns the pack it filled, if it did. */
    add(t: StoredTicket): TicketPack | null {
      tickets.push(t);
      return tickets.length >= size ? take() : null;
    },
    /** The last, partly filled pack (null if none). */
    rest: (): TicketPack | null => (tickets.length > 0 ? take() : null),
  };
}

/**
 * The newest packed copy of each ticket in `packs`: two loads' packs may
 * overlap until the later load ends, and pack ids are UUIDv7, so a later
 * pack has the greater id.
 */
const newestPacked = (packs: readonly TicketPack[], wanted?: Set<string>) => {
  const byId = new Map<string, { t: StoredTicket; pack: string }>();
  for (const p of packs) {
    for (const t of p.tickets) {
      if (wanted && !wanted.has(t.id)) continue;
      const had = byId.get(t.id);
      if (!had || had.pack < p.id) byId.set(t.id, { t, pack: p.id });
    }
  }
  return byId;
};

/** One ticket by id, a row or packed. */
export async function ticketById(db: OutpostDb, id: string): Promise<StoredTicket | undefined> {
  const row = await db.tickets.get(id);
  if (row) return row;
  const packs = await db.ticketPacks.where('ticketIds').equals(id).toArray();
  return newestPacked(packs).get(id)?.t;
}

/** Tickets by id, rows or packed, in the order asked (undefined where none). */
export async function ticketsByIds(
  db: OutpostDb,
  ids: readonly string[],
): Promise<(StoredTicket | undefined)[]> {
  const rows = await db.tickets.bulkGet([...ids]);
  const missing = ids.filter((_, i) => rows[i] === undefined);
  if (missing.length === 0) return rows;
  const packs = await db.ticketPacks.where('ticketIds').anyOf(missing).distinct().toArray();
  if (packs.length === 0) return rows;
  const packed = newestPacked(packs, new Set(missing));
  return rows.map((r, i) => r ?? packed.get(ids[i]!)?.t);
}

/**
 * The tickets `requesterId` asked for (the portal's list), rows winning over
 * packed copies. Packs are read whole: an index of their requesters cost a
 * first sync an entry per ticket, and a requester's own store is small
 * (the hub sends a requester only their tickets). An agent's portal reads
 * the agent's packs, once per change of them.
 */
export async function ticketsOfRequester(
  db: OutpostDb,
  requesterId: string,
): Promise<StoredTicket[]> {
  const rows = await db.tickets.where('requesterId').equals(requesterId).toArray();
  return withPackedMatching(
    db,
    rows,
    await packKeysNewestFirst(db),
    (t) => t.requesterId === requesterId,
  );
}

/**
 * Up to `limit` tickets of these types that `match`, rows first, then packs
 * (a few at a time, stopping once enough are found). The link picker's
 * candidates: most answers are among the open tickets, which are rows.
 */
export async function findTickets(
  db: OutpostDb,
  types: readonly string[],
  match: (t: StoredTicket) => boolean,
  limit: number,
): Promise<StoredTicket[]> {
  const rows = await db.tickets
    .where('type')
    .anyOf([...types])
    .filter(match)
    .limit(limit)
    .toArray();
  if (rows.length >= limit) return rows;
  const keys = (await db.ticketPacks
    .where('types')
    .anyOf([...types])
    .primaryKeys()) as string[];
  const wanted = new Set(types);
  return withPackedMatching(
    db,
    rows,
    [...new Set(keys)].sort().reverse(),
    (t) => wanted.has(t.type) && match(t),
    limit,
  );
}

/**
 * `rows` plus the packed tickets without a row that `match`, from the packs
 * `keys` (newest first), read a few packs at a time until `limit` are held.
 */
async function withPackedMatching(
  db: OutpostDb,
  rows: readonly StoredTicket[],
  keys: readonly string[],
  match: (t: StoredTicket) => boolean,
  limit = Infinity,
): Promise<StoredTicket[]> {
  const out = [...rows];
  if (keys.length === 0) return out;
  await eachPackedBatch(db, keys, TICKET_PACK_SIZE * 4, await rowKeys(db), (batch) => {
    for (const t of batch) {
      if (match(t)) out.push(t);
      if (out.length >= limit) return false;
    }
  });
  return out;
}

/** The ids of the ticket rows (keys only). */
const rowKeys = async (db: OutpostDb): Promise<Set<string>> =>
  new Set((await db.tickets.toCollection().primaryKeys()) as string[]);

/** Every stored ticket's id, rows and packed (keys only). */
export async function allTicketIds(db: OutpostDb): Promise<Set<string>> {
  const [ids, packed] = await Promise.all([
    rowKeys(db),
    db.ticketPacks.orderBy('ticketIds').uniqueKeys(),
  ]);
  for (const k of packed) ids.add(k as string);
  return ids;
}

/** How many tickets are stored (a count of rows alone while nothing is packed). */
export const countTickets = async (db: OutpostDb): Promise<number> => {
  const [rows, packs] = await Promise.all([db.tickets.count(), db.ticketPacks.count()]);
  return packs === 0 ? rows : (await allTicketIds(db)).size;
};

/**
 * Visits every stored ticket once, rows first (in id order), then the packed
 * tickets without a row, `chunk` rows or a few packs at a time. Stops when
 * `visit` returns false.
 */
export async function eachTicketBatch(
  db: OutpostDb,
  chunk: number,
  visit: (batch: StoredTicket[]) => boolean | void | Promise<boolean | void>,
): Promise<void> {
  const seen = new Set<string>();
  let last: string | null = null;
  for (;;) {
    const from = last === null ? db.tickets.orderBy(':id') : db.tickets.where(':id').above(last);
    const rows: StoredTicket[] = await from.limit(chunk).toArray();
    if (rows.length === 0) break;
    last = rows[rows.length - 1]!.id;
    for (const t of rows) seen.add(t.id);
    if ((await visit(rows)) === false) return;
  }
  await eachPackedBatch(db, await packKeysNewestFirst(db), chunk, seen, visit);
}

/**
 * The packed tickets of the packs `keys` (newest first) that are not in
 * `skip`, a few packs at a time; each ticket once (`skip` grows).
 */
async function eachPackedBatch(
  db: OutpostDb,
  keys: readonly string[],
  chunk: number,
  skip: Set<string>,
  visit: (batch: StoredTicket[], packs: TicketPack[]) => boolean | void | Promise<boolean | void>,
): Promise<void> {
  const packsPer = Math.max(1, Math.floor(chunk / TICKET_PACK_SIZE));
  for (let i = 0; i < keys.length; i += packsPer) {
    const packs = (await db.ticketPacks.bulkGet(keys.slice(i, i + packsPer))).filter(
      (p): p is TicketPack => p !== undefined,
    );
    const batch: StoredTicket[] = [];
    for (const p of packs) {
      for (const t of p.tickets) {
        if (skip.has(t.id)) continue;
        skip.add(t.id);
        batch.push(t);
      }
    }
    if (batch.length > 0 && (await visit(batch, packs)) === false) return;
  }
}

/** Pack keys, newest first (UUIDv7): where two loads' packs overlap, the newer copy is kept. */
const packKeysNewestFirst = async (db: OutpostDb, afterSeq?: number): Promise<string[]> => {
  if (afterSeq === undefined) {
    return (await db.ticketPacks.orderBy(':id').reverse().primaryKeys()) as string[];
  }
  const keys = (await db.ticketPacks.where('localSeq').above(afterSeq).primaryKeys()) as string[];
  return keys.sort().reverse();
};

/**
 * Tickets written (locally stamped `localSeq`) after `fromSeq`: rows, then
 * the tickets of packs written after it that have no row, in batches;
 * `visit` gets each batch's highest localSeq too.
 */
export async function ticketsWrittenAfter(
  db: OutpostDb,
  fromSeq: number,
  chunk: number,
  visit: (batch: StoredTicket[], upToSeq: number) => boolean | void,
): Promise<void> {
  let after = fromSeq;
  for (;;) {
    const batch = await db.tickets.where('localSeq').above(after).limit(chunk).toArray();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.localSeq ?? after;
    if (visit(batch, after) === false) return;
  }
  const keys = await packKeysNewestFirst(db, fromSeq);
  if (keys.length === 0) return;
  await eachPackedBatch(db, keys, chunk, await rowKeys(db), (batch, packs) =>
    visit(batch, Math.max(...packs.map((p) => p.localSeq ?? 0))),
  );
}

/** Every stored ticket (tests, checks and small stores: reads everything). */
export async function allTickets(db: OutpostDb): Promise<StoredTicket[]> {
  const out: StoredTicket[] = [];
  await eachTicketBatch(db, 1000, (b) => void out.push(...b));
  return out;
}

/**
 * Takes tickets out of their packs (they left this reader, or the hub
 * removed them); a pack left empty is deleted. Call inside a transaction
 * that includes ticketPacks and tickets; the caller deletes the rows.
 */
export async function dropPackedTickets(db: OutpostDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const packs = await db.ticketPacks
    .where('ticketIds')
    .anyOf([...ids])
    .distinct()
    .toArray();
  if (packs.length === 0) return;
  const gone = new Set(ids);
  const emptied: string[] = [];
  const kept: TicketPack[] = [];
  for (const p of packs) {
    const rest = p.tickets.filter((t) => !gone.has(t.id));
    if (rest.length === 0) emptied.push(p.id);
    else kept.push({ ...p, ...ticketPackOf(rest, p.id) });
  }
  if (emptied.length) await db.ticketPacks.bulkDelete(emptied);
  if (kept.length) await db.ticketPacks.bulkPut(kept);
}

/*
 * Reads for the derived-SLA middleware (derived-sla.ts), which sees writes
 * at Dexie's DBCore level, inside the writing transaction.
 */
type CoreTrans = DBCoreMutateRequest['trans'];

/**
 * The newest packed copies of these tickets, when the transaction includes
 * the packs (none otherwise).
 */
export async function packedCopies(
  packs: DBCoreTable,
  trans: CoreTrans,
  keys: readonly string[],
): Promise<Map<string, StoredTicket>> {
  const found = new Map<string, StoredTicket>();
  const stores = (trans as Partial<IDBTransaction>).objectStoreNames;
  const index = packs.schema.getIndexByKeyPath('ticketIds');
  if (!stores?.contains('ticketPacks') || !index) return found;
  for (const key of keys) {
    const { result } = await packs.query({
      trans,
      values: true,
      query: { index, range: { type: 1 as DBCoreRangeType.Equal, lower: key, upper: key } },
    });
    const copy = newestPacked(result as TicketPack[]).get(key)?.t;
    if (copy) found.set(key, copy);
  }
  return found;
}

/**
 * The keys of ticket rows between the lowest and highest of `ids`: one
 * key-only read per pack, where a read per ticket cost a first sync
 * seconds (rows are the open tickets, a few percent).
 */
export async function rowKeysBetween(
  tickets: DBCoreTable,
  trans: CoreTrans,
  ids: readonly string[],
): Promise<Set<string>> {
  let lower = ids[0]!;
  let upper = ids[0]!;
  for (const id of ids) {
    if (id < lower) lower = id;
    if (id > upper) upper = id;
  }
  const { result } = await tickets.query({
    trans,
    values: false,
    query: {
      index: tickets.schema.primaryKey,
      range: { type: 2 as DBCoreRangeType.Range, lower, upper },
    },
  });
  return new Set(result as string[]);
}
