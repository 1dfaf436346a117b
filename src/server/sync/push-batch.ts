import { sql, type Insertable, type Transaction } from 'kysely';
import type { TicketType } from '../../shared/domain/states';
import { ticketPrefixes, type Ticket } from '../../shared/domain/ticket';
import { readsFor } from '../../shared/sync/mutations/index';
import type { PushedMutation } from '../../shared/sync/protocol';
import { numberSequence, type NumberSeries } from '../storage/counters';
import type { Database, DbExecutor } from '../storage/schema';
import type { MutationResultsTable, TicketChildrenTable } from '../storage/sync-tables';
import type { Sharing } from '../storage/write-group';
import type { PendingChange } from './change-log';
import { DOMAIN_SETTINGS_ID } from './reference-data';

/** What one push's chunk needs locked (and numbered) before it runs. */
export interface PushNeed {
  clientId: string;
  ticketIds: readonly string[];
  /** The knowledge articles and configuration items its mutations read. */
  records: readonly { entity: 'article' | 'ci'; id: string }[];
  /** The number series of the tickets it likely creates, one per ticket. */
  numbers: readonly TicketSeries[];
}

/** The ticket number series (knowledge articles take theirs when written). */
const TICKET_SERIES = ['INC', 'REQ', 'PRB', 'CHG'] as const satisfies readonly NumberSeries[];
type TicketSeries = (typeof TICKET_SERIES)[number];

/** The type of the ticket a mutation creates ('incident.create'…), if it creates one. */
export const createdTicketType = (name: string): TicketType | undefined =>
  /^(incident|request|problem|change)\.create$/.exec(name)?.[1] as TicketType | undefined;

/** What a push's chunk needs: its client, the tickets its mutations read, the numbers its creates take. */
export const pushNeed = (clientId: string, chunk: readonly PushedMutation[]): PushNeed => {
  const refs = chunk.flatMap((m) => {
    const reads = readsFor(m.name, m.version, m.args);
    return reads.ok ? reads.refs : [];
  });
  return {
    clientId,
    ticketIds: refs.filter((r) => r.kind === 'ticket').map((r) => r.id),
    records: refs.flatMap((r) => (r.kind === 'ticket' ? [] : [{ entity: r.kind, id: r.id }])),
    numbers: chunk.flatMap((m) => {
      const type = createdTicketType(m.name);
      return type ? [ticketPrefixes[type] as TicketSeries] : [];
    }),
  };
};

/** A comment, work log entry, attachment or link as ticket_children stores it. */
export type ChildRow = TicketChildrenTable;

/** A client's row as a push reads it (locked until commit). */
export interface LockedClient {
  owner: string;
  lmid: number;
  /** The domain settings' JSON text, or null where none are stored. */
  settings: string | null;
  /** Whether any of its mutations was clamped (see ownClampedBases). */
  hasClamped: boolean;
}

export type MutationResultRow = Insertable<MutationResultsTable>;

interface PreloadRow {
  kind: 'setting' | 'ticket' | 'client' | 'number' | 'record';
  id: string;
  data: string | null;
  user_id: string | null;
  lmid: string | number | null;
  has_clamped: boolean | null;
}

/**
 * The pushes of one PostgreSQL transaction (see WriteGroup): one statement
 * locks and reads every ticket and client row they name and locks the
 * knowledge articles and configuration items they read, in a fixed order
 * (tickets by id, clients by id, then records by entity and id, so two
 * hubs' groups cannot deadlock),
 * the pushes run against those rows, and what they write to the ticket,
 * result, client and change tables goes out in one statement at the end.
 * Each push still writes at once what it must (comments, numbers taken,
 * conflicts), and reads what it has not locked. A push sees the ticket as
 * the group's earlier pushes left it: `putTicket` updates the locked copy.
 * A lone push is five statements (was seven), and a push in a group adds
 * none of its own unless it writes at once; the hub's socket writes to
 * PostgreSQL were a third of its busy time under load.
 */
export class PushBatch {
  private readonly written = new Map<string, Ticket>();
  private readonly results: MutationResultRow[] = [];
  private readonly clientUpdates: { clientId: string; lmid: number; seenAt: number }[] = [];
  private readonly changes: { change: PendingChange; at: number }[] = [];
  /** Children to insert; a change row naming one is logged only if it was inserted. */
  private children: ChildRow[] = [];
  private readonly childIds = new Set<string>();
  private readonly childOf = new WeakMap<PendingChange, string>();
  /** Children written early: inserted (changes kept), or id taken already (dropped). */
  private readonly inserted = new Set<string>();
  private readonly notInserted = new Set<string>();

  private constructor(
    private readonly clients: ReadonlyMap<string, LockedClient>,
    private readonly tickets: Map<string, Ticket | null>,
    private readonly numbers: Map<string, number[]>,
  ) {}

