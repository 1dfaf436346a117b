import type { ArticleId, ConfigItemId, TicketId } from '../../shared/ids';
import type { ConfigurationItem } from '../../shared/domain/configuration-item';
import { formatArticleNumber, type KnowledgeArticle } from '../../shared/domain/knowledge';
import { formatTicketNumber, ticketPrefixes, type Ticket } from '../../shared/domain/ticket';
import type { Effect, EntityRef, Loaded } from '../../shared/sync/mutations/types';
import type { Dialect } from '../storage/database';
import { takeNumber, type NumberSeries } from '../storage/counters';
import { compiledOnce } from '../storage/compiled-query';
import type { DbExecutor } from '../storage/schema';
import {
  articleAudience,
  childAudience,
  globalAudience,
  ticketAudience,
  userAudience,
  type Audience,
} from './audience';
import type { PendingChange } from './change-log';
import type { ChildRow, PushBatch } from './push-batch';

/** The distinct ids of one kind among `refs`, sorted (the order rows are locked in). */
const idsOf = (refs: readonly EntityRef[], kind: EntityRef['kind']): string[] =>
  [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))].sort();

/**
 * Loads what a mutation reads. On PostgreSQL the rows are locked until commit
 * (FOR UPDATE), so two hubs applying edits to one ticket take turns instead of
 * overwriting each other; SQLite already runs one writer at a time. Tickets
 * a push batch has locked come from it, as the batch's pushes left them.
 */
export async function loadForMutation(
  trx: DbExecutor,
  dialect: Dialect,
  refs: readonly EntityRef[],
  batch: PushBatch | null = null,
): Promise<Loaded> {
  const loaded: Loaded = { tickets: new Map(), articles: new Map(), cis: new Map() };
  const ticketIds: string[] = [];
  for (const id of idsOf(refs, 'ticket')) {
    const locked = batch?.ticket(id);
    if (locked === undefined) ticketIds.push(id);
    else if (locked) loaded.tickets.set(locked.id, locked);
  }
  if (ticketIds.length > 0) {
    let q = trx.selectFrom('tickets').select('data').where('id', 'in', ticketIds);
    if (dialect === 'postgres') q = q.forUpdate();
    for (const row of await q.execute()) {
      const t = JSON.parse(row.data) as Ticket;
      loaded.tickets.set(t.id, t);
    }
  }
  for (const kind of ['article', 'ci'] as const) {
    const ids = idsOf(refs, kind);
    if (ids.length === 0) continue;
    let q = trx
      .selectFrom('records')
      .select('data')
      .where('entity', '=', kind)
      .where('id', 'in', ids);
    if (dialect === 'postgres') q = q.forUpdate();
    for (const row of await q.execute()) {
      if (kind === 'article') {
        const a = JSON.parse(row.data) as KnowledgeArticle;
        loaded.articles.set(a.id as ArticleId, a);
      } else {
        const c = JSON.parse(row.data) as ConfigurationItem;
        loaded.cis.set(c.id as ConfigItemId, c);
      }
    }
  }
  return loaded;
}

const nextTicketNumber = async (
  trx: DbExecutor,
  ticket: Ticket,
  batch: PushBatch | null,
): Promise<string> => {
  const series = ticketPrefixes[ticket.type] as NumberSeries;
  return formatTicketNumber(
    ticket.type,
    batch?.takeNumber(series) ?? (await takeNumber(trx, series)),
  );
};

const nextArticleNumber = async (trx: DbExecutor): Promise<string> =>
  formatArticleNumber(await takeNumber(trx, 'KB'));

const upsertTicketRow = compiledOnce(
  (
    trx: DbExecutor,
    id: string,
    type: string,
    number: string | null,
    queueId: string,
    requesterId: string,
    state: string,
    updatedAt: number,
    data: string,
  ) => {
    const fields = {
      type,
      number,
      queue_id: queueId,
      requester_id: requesterId,
      state,
      updated_at: updatedAt,
      data,
    };
    return trx
      .insertInto('tickets')
      .values({ id, ...fields })
      .onConflict((oc) => oc.column('id').doUpdateSet(fields));
  },
);

async function upsertTicket(trx: DbExecutor, t: Ticket): Promise<void> {
  await upsertTicketRow(
    trx,
    t.id,
    t.type,
    t.number,
    t.queueId,
    t.requesterId,
    t.state,
    t.updatedAt,
    JSON.stringify(t),
  );
}

async function upsertRecord(
  trx: DbExecutor,
  entity: string,
  id: string,
  data: string,
  updatedAt: number,
  userId: string | null = null,
): Promise<void> {
  await trx
    .insertInto('records')
    .values({ entity, id, user_id: userId, updated_at: updatedAt, data })
    .onConflict((oc) => oc.columns(['entity', 'id']).doUpdateSet({ data, updated_at: updatedAt }))
    .execute();
}

type ChildEffect = Extract<Effect, { type: 'insert' }>;

const childTicketIds = (e: ChildEffect): { ticketId: TicketId; other: TicketId | null } =>
  e.entity === 'link'
    ? { ticketId: e.value.fromId, other: e.value.to.kind === 'ticket' ? e.value.to.id : null }
    : { ticketId: e.value.ticketId, other: null };

/** Work notes and internal comments are for the desk, not for the requester. */
export const isInternalChild = (e: ChildEffect): boolean =>
  e.entity === 'worklog' || (e.entity === 'comment' && e.value.visibility === 'internal');

/**
 * Every change row that carries a child: a link between two tickets is logged
 * once per end, so readers of either ticket's queue receive it.
 */
