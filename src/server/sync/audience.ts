import type { Compilable, Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Role } from '../../shared/domain/accounts';
import type { Actor } from '../../shared/domain/actor';
import type { QueueId } from '../../shared/ids';
import { isAdmin, isStaff } from '../../shared/domain/access';
import type { KnowledgeArticle } from '../../shared/domain/knowledge';
import type { Ticket } from '../../shared/domain/ticket';
import { compiledOnce } from '../storage/compiled-query';
import type { Database, DbExecutor } from '../storage/schema';

/**
 * Who may read a change-log row, stored beside it so a pull filters by the
 * reader's access without loading records (SYNC.md "Access control in sync").
 *
 * A row is visible to a reader when it is global (reference data; `internal`
 * global rows only to staff), addressed to them (`userId`: conflicts), of a
 * queue they work (staff), or of a ticket they requested and not internal.
 */
export interface Audience {
  queueId: string | null;
  requesterId: string | null;
  internal: boolean;
  userId: string | null;
  global: boolean;
}

export const ticketAudience = (t: Pick<Ticket, 'queueId' | 'requesterId'>): Audience => ({
  queueId: t.queueId,
  requesterId: t.requesterId,
  internal: false,
  userId: null,
  global: false,
});

export const childAudience = (ticket: Audience, internal: boolean): Audience => ({
  ...ticket,
  internal,
});

export const globalAudience = (internal = false): Audience => ({
  queueId: null,
  requesterId: null,
  internal,
  userId: null,
  global: true,
});

export const userAudience = (userId: string): Audience => ({
  queueId: null,
  requesterId: null,
  internal: false,
  userId,
  global: false,
});

/** Drafts, retired and internal articles are for staff only. */
export const articleAudience = (a: Pick<KnowledgeArticle, 'state' | 'audience'>): Audience =>
  globalAudience(!(a.state === 'published' && a.audience === 'public'));

type ChangesEb = ExpressionBuilder<Database, 'changes'>;

/**
 * The WHERE clause of a pull for this reader. Its shape depends only on
 * whether the reader is an admin, staff, and how many queues they work
 * (compiledPerReader relies on that).
 */
export const visibleTo =
  (reader: Actor) =>
  (eb: ChangesEb): Expression<SqlBool> => {
    const mine = eb('user_id', '=', reader.userId);
    if (isAdmin(reader)) return eb.or([eb('user_id', 'is', null), mine]);
    const staff = isStaff(reader);
    const options: Expression<SqlBool>[] = [
      mine,
      staff ? eb('global', '=', 1) : eb.and([eb('global', '=', 1), eb('internal', '=', 0)]),
      eb.and([eb('requester_id', '=', reader.userId), eb('internal', '=', 0)]),
    ];
    if (staff && reader.queueIds.length > 0) options.push(eb('queue_id', 'in', reader.queueIds));
    return eb.or(options);
  };

/**
 * Whether `reader` may read a change with this audience: visibleTo in
 * JavaScript, for deciding which event streams a commit pokes. The two must
 * agree (audience.test.ts checks every reader shape against the SQL).
 */
export function canSee(reader: Actor, a: Audience): boolean {
  if (a.userId !== null && a.userId === reader.userId) return true;
  if (isAdmin(reader)) return a.userId === null;
  const staff = isStaff(reader);
  if (a.global && (staff || !a.internal)) return true;
  if (a.requesterId !== null && a.requesterId === reader.userId && !a.internal) return true;
  return staff && a.queueId !== null && reader.queueIds.includes(a.queueId as QueueId);
}

/** The distinct audiences among `list` (a push of 30 edits in one queue has one). */
export function distinctAudiences(list: Iterable<Audience>): Audience[] {
  const byKey = new Map<string, Audience>();
  for (const a of list) {
    byKey.set(`${a.queueId}|${a.requesterId}|${a.internal}|${a.userId}|${a.global}`, a);
  }
  return [...byKey.values()];
}

/**
 * A query that filters by what its reader may see, compiled once per shape
 * of that filter (visibleTo): admin, requester, or staff working N queues
 * (the queue ids are an `in` list). Readers of one shape share the statement
 * with their own user id and queue ids bound; Kysely rebuilt and recompiled
 * the pull's query for every request.
 */
export function compiledPerReader<Rest extends unknown[], Row>(
  build: (db: DbExecutor, reader: Actor, ...rest: Rest) => Compilable<Row>,
): (db: DbExecutor, reader: Actor, ...rest: Rest) => Promise<Row[]> {
  const byShape = new Map<string, (db: DbExecutor, ...args: unknown[]) => Promise<Row[]>>();
  return (db, reader, ...rest) => {
    const role: Role = isAdmin(reader) ? 'admin' : isStaff(reader) ? 'agent' : 'requester';
    const queueIds = role === 'agent' ? reader.queueIds : [];
    const shape = `${role}:${queueIds.length}`;
    let run = byShape.get(shape);
    if (!run) {
      const n = queueIds.length;
      run = compiledOnce((db: DbExecutor, ...args: unknown[]) =>
        build(
          db,
          {
            userId: args[0] as Actor['userId'],
            roles: [role],
            queueIds: args.slice(1, 1 + n) as Actor['queueIds'],
          },
          ...(args.slice(1 + n) as Rest),
        ),
      );
      byShape.set(shape, run);
    }
    return run(db, reader.userId, ...queueIds, ...rest);
  };
}