  /** Locks and reads what the group's pushes need, in one statement. */
  static async open(trx: Transaction<Database>, needs: readonly PushNeed[]): Promise<PushBatch> {
    const ticketIds = [...new Set(needs.flatMap((n) => n.ticketIds))].sort();
    const clientIds = [...new Set(needs.map((n) => n.clientId))].sort();
    const records = [
      ...new Map(needs.flatMap((n) => n.records).map((r) => [`${r.entity}:${r.id}`, r])).values(),
    ];
    // Most groups read no article or CI: their statement has no part for them.
    const recordLocks =
      records.length === 0
        ? { cte: sql``, rows: sql`` }
        : {
            cte: sql`, rec as (
              select entity, id from records
              where (entity, id) in (
                select * from unnest(${records.map((r) => r.entity)}::text[], ${records.map((r) => r.id)}::text[])
              )
              order by entity, id for update
            )`,
            // Selected only so the locks are taken: PostgreSQL skips a CTE nothing reads.
            rows: sql`union all select 'record', id, entity, null, null, null from rec`,
          };
    const wanted = (series: TicketSeries) =>
      needs.reduce((sum, n) => sum + n.numbers.filter((x) => x === series).length, 0);
    const { rows } = await sql<PreloadRow>`
      with t as (
        select id, data from tickets where id = any(${ticketIds}::text[]) order by id for update
      ), c as (
        select client_id, user_id, last_mutation_id,
          exists (
            select 1 from mutation_results r
            where r.client_id = sync_clients.client_id and r.clamped_from is not null
          ) as has_clamped
        from sync_clients where client_id = any(${clientIds}::text[]) order by client_id for update
      )${recordLocks.cte}
      select 'setting' as kind, id, data, null as user_id, null::bigint as lmid, null::boolean as has_clamped
        from records where entity = 'setting' and id = ${DOMAIN_SETTINGS_ID}
      union all select 'ticket', id, data, null, null, null from t
      union all select 'client', client_id, null, user_id, last_mutation_id, has_clamped from c
      ${recordLocks.rows}
      ${sql.join(
        TICKET_SERIES.map(
          (series) => sql`union all
            select 'number', ${series}, nextval(${numberSequence(series)}::regclass)::text, null, null, null
            from generate_series(1, ${wanted(series)}::integer)`,
        ),
        sql` `,
      )}
    `.execute(trx);
    const settings = rows.find((r) => r.kind === 'setting')?.data ?? null;
    const clients = new Map<string, LockedClient>();
    const tickets = new Map<string, Ticket | null>(ticketIds.map((id) => [id, null]));
    const numbers = new Map<string, number[]>();
    for (const r of rows) {
      if (r.kind === 'ticket') tickets.set(r.id, JSON.parse(r.data!) as Ticket);
      else if (r.kind === 'number')
        numbers.set(r.id, [...(numbers.get(r.id) ?? []), Number(r.data)]);
      else if (r.kind === 'client') {
        clients.set(r.id, {
          owner: r.user_id!,
          lmid: Number(r.lmid),
          settings,
          hasClamped: r.has_clamped === true,
        });
      }
    }
    return new PushBatch(clients, tickets, numbers);
  }

  /** A number of the series taken up front, or undefined when none is left. */
  takeNumber(series: string): number | undefined {
    return this.numbers.get(series)?.shift();
  }

  /**
   * Inserts a child at the end of the transaction; `changes` are logged only
   * if it is inserted then (its id was free), as when inserted at once.
   * False when the group inserts this id already (the second is not).
   */
  insertChild(row: ChildRow, changes: readonly PendingChange[]): boolean {
    if (this.childIds.has(row.id)) return false;
    this.childIds.add(row.id);
    this.children.push(row);
    for (const c of changes) this.childOf.set(c, row.id);
    return true;
  }

  /** Writes the children so far now (before reading ticket_children). */
  async writeChildren(trx: DbExecutor): Promise<void> {
    if (this.children.length === 0) return;
    const rows = this.children;
    this.children = [];
    const { rows: inserted } = await sql<{ id: string }>`
      ${insertChildren(rows)} returning id`.execute(trx);
    const ids = new Set(inserted.map((r) => r.id));
    for (const r of rows) (ids.has(r.id) ? this.inserted : this.notInserted).add(r.id);
  }

  /** A client's locked row; undefined when the hub has not seen it (claim it first). */
  client(id: string): LockedClient | undefined {
    return this.clients.get(id);
  }

  /**
   * A locked ticket as the group has left it so far; null when no such ticket
   * exists, undefined when it is not among the rows locked.
   */
  ticket(id: string): Ticket | null | undefined {
    return this.tickets.get(id);
  }

  /** Writes a ticket at the end of the transaction; later pushes of the group read it. */
  putTicket(t: Ticket): void {
    this.tickets.set(t.id, t);
    this.written.set(t.id, t);
  }

  /** A push's end: its results, its client's lastMutationId and its change rows, in order. */
  finish(
    results: readonly MutationResultRow[],
    client: { clientId: string; lmid: number; seenAt: number } | null,
    changes: readonly PendingChange[],
    at: number,
  ): void {
    this.results.push(...results);
    if (client) this.clientUpdates.push(client);
    for (const change of changes) this.changes.push({ change, at });
  }

