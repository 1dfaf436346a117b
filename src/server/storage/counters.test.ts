import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { takeNumber } from './counters';
import { migrateToLatest } from './migrate';

describe.each(DIALECTS)('ticket and article number series (%s)', (dialect) => {
  let handle: TestDatabaseHandle;
  afterEach(async () => handle?.cleanup());

  it('hands out 1, 2, 3… per series, independently', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    const taken = [];
    for (const name of ['INC', 'INC', 'REQ', 'INC', 'KB', 'REQ'] as const) {
      taken.push(await k.transaction().execute((trx) => takeNumber(trx, name)));
    }
    expect(taken).toEqual([1, 2, 1, 3, 1, 2]);
  });

  it('carries on after the numbers a hub had taken before the number migration', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    // A hub from before migration 0008: its counters say 41 incidents and 7 articles.
    await k.updateTable('counters').set({ value: 41 }).where('name', '=', 'INC').execute();
    await k.updateTable('counters').set({ value: 7 }).where('name', '=', 'KB').execute();
    await k
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '>=', '0008_number_sequences' as never)
      .execute();
    await migrateToLatest(k);
    expect(await takeNumber(k, 'INC')).toBe(42);
    expect(await takeNumber(k, 'KB')).toBe(8);
    expect(await takeNumber(k, 'CHG')).toBe(1);
  });

  it.runIf(dialect === 'postgres')(
    'does not make a create wait for another transaction that took a number and has not committed',
    async () => {
      handle = await openTestDatabase(dialect);
      const k = handle.db.kysely;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let first!: () => void;
      const firstTaken = new Promise<void>((r) => (first = r));
      const open = k.transaction().execute(async (trx) => {
        const n = await takeNumber(trx, 'INC');
        first();
        await held;
        return n;
      });
      await firstTaken;
      // A counter row would stay locked until `open` commits: this would wait, then fail.
      const second = await k
        .transaction()
        .execute(async (trx) => {
          await sql`SET LOCAL lock_timeout = '2s'`.execute(trx);
          return takeNumber(trx, 'INC');
        })
        .finally(release);
      expect([await open, second]).toEqual([1, 2]);
    },
  );
});
