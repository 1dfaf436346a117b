import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { compiledOnce } from './compiled-query';
import type { DbExecutor } from './schema';

describe.each(DIALECTS)('a query compiled once on %s', (dialect) => {
  let h: TestDatabaseHandle;
  afterEach(async () => h?.cleanup());

  it('builds once, then runs with each call’s values, in and out of transactions', async () => {
    h = await openTestDatabase(dialect);
    const k = h.db.kysely;
    await k
      .insertInto('meta')
      .values([
        { key: 'test.a', value: '1' },
        { key: 'test.b', value: '2' },
        { key: 'test.c', value: '3' },
      ])
      .execute();
    let builds = 0;
    const between = compiledOnce((db: DbExecutor, from: string, to: string) => {
      builds++;
      return (
        db
          .selectFrom('meta')
          .select(['key', 'value'])
          // A constant in the query stays as it was compiled.
          .where('key', 'like', 'test.%')
          .where('key', '>=', from)
          .where('key', '<=', to)
          .orderBy('key')
      );
    });
    expect(await between(k, 'test.a', 'test.b')).toEqual([
      { key: 'test.a', value: '1' },
      { key: 'test.b', value: '2' },
    ]);
    // New values, not the first call's: the arguments are bound in their order.
    expect((await between(k, 'test.b', 'test.c')).map((r) => r.key)).toEqual(['test.b', 'test.c']);
    expect(await between(k, 'test.c', 'test.a')).toEqual([]);
    const inTrx = await k.transaction().execute((trx) => between(trx, 'test.c', 'test.c'));
    expect(inTrx).toEqual([{ key: 'test.c', value: '3' }]);
    expect(builds).toBe(1);
  });

  it('refuses a build that does not bind every argument', async () => {
    h = await openTestDatabase(dialect);
    const ignoresIt = compiledOnce((db: DbExecutor, _key: string) =>
      db.selectFrom('meta').select('value').where('key', '=', 'fixed'),
    );
    await expect(ignoresIt(h.db.kysely, 'x')).rejects.toThrow(/argument 0 is not a bound value/);
  });
});

it('compiles separately for each dialect', async () => {
  const handles = await Promise.all(DIALECTS.map((d) => openTestDatabase(d)));
  try {
    let builds = 0;
    const one = compiledOnce((db: DbExecutor, key: string) => {
      builds++;
      return db.selectFrom('meta').select('value').where('key', '=', key);
    });
    for (const h of handles) {
      await h.db.kysely.insertInto('meta').values({ key: 'test.x', value: h.db.dialect }).execute();
      expect(await one(h.db.kysely, 'test.x')).toEqual([{ value: h.db.dialect }]);
      expect(await one(h.db.kysely, 'test.x')).toEqual([{ value: h.db.dialect }]);
    }
    expect(builds).toBe(DIALECTS.length);
  } finally {
    await Promise.all(handles.map((h) => h.cleanup()));
  }
});
