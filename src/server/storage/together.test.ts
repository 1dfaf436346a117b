import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { openDatabase } from './database';
import { runTogether } from './together';

describe.each(DIALECTS)('writes run together (%s)', (dialect) => {
  let handle: TestDatabaseHandle;
  afterEach(async () => handle?.cleanup());

  it('applies every write, in one statement on PostgreSQL', async () => {
    handle = await openTestDatabase(dialect);
    const statements: string[] = [];
    const db = await openDatabase(handle.target, { onQuery: (s) => statements.push(s) });
    try {
      const k = db.kysely;
      await k.insertInto('meta').values({ key: 'a', value: '1' }).execute();
      statements.length = 0;
      await k.transaction().execute((trx) =>
        runTogether(trx, [
          trx.insertInto('meta').values([
            { key: 'b', value: "it's" },
            { key: 'c', value: '3' },
          ]),
          trx.updateTable('meta').set({ value: 'one' }).where('key', '=', 'a'),
          trx.insertInto('counters').values({ name: 'test', value: 7 }),
        ]),
      );
      const writes = statements.filter((s) => !/^(begin|commit)$/i.test(s));
      expect(writes).toHaveLength(dialect === 'postgres' ? 1 : 3);
      const meta = await k
        .selectFrom('meta')
        .selectAll()
        .where('key', 'in', ['a', 'b', 'c'])
        .orderBy('key')
        .execute();
      expect(meta).toEqual([
        { key: 'a', value: 'one' },
        { key: 'b', value: "it's" },
        { key: 'c', value: '3' },
      ]);
      const counter = await k
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'test')
        .executeTakeFirst();
      expect(Number(counter?.value)).toBe(7);
    } finally {
      await db.close();
    }
  });

  it('rolls all of them back with the transaction', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    await expect(
      k.transaction().execute(async (trx) => {
        await runTogether(trx, [
          trx.insertInto('meta').values({ key: 'x', value: '1' }),
          trx.insertInto('counters').values({ name: 'x', value: 1 }),
        ]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await k.selectFrom('meta').selectAll().where('key', '=', 'x').execute()).toEqual([]);
    expect(await k.selectFrom('counters').selectAll().where('name', '=', 'x').execute()).toEqual(
      [],
    );
  });
});
