import { sql } from 'kysely';
import { compiledOnce } from './compiled-query';
import { isPostgres, type DbExecutor } from './schema';

/**
 * Takes `count` numbers from a counter row ('seq', 'INC', 'KB'…) and returns
 * the last one. The row stays locked until the transaction ends (PostgreSQL);
 * SQLite runs one writer at a time anyway, so numbers follow commit order.
 */
export async function takeFromCounter(trx: DbExecutor, name: string, count = 1): Promise<number> {
  const [row] = await addToCounter(trx, name, count);
  if (!row) throw new Error(`no counter named ${name}`);
  return Number(row.value);
}

const addToCounter = compiledOnce((trx: DbExecutor, name: string, count: number) =>
  trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value'),
);

/** The number series of tickets (by prefix) and knowledge articles. */
export const NUMBER_SERIES = ['INC', 'REQ', 'PRB', 'CHG', 'KB'] as const;
export type NumberSeries = (typeof NUMBER_SERIES)[number];

/** The PostgreSQL sequence behind a number series (migration 0008). */
export const numberSequence = (name: NumberSeries): string => `number_${name.toLowerCase()}`;

/**
 * The next number of a series (INC0000042's 42). On PostgreSQL it comes from
 * a sequence, so concurrent creates do not wait for each other's commits; a
 * number taken by a transaction that then rolls back is skipped. On SQLite
 * (one writer at a time) it comes from the counter row, without gaps.
 */
export async function takeNumber(trx: DbExecutor, name: NumberSeries): Promise<number> {
  if (!isPostgres(trx)) return takeFromCounter(trx, name);
  const { rows } = await sql<{
    n: string | number;
  }>`select nextval(${numberSequence(name)}::regclass) as n`.execute(trx);
  return Number(rows[0]!.n);
}