async function childChanges(
  trx: DbExecutor,
  entity: ChildEffect['entity'],
  id: string,
  data: string,
  internal: boolean,
  ticketIds: readonly string[],
  known: ReadonlyMap<string, Audience>,
  batch: PushBatch | null,
): Promise<PendingChange[]> {
  const out: PendingChange[] = [];
  for (const tid of ticketIds) {
    const aud = known.get(tid) ?? (await ticketAudienceById(trx, tid, batch));
    if (aud) out.push({ entity, id, op: 'put', data, audience: childAudience(aud, internal) });
  }
  return out;
}

async function ticketAudienceById(
  trx: DbExecutor,
  id: string,
  batch: PushBatch | null,
): Promise<Audience | null> {
  const locked = batch?.ticket(id);
  if (locked !== undefined) return locked && ticketAudience(locked);
  const row = await trx
    .selectFrom('tickets')
    .select(['queue_id', 'requester_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? ticketAudience({ queueId: row.queue_id as never, requesterId: row.requester_id as never })
    : null;
}

/**
 * When a ticket changes queue or requester, readers who lose it get a removal
 * and readers who gain it get the ticket with all its children again; log
 * order makes a reader who keeps it see removal then re-add, ending whole.
 */
async function reemitChildren(
  trx: DbExecutor,
  ticketId: string,
  aud: Audience,
  batch: PushBatch | null,
): Promise<PendingChange[]> {
  await batch?.writeChildren(trx);
  const rows = await trx
    .selectFrom('ticket_children')
    .select(['id', 'entity', 'internal', 'data'])
    .where((eb) => eb.or([eb('ticket_id', '=', ticketId), eb('other_ticket_id', '=', ticketId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    entity: r.entity,
    id: r.id,
    op: 'put' as const,
    data: r.data,
    audience: childAudience(aud, r.internal === 1),
  }));
}

/**
 * Writes a mutation's effects and returns the change rows to log. `loaded`
 * holds the records as they were before the mutation (to see moves). With a
 * push batch, tickets are written with the batch's end (see PushBatch).
 */
export async function writeEffects(
  trx: DbExecutor,
  effects: readonly Effect[],
  loaded: Loaded,
  batch: PushBatch | null = null,
): Promise<PendingChange[]> {
  const changes: PendingChange[] = [];
  const audiences = new Map<string, Audience>();
  for (const [id, t] of loaded.tickets) audiences.set(id, ticketAudience(t));

  for (const e of effects) {
    if (e.type === 'put' && e.entity === 'ticket') {
      const before = loaded.tickets.get(e.value.id);
      const t: Ticket =
        e.value.number === null && !before?.number
          ? { ...e.value, number: await nextTicketNumber(trx, e.value, batch) }
          : { ...e.value, number: e.value.number ?? before?.number ?? null };
      if (batch) batch.putTicket(t);
      else await upsertTicket(trx, t);
      const aud = ticketAudience(t);
      audiences.set(t.id, aud);
      const moved = before && before.queueId !== t.queueId;
      const newRequester = before && before.requesterId !== t.requesterId;
      if (moved || newRequester) {
        changes.push({
          entity: 'ticket',
          id: t.id,
          op: 'remove',
          data: null,
          audience: {
            queueId: moved ? before.queueId : null,
            requesterId: newRequester ? before.requesterId : null,
            internal: false,
            userId: null,
            global: false,
          },
        });
      }
      changes.push({
        entity: 'ticket',
        id: t.id,
        op: 'put',
        data: JSON.stringify(t),
        audience: aud,
      });
      if (moved || newRequester) changes.push(...(await reemitChildren(trx, t.id, aud, batch)));
    } else if (e.type === 'put' && e.entity === 'article') {
      const before = loaded.articles.get(e.value.id);
      const a: KnowledgeArticle = {
        ...e.value,
        number: e.value.number ?? before?.number ?? (await nextArticleNumber(trx)),
      };
      const data = JSON.stringify(a);
      await upsertRecord(trx, 'article', a.id, data, a.updatedAt);
      changes.push({ entity: 'article', id: a.id, op: 'put', data, audience: articleAudience(a) });
    } else if (e.type === 'put') {
      const data = JSON.stringify(e.value);
      await upsertRecord(trx, e.entity, e.value.id, data, e.value.updatedAt);
      changes.push({
        entity: e.entity,
        id: e.value.id,
        op: 'put',
        data,
        audience: globalAudience(),
      });
    } else if (e.type === 'insert') {
      const { ticketId, other } = childTicketIds(e);
      const data = JSON.stringify(e.value);
      const internal = isInternalChild(e);
      const row: ChildRow = {
        id: e.value.id,
        entity: e.entity,
        ticket_id: ticketId,
        other_ticket_id: other,
        internal: internal ? 1 : 0,
        created_at: e.value.createdAt,
        data,
      };
      const ends = other ? [ticketId, other] : [ticketId];
      const logged = () =>
        childChanges(trx, e.entity, e.value.id, data, internal, ends, audiences, batch);
      if (batch) {
        // Inserted with the batch's end; logged only if its id was free.
        const rows = await logged();
        if (batch.insertChild(row, rows)) changes.push(...rows);
        continue;
      }
      const res = await trx
        .insertInto('ticket_children')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
      changes.push(...(await logged()));
    } else {
      const data = JSON.stringify(e.value);
      await upsertRecord(trx, 'conflict', e.value.id, data, e.value.at, e.value.userId);
      changes.push({
        entity: 'conflict',
        id: e.value.id,
        op: 'put',
        data,
        audience: userAudience(e.value.userId),
      });
    }
  }
  return changes;
}
