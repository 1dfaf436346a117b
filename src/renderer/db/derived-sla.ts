import Dexie, {
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type ObservabilitySet,
} from 'dexie';
import { slaStopStates } from '../../shared/domain/sla-history';
import type { Ticket } from '../../shared/domain/ticket';
import type { OutpostDb } from './database';
import { packedCopies, rowKeysBetween, type StoredTicket, type TicketPack } from './ticket-packs';
import { deriveSla, slaReference, type DerivedSla, type SlaReference } from './derived-sla-fields';

/**
 * Keeps the derived SLA fields (derived-sla-fields.ts) on every local ticket
 * row. It is a DBCore middleware, so it sees every write whatever its path:
 * an optimistic mutation, a pulled change, a bootstrap bulkPut, a rebase
 * restoring a shadow. Each written ticket also gets `localSeq`, a local write
 * counter that lets the queue views find what changed since they last looked.
 *
 * The calendars, SLA definitions and pausing hold reasons live in memory and
 * are re-read whenever those tables change (in this tab or another); when
 * their fingerprint changes, every row computed with the old one is rewritten
 * in small background transactions.
 *
 * Packed tickets (ticket-packs.ts) get the same fields when their pack is
 * written, and the pack its own `slaFp` and `localSeq`. Listeners hear of a
 * pack's tickets that have no row (a row wins over a packed copy).
 */

/**
 * A local ticket row: the synced record plus the fields only this device
 * keeps. `openState` is the state while the ticket is open (not resolved,
 * closed, cancelled…) and absent after: an index on it holds the open tickets
 * only, a few percent of a desk's history, where one on `state` held every
 * ticket and cost the first sync an index entry per row.
 */
export type LocalTicket = Ticket & DerivedSla & { localSeq: number; openState?: string };

/** Fields that exist only in the local store (never sent, never compared with the hub). */
export const localOnlyTicketFields = [
  'slaPhase',
  'slaDueAt',
  'slaWarnAt',
  'slaBreachAt',
  'slaSoonAt',
  'slaResponseDueAt',
  'slaFp',
  'localSeq',
  'openState',
] as const;

/** Ticket writes of one committed transaction, as written (derived fields included). */
export interface TicketWrites {
  puts: LocalTicket[];
  deletes: string[];
  /** A range delete (table clear): listeners must re-read. */
  cleared: boolean;
  /** `puts` are a local edit's preview: not written yet (see `preview`). */
  tentative?: boolean;
  /** Previews of an edit that ended without a commit: show these rows as they were. */
  withdrawn?: string[];
  /** Ticket packs written (ticket-packs.ts): their tickets are in `puts` already. */
  packs?: string[];
}

export interface DerivedSlaHandle {
  /** The reference data rows are computed with now. */
  reference(): SlaReference;
  /** Called after each commit that wrote tickets through this database object. */
  onTicketWrites(listener: (writes: TicketWrites) => void): () => void;
  /** Resolves once reference reloads and recompute passes queued so far have finished. */
  idle(): Promise<void>;
  /**
   * Tells listeners about ticket rows a local edit is about to write (derived
   * fields computed as a write would), before its transactions commit, so a
   * list can show the edit in the same frame. Call the returned function once
   * the edit ended: uncommitted, listeners hear the preview withdrawn.
   */
  preview(tickets: readonly Ticket[]): (committed: boolean) => void;
}

export interface DerivedSlaOptions {
  now: () => number;
  /** Rows per recompute transaction. */
  chunk?: number;
  /** Where background failures go (they never reach a write). */
  onError?: (e: unknown) => void;
  /**
   * The wall clock `localSeq` follows (default: the device's). It stays real
   * when `now` is fixed (tests, benchmarks): readers re-read the last seconds
   * of writes by it (the queue row store's snapshot slack).
   */
  seqClock?: () => number;
}

const referenceTables = new Set(['calendars', 'slas', 'hubSettings']);
/** Packs per recompute transaction (each holds a few hundred tickets). */
const PACKS_PER_REWRITE = 2;
/** localCache key, set once no ticket row is left without derived fields. */
export const ALL_STAMPED_KEY = 'derivedSla.allStamped';

