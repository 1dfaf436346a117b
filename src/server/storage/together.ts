import { sql, type OperationNodeSource } from 'kysely';
import { isPostgres, type DbExecutor } from './schema';

/** An insert, update or delete built with Kysely, not yet run. */
export type WriteQuery = OperationNodeSource & { execute(): Promise<unknown> };

/**
 * Runs writes to different tables as one statement on PostgreSQL (all but
 * the last as data-modifying WITH clauses; they see one snapshot, so they
 * must not depend on each other's effects) and one after another on SQLite,
 * where a statement is a function call rather than a round trip. Each
 * statement on PostgreSQL is a network write and a wait: the end of a push
 * (results, client row, change log) was three of them.
 */
export async function runTogether(trx: DbExecutor, writes: readonly WriteQuery[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1 || !isPostgres(trx)) {
    for (const w of writes) await w.execute();
    return;
  }
  const last = writes[writes.length - 1]!;
  const ctes = writes.slice(0, -1).map((w, i) => sql`${sql.id(`w${i}`)} as (${w})`);
  await sql`with ${sql.join(ctes)} ${last}`.execute(trx);
}
