import type { DbExecutor } from './schema';

/** Small key/value settings of the hub (set-up marker, lock rows, later: sync counters). */
export async function getMeta(db: DbExecutor, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setMeta(db: DbExecutor, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Inserts the key only when absent; true when this call created it (first writer wins). */
export async function insertMetaIfAbsent(
  db: DbExecutor,
  key: string,
  value: string,
): Promise<boolean> {
  const res = await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Serialises transactions that touch the same invariant (e.g. "at least one
 * admin", audit sequence numbers) on both dialects: updating one row takes a
 * row lock on PostgreSQL until commit; SQLite already runs one writer at a time.
 * Call it inside a transaction, before reading the state you are about to check.
 */
export async function lockMetaRow(trx: DbExecutor, key: string): Promise<void> {
  await trx
    .insertInto('meta')
    .values({ key, value: '' })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  await trx
    .updateTable('meta')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('key', '=', key)
    .execute();
}