const handles = new WeakMap<Dexie, DerivedSlaHandle>();

export const derivedSlaOf = (db: Dexie): DerivedSlaHandle | null => handles.get(db) ?? null;

interface Pending {
  puts: Map<string, LocalTicket>;
  deletes: Set<string>;
  cleared: boolean;
  packs: string[];
}

const isTicketLike = (v: unknown): v is Ticket =>
  typeof v === 'object' && v !== null && Array.isArray((v as Ticket).events);

/** Table names of this database that a storagemutated event touched. */
const touchedTables = (dbName: string, parts: ObservabilitySet): Set<string> => {
  const prefix = `idb://${dbName}/`;
  const out = new Set<string>();
  for (const key of Object.keys(parts)) {
    if (key.startsWith(prefix)) out.add(key.slice(prefix.length).split('/')[0]!);
  }
  return out;
};

export const installDerivedSla = (db: OutpostDb, options: DerivedSlaOptions): DerivedSlaHandle => {
  const existing = handles.get(db);
  if (existing) return existing;
  const chunk = options.chunk ?? 500;
  const onError = options.onError ?? ((e: unknown) => console.error('derived SLA fields:', e));
  let ref = slaReference([], [], null);
  let seq = 0;
  const listeners = new Set<(w: TicketWrites) => void>();
  const pending = new WeakMap<object, Pending>();

  let tail: Promise<void> = Promise.resolve();
  const queue = (work: () => Promise<void>) => {
    tail = tail.then(work).catch((e: unknown) => {
      // A closed database ends the background work quietly; the next open starts over.
      if (!(e instanceof Dexie.DatabaseClosedError)) onError(e);
    });
  };
  let reloadQueued = false;
  let recomputeQueued = false;

  const seqClock = options.seqClock ?? Date.now;
  const nextSeq = () => (seq = Math.max(seq + 1, Math.floor(seqClock() * 1000)));

  const withDerived = (value: unknown, now: number): unknown => {
    if (!isTicketLike(value)) return value;
    let derived: DerivedSla;
    try {
      derived = deriveSla(value, ref, now);
    } catch (e) {
      // A history the clock cannot read must not stop the write itself.
      onError(e);
      derived = { ...deriveSla({ type: value.type, events: [] }, ref, now) };
    }
    // A row read back (a recompute) carries the openState of its last write.
    const { openState: _was, ...ticket } = value as LocalTicket;
    const open = slaStopStates.includes(ticket.state) ? {} : { openState: ticket.state };
    return { ...ticket, ...derived, localSeq: nextSeq(), ...open };
  };

  const emit = (writes: TicketWrites) => {
    for (const l of listeners) l(writes);
  };

  const commit = (p: Pending) => {
    if (p.puts.size === 0 && p.deletes.size === 0 && !p.cleared && p.packs.length === 0) return;
    const writes: TicketWrites = {
      puts: [...p.puts.values()],
      deletes: [...p.deletes],
      cleared: p.cleared,
      ...(p.packs.length > 0 && { packs: p.packs }),
    };
    emit(writes);
    // Written with reference data that changed meanwhile: recompute them.
    if (writes.puts.some((t) => t.slaFp !== ref.fp)) queueRecompute();
  };

  const pendingOf = (trans: object): Pending => {
    let p = pending.get(trans);
    if (p) return p;
    p = { puts: new Map(), deletes: new Set(), cleared: false, packs: [] };
    pending.set(trans, p);
    const target = trans as Partial<EventTarget>;
    const done = p;
    if (typeof target.addEventListener === 'function') {
      target.addEventListener('complete', () => commit(done));
    } else {
      queueMicrotask(() => commit(done));
    }
    return p;
  };

  const mutateTickets = async (
    table: DBCoreTable,
    req: DBCoreMutateRequest,
  ): Promise<DBCoreMutateResponse> => {
    if (req.type === 'add' || req.type === 'put') {
      const now = options.now();
      const values = req.values.map((v) => withDerived(v, now));
      const res = await table.mutate({ ...req, values });
      const p = pendingOf(req.trans);
      values.forEach((v, i) => {
        if (res.failures[i] || !isTicketLike(v)) return;
        p.puts.set(v.id, v as LocalTicket);
        p.deletes.delete(v.id);
      });
      return res;
    }
    const res = await table.mutate(req);
    const p = pendingOf(req.trans);
    if (req.type === 'delete') {
      // A deleted row of a packed ticket leaves the packed copy to be read
      // (a bootstrap replacing older rows, a rebase restoring a confirmed
      // ticket); writers that take a ticket away drop its packed copy first.
      const packed = packsTable
        ? await packedCopies(packsTable, req.trans, req.keys as string[])
        : new Map<string, StoredTicket>();
      for (const k of req.keys as string[]) {
        const copy = packed.get(k);
        if (copy) {
          // The row was newer than a packed copy, which now shows again: as
          // the latest write, so that no listener keeps the row's later seq.
          p.puts.set(k, { ...(copy as LocalTicket), localSeq: nextSeq() });
          p.deletes.delete(k);
        } else {
          p.puts.delete(k);
          p.deletes.add(k);
        }
      }
    } else {
      p.cleared = true;
      p.puts.clear();
      p.deletes.clear();
    }
    return res;
  };

  let packsTable: DBCoreTable | null = null;

  /**
   * A pack write: every ticket in it gets its derived fields. Needs the
   * transaction to include `tickets`, to leave out of what listeners hear
   * the packed tickets that have a row.
   */
  const mutatePacks = async (
    table: DBCoreTable,
    tickets: DBCoreTable,
    req: DBCoreMutateRequest,
  ): Promise<DBCoreMutateResponse> => {
    if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
    const now = options.now();
    const values = (req.values as TicketPack[]).map((pack) => {
      const derived = pack.tickets.map((t) => withDerived(t, now) as LocalTicket);
      return { ...pack, tickets: derived, slaFp: ref.fp, localSeq: seq };
    });
    const res = await table.mutate({ ...req, values });
    const p = pendingOf(req.trans);
    for (const [i, pack] of values.entries()) {
      if (res.failures[i]) continue;
      p.packs.push(pack.id);
      if (pack.tickets.length === 0) continue;
      const rows = await rowKeysBetween(tickets, req.trans, pack.ticketIds);
      for (const t of pack.tickets) {
        if (rows.has(t.id)) continue;
        p.puts.set(t.id, t);
        p.deletes.delete(t.id);
      }
    }
    return res;
  };

  db.use({
    stack: 'dbcore',
    name: 'outpost-derived-sla',
    create: (down) => {
      const hasPacks = down.schema.tables.some((t) => t.name === 'ticketPacks');
      packsTable = hasPacks ? down.table('ticketPacks') : null;
      return {
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name === 'tickets') return { ...table, mutate: (req) => mutateTickets(table, req) };
          if (name !== 'ticketPacks') return table;
          const tickets = down.table('tickets');
          return { ...table, mutate: (req) => mutatePacks(table, tickets, req) };
        },
      };
    },
  });

  const readReference = async (d: Dexie): Promise<SlaReference> => {
    const [calendars, slas, domain] = await Promise.all([
      d.table('calendars').toArray(),
      d.table('slas').toArray(),
      d.table('hubSettings').get('domain') as Promise<{ value: unknown } | undefined>,
    ]);
    return slaReference(calendars, slas, domain?.value ?? null);
  };

  /** Rewrites rows computed with other reference data (or before this version existed). */
  const recompute = async () => {
    recomputeQueued = false;
    await rewriteStale('tickets', chunk);
    await rewriteStale('ticketPacks', PACKS_PER_REWRITE);
    // Rows from before derived fields existed have no slaFp and so are in no
    // index range. Finding them means counting every row twice: about 0.85 s
    // at 100k rows on disk, during which the store answered nothing else (app
    // start waited for it on every open). Once a pass finds none, a marker
    // says so: every later ticket write comes through this middleware.
    if ((await db.localCache.get(ALL_STAMPED_KEY)) !== undefined) return;
    const total = await db.tickets.count();
    const stamped = await db.tickets.where('slaFp').aboveOrEqual('').count();
    let after: string | null = null;
    while (total !== stamped) {
      const base =
        after === null ? db.tickets.orderBy(':id') : db.tickets.where(':id').above(after);
      const keys = (await base.limit(chunk).primaryKeys()) as string[];
      if (keys.length === 0) break;
      after = keys[keys.length - 1]!;
      await rewrite('tickets', keys, (t) => t.slaFp === undefined);
    }
    await db.localCache.put({ key: ALL_STAMPED_KEY, value: true });
  };

  /**
   * Rewrites these rows or packs as they are: the write derives their fields
   * again. A pack's write reads which tickets have rows, so its transaction
   * includes them.
   */
  const rewrite = (
    name: 'tickets' | 'ticketPacks',
    keys: string[],
    only: (row: { slaFp?: string }) => boolean = () => true,
  ) => {
    const table = db.table(name);
    const scope = name === 'ticketPacks' ? [db.ticketPacks, db.tickets] : [db.tickets];
    return db.transaction('rw', scope, async () => {
      const rows = (await table.bulkGet(keys)).filter(
        (r: { slaFp?: string } | undefined) => r !== undefined && only(r),
      );
      if (rows.length > 0) await table.bulkPut(rows);
    });
  };

  /** Rewrites, `limit` at a time, the rows or packs computed with other reference data. */
  const rewriteStale = async (name: 'tickets' | 'ticketPacks', limit: number) => {
    const table = db.table(name);
    for (;;) {
      const fp = ref.fp;
      const stale = [
        ...((await table.where('slaFp').below(fp).limit(limit).primaryKeys()) as string[]),
        ...((await table.where('slaFp').above(fp).limit(limit).primaryKeys()) as string[]),
      ];
      if (stale.length === 0) return;
      await rewrite(name, stale);
    }
  };

  const queueRecompute = () => {
    if (recomputeQueued) return;
    recomputeQueued = true;
    queue(recompute);
  };

  const reload = async () => {
    reloadQueued = false;
    const next = await readReference(db);
    if (next.fp === ref.fp) return;
    ref = next;
    queueRecompute();
  };

  const onStorageMutated = (parts: ObservabilitySet) => {
    // The global event outlives this database object; a reopen subscribes again.
    if (db.hasBeenClosed()) return void Dexie.on('storagemutated').unsubscribe(onStorageMutated);
    const tables = touchedTables(db.name, parts);
    if (![...tables].some((t) => referenceTables.has(t)) || reloadQueued) return;
    reloadQueued = true;
    queue(reload);
  };

  db.on(
    'ready',
    async (vip: Dexie) => {
      ref = await readReference(vip);
      for (const table of ['tickets', 'ticketPacks']) {
        const last = await vip.table(table).orderBy('localSeq').reverse().limit(1).keys();
        seq = Math.max(seq, Number(last[0] ?? 0));
      }
      Dexie.on('storagemutated').unsubscribe(onStorageMutated);
      Dexie.on('storagemutated', onStorageMutated);
      // Queued work waits for the open to finish (it is outside this VIP context).
      queueRecompute();
    },
    true,
  );

  const handle: DerivedSlaHandle = {
    reference: () => ref,
    onTicketWrites: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle: async () => {
      for (;;) {
        const t = tail;
        await t;
        if (t === tail) return;
      }
    },
    preview: (tickets) => {
      if (tickets.length === 0) return () => undefined;
      const now = options.now();
      const puts = tickets.map((t) => withDerived(t, now) as LocalTicket);
      emit({ puts, deletes: [], cleared: false, tentative: true });
      let settled = false;
      return (committed) => {
        if (settled) return;
        settled = true;
        if (!committed)
          emit({ puts: [], deletes: [], cleared: false, withdrawn: puts.map((t) => t.id) });
      };
    },
  };
  handles.set(db, handle);
  return handle;
};