  /**
   * Everything deferred, in one statement. The change rows get a provisional
   * seq in the order the pushes made them; COMMIT numbers them (see
   * appendChanges).
   */
  async close(trx: Transaction<Database>): Promise<void> {
    const t = [...this.written.values()];
    const r = this.results;
    const u = this.clientUpdates;
    const h = this.children;
    const c = this.changes.filter((x) => !this.notInserted.has(this.childOf.get(x.change) ?? ''));
    // The child a change row waits for: one inserted with these writes.
    const pendingChild = (change: PendingChange): string | null => {
      const id = this.childOf.get(change);
      return id === undefined || this.inserted.has(id) ? null : id;
    };
    if (t.length + r.length + u.length + h.length + c.length === 0) return;
    const col = <T, V>(rows: readonly T[], f: (row: T) => V): V[] => rows.map(f);
    await sql`
      with w_tickets as (
        insert into tickets (id, type, number, queue_id, requester_id, state, updated_at, data)
        select * from unnest(
          ${col(t, (x) => x.id)}::text[], ${col(t, (x) => x.type)}::text[],
          ${col(t, (x) => x.number)}::text[], ${col(t, (x) => x.queueId)}::text[],
          ${col(t, (x) => x.requesterId)}::text[], ${col(t, (x) => x.state)}::text[],
          ${col(t, (x) => x.updatedAt)}::bigint[], ${col(t, (x) => JSON.stringify(x))}::text[])
        on conflict (id) do update set
          type = excluded.type, number = excluded.number, queue_id = excluded.queue_id,
          requester_id = excluded.requester_id, state = excluded.state,
          updated_at = excluded.updated_at, data = excluded.data
      ), w_results as (
        insert into mutation_results
          (client_id, mutation_id, name, status, error, clamped_from, applied_at)
        select * from unnest(
          ${col(r, (x) => x.client_id)}::text[], ${col(r, (x) => x.mutation_id)}::bigint[],
          ${col(r, (x) => x.name)}::text[], ${col(r, (x) => x.status)}::text[],
          ${col(r, (x) => x.error ?? null)}::text[], ${col(r, (x) => x.clamped_from ?? null)}::text[],
          ${col(r, (x) => x.applied_at)}::bigint[])
      ), w_clients as (
        update sync_clients s set last_mutation_id = v.lmid, last_seen_at = v.seen
        from unnest(
          ${col(u, (x) => x.clientId)}::text[], ${col(u, (x) => x.lmid)}::bigint[],
          ${col(u, (x) => x.seenAt)}::bigint[]) as v(id, lmid, seen)
        where s.client_id = v.id
      ), w_children as (
        ${insertChildren(h)} returning id
      )
      insert into changes
        (seq, entity, entity_id, op, queue_id, requester_id, internal, user_id, global, data, created_at)
      select -nextval('changes_provisional_seq'),
        x.entity, x.entity_id, x.op, x.queue_id, x.requester_id, x.internal, x.user_id, x.global,
        x.data, x.created_at
      from unnest(
        ${col(c, (x) => x.change.entity)}::text[], ${col(c, (x) => x.change.id)}::text[],
        ${col(c, (x) => x.change.op)}::text[], ${col(c, (x) => x.change.audience.queueId)}::text[],
        ${col(c, (x) => x.change.audience.requesterId)}::text[],
        ${col(c, (x) => (x.change.audience.internal ? 1 : 0))}::integer[],
        ${col(c, (x) => x.change.audience.userId)}::text[],
        ${col(c, (x) => (x.change.audience.global ? 1 : 0))}::integer[],
        ${col(c, (x) => x.change.data)}::text[], ${col(c, (x) => x.at)}::bigint[],
        ${col(c, (x) => pendingChild(x.change))}::text[])
        with ordinality as x(entity, entity_id, op, queue_id, requester_id, internal, user_id,
          global, data, created_at, child_id, n)
      where x.child_id is null or x.child_id in (select id from w_children)
      order by x.n
    `.execute(trx);
  }
}

/** Inserts children that are not there yet (ids are made by clients, once). */
const insertChildren = (rows: readonly ChildRow[]) => {
  const col = <V>(f: (row: ChildRow) => V): V[] => rows.map(f);
  return sql`
    insert into ticket_children
      (id, entity, ticket_id, other_ticket_id, internal, created_at, data)
    select * from unnest(
      ${col((x) => x.id)}::text[], ${col((x) => x.entity)}::text[],
      ${col((x) => x.ticket_id)}::text[], ${col((x) => x.other_ticket_id)}::text[],
      ${col((x) => x.internal)}::integer[], ${col((x) => x.created_at)}::bigint[],
      ${col((x) => x.data)}::text[])
    on conflict (id) do nothing`;
};

/** How pushes share a PostgreSQL transaction (one push per client in each). */
export const pushSharing: Sharing<PushBatch, PushNeed> = {
  key: (need) => need.clientId,
  open: (trx, needs) => PushBatch.open(trx, needs),
  close: (trx, batch) => batch.close(trx),
};
