import type { DbExecutor } from './schema';

/**
 * Takes `count` numbers from a counter row ('seq', 'INC', 'KB'…) and returns
 * the last one. The row stays locked until the transaction ends (PostgreSQL);
 * SQLite runs one writer at a time anyway, so numbers follow commit order.
 */
export async function takeFromCounter(trx: DbExecutor, name: string, count = 1): Promise<number> {
  const { value } = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(value);
}
