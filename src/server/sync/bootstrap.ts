import type { Actor } from '../../shared/domain/actor';
import { isAdmin, isStaff } from '../../shared/domain/access';
import { PROTOCOL_VERSION, type SyncEntity } from '../../shared/sync/protocol';
import { listIn } from '../../shared/list-in';
import type { HubDatabase } from '../storage/database';
import type { DbExecutor } from '../storage/schema';
import { listQueues, publicQueue } from '../storage/queues-repo';
import { listUsers, publicUser } from '../storage/users-repo';
import { aclHash } from './acl';
import { currentSeq } from './change-log';

/** Rows per NDJSON line and per database page: big enough to amortise, small enough to stream. */
export const BOOTSTRAP_PAGE = 1000;

const rowsLine = (entity: SyncEntity, jsonRows: readonly string[]): string =>
  `{"type":"rows","entity":"${entity}","rows":[${jsonRows.join(',')}]}\n`;

interface TicketPageRow {
  id: string;
  data: string;
  queue_id: string;
  requester_id: string;
}

async function* ticketPages(db: DbExecutor, actor: Actor): AsyncGenerator<TicketPageRow[]> {
  let after = '';
  const staffQueues = isStaff(actor) ? actor.queueIds : [];
  for (;;) {
    let q = db
      .selectFrom('tickets')
      .select(['id', 'data', 'queue_id', 'requester_id'])
      .where('id', '>', after);
    if (!isAdmin(actor)) {
      q = q.where((eb) =>
        eb.or([
          eb('requester_id', '=', actor.userId),
          ...(staffQueues.length ? [eb('queue_id', 'in', staffQueues)] : []),
        ]),
      );
    }
    const rows = await q.orderBy('id').limit(BOOTSTRAP_PAGE).execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The comments, work log entries and attachments of one page of tickets, by
 * ticket: sent right after the page, so a client finds a ticket's children
 * together (the client stores a first sync's children packed, a few hundred
 * to a record; child-packs.ts). Visible as through the ticket: everything to
 * staff of its queue (and admins), the public ones to its requester.
 */
async function pageChildren(
  db: DbExecutor,
  actor: Actor,
  page: readonly TicketPageRow[],
): Promise<{ entity: string; data: string }[]> {
  const staffQueues = new Set<string>(isStaff(actor) ? actor.queueIds : []);
  const all = page.filter((t) => isAdmin(actor) || staffQueues.has(t.queue_id)).map((t) => t.id);
  const shown = new Set(all);
  const publicOnly = page
    .filter((t) => !shown.has(t.id) && t.requester_id === actor.userId)
    .map((t) => t.id);
  if (all.length === 0 && publicOnly.length === 0) return [];
  return db
    .selectFrom('ticket_children')
    .select(['entity', 'data'])
    .where('entity', '!=', 'link')
    .where((eb) =>
      eb.or([
        ...(all.length ? [eb('ticket_id', 'in', all)] : []),
        ...(publicOnly.length
          ? [eb.and([eb('ticket_id', 'in', publicOnly), eb('internal', '=', 0)])]
          : []),
      ]),
    )
    .orderBy('ticket_id')
    .orderBy('id')
    .execute();
}

/** Links, visible through either of their tickets. */
async function* linkPages(
  db: DbExecutor,
  actor: Actor,
): AsyncGenerator<{ id: string; entity: string; data: string }[]> {
  let after = '';
  const staffQueues = isStaff(actor) ? actor.queueIds : [];
  for (;;) {
    let q = db
      .selectFrom('ticket_children as c')
      .select(['c.id', 'c.entity', 'c.data'])
      .where('c.entity', '=', 'link')
      .where('c.id', '>', after);
    if (!isAdmin(actor)) {
      // A child is visible through its ticket or, for a link, through its other end.
      q = q.where((eb) => {
        const visibleThrough = (col: 'c.ticket_id' | 'c.other_ticket_id') =>
          eb.exists(
            eb
              .selectFrom('tickets as t')
              .select('t.id')
              .whereRef('t.id', '=', col)
              .where((e) =>
                e.or([
                  e.and([e('t.requester_id', '=', actor.userId), e('c.internal', '=', 0)]),
                  ...(staffQueues.length ? [e('t.queue_id', 'in', staffQueues)] : []),
                ]),
              ),
          );
        return eb.or([visibleThrough('c.ticket_id'), visibleThrough('c.other_ticket_id')]);
      });
    }
    const rows = await q.orderBy('c.id').limit(BOOTSTRAP_PAGE).execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

async function referenceRows(db: DbExecutor, actor: Actor): Promise<Map<SyncEntity, string[]>> {
  const out = new Map<SyncEntity, string[]>();
  const add = (entity: SyncEntity, json: string) => {
    const list = out.get(entity) ?? [];
    list.push(json);
    out.set(entity, list);
  };
  for (const u of await listUsers(db)) add('user', JSON.stringify(publicUser(u)));
  for (const q of await listQueues(db)) add('queue', JSON.stringify(publicQueue(q)));
  const staff = isStaff(actor);
  const records = await db
    .selectFrom('records')
    .select(['entity', 'data', 'user_id'])
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', actor.userId)]))
    .execute();
  for (const r of records) {
    if (r.entity === 'conflict' && r.user_id !== actor.userId) continue;
    if (r.entity === 'article' && !staff) {
      const a = JSON.parse(r.data) as { state: string; audience: string };
      if (a.state !== 'published' || a.audience !== 'public') continue;
    }
    add(r.entity as SyncEntity, r.data);
  }
  return out;
}

/**
 * The NDJSON bootstrap stream of SYNC.md: a `begin` line with the cursor to
 * pull from, pages of current records, and an `end` line with the row count
 * (a stream cut short has no `end`, and the client starts over). The cursor
 * is read before the records, so anything committed meanwhile is pulled
 * again later; records are whole, so applying them twice is harmless.
 */
export async function* bootstrapStream(
  db: HubDatabase,
  actor: Actor,
  clientId: string,
): AsyncGenerator<string> {
  const k = db.kysely;
  // Cursor and lastMutationId from one snapshot; the records are read after it.
  const { cursor, lmid } = await k.transaction().execute(async (trx) => {
    const client = await trx
      .selectFrom('sync_clients')
      .select('last_mutation_id')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return { cursor: await currentSeq(trx), lmid: Number(client?.last_mutation_id ?? 0) };
  });
  yield `${JSON.stringify({
    type: 'begin',
    cursor,
    lastMutationId: lmid,
    aclHash: aclHash(actor),
    protocol: PROTOCOL_VERSION,
  })}\n`;
  let count = 0;
  for (const [entity, rows] of await referenceRows(k, actor)) {
    for (let i = 0; i < rows.length; i += BOOTSTRAP_PAGE) {
      const page = rows.slice(i, i + BOOTSTRAP_PAGE);
      count += page.length;
      yield rowsLine(entity, page);
    }
  }
  const byEntity = function* (rows: readonly { entity: string; data: string }[]) {
    const grouped = new Map<string, string[]>();
    for (const r of rows) listIn(grouped, r.entity).push(r.data);
    for (const [entity, list] of grouped) {
      for (let i = 0; i < list.length; i += BOOTSTRAP_PAGE) {
        const part = list.slice(i, i + BOOTSTRAP_PAGE);
        count += part.length;
        yield rowsLine(entity as SyncEntity, part);
      }
    }
  };
  for await (const page of ticketPages(k, actor)) {
    count += page.length;
    yield rowsLine(
      'ticket',
      page.map((r) => r.data),
    );
    yield* byEntity(await pageChildren(k, actor, page));
  }
  for await (const page of linkPages(k, actor)) yield* byEntity(page);
  yield `${JSON.stringify({ type: 'end', rows: count })}\n`;
}
