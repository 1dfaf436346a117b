import { sql } from 'kysely';
import type { SyncEntity } from '../../shared/sync/protocol';
import { takeFromCounter } from '../storage/counters';
import { isPostgres, type DbExecutor } from '../storage/schema';
import { runTogether, type WriteQuery } from '../storage/together';
import type { Audience } from './audience';

/** A change about to be written; its seq is allocated at commit time. */
export interface PendingChange {
  entity: SyncEntity;
  id: string;
  op: 'put' | 'remove';
  /** JSON text of the record (put) or null (remove). */
  data: string | null;
  audience: Audience;
}

export const COMPACTED_THROUGH_KEY = 'sync.compactedThrough';

/**
 * What appendChanges returns on PostgreSQL, where rows are numbered inside
 * COMMIT (migration 0006): written, seq not known yet. The poke bus reads
 * the newest seq itself once the transaction has committed (pokes.ts).
 */
export const SEQ_AT_COMMIT = -1;

/**
 * Appends changes so that seqs become visible in commit order: a pull never
 * skips a row that commits later with a smaller seq. On SQLite (one writer at
 * a time) seqs are taken here from the 'seq' counter row; call it last in the
 * transaction. On PostgreSQL rows get a provisional negative seq and a
 * deferred trigger numbers them during COMMIT (migration 0006), so the
 * counter row is locked only for the commit itself. Returns the last seq
 * written (SEQ_AT_COMMIT on PostgreSQL), or null if there was nothing.
 * `alongside` are other writes of the transaction's end, run in the same
 * statement as the first rows where the database allows (runTogether).
 */
export async function appendChanges(
  trx: DbExecutor,
  changes: readonly PendingChange[],
  now: number,
  alongside: readonly WriteQuery[] = [],
): Promise<number | null> {
  if (changes.length === 0) {
    await runTogether(trx, alongside);
    return null;
  }
  const atCommit = isPostgres(trx);
  let first = 0;
  let last = SEQ_AT_COMMIT;
  if (!atCommit) {
    last = await takeFromCounter(trx, 'seq', changes.length);
    first = last - changes.length + 1;
  }
  const rows = changes.map((c, i) => ({
    seq: atCommit ? sql<number>`-nextval('changes_provisional_seq')` : first + i,
    entity: c.entity,
    entity_id: c.id,
    op: c.op,
    queue_id: c.audience.queueId,
    requester_id: c.audience.requesterId,
    internal: c.audience.internal ? 1 : 0,
    user_id: c.audience.userId,
    global: c.audience.global ? 1 : 0,
    data: c.data,
    created_at: now,
  }));
  // Chunked: SQLite limits the number of bound parameters of one statement.
  const batches = [];
  for (let i = 0; i < rows.length; i += 500) {
    batches.push(trx.insertInto('changes').values(rows.slice(i, i + 500)));
  }
  await runTogether(trx, [...alongside, batches[0]!]);
  for (const batch of batches.slice(1)) await batch.execute();
  return last;
}

/** The newest committed seq (0 on an empty log). */
export async function currentSeq(db: DbExecutor): Promise<number> {
  const row = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'seq')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
