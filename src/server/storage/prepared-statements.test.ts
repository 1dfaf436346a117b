import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../tests/fixtures/postgres-database';
import { withPreparedStatements } from './prepared-statements';

/** One pooled connection, so every statement runs where the last one was prepared. */
async function setup(max?: number) {
  const created = await createTestDatabase(inject('pgUrl'));
  const raw = new pg.Pool({ connectionString: created.url, max: 1 });
  const pool = withPreparedStatements(raw, max);
  const client = await pool.connect();
  return {
    client,
    prepared: async () =>
      (
        await client.query<{ name: string; statement: string }>(
          'select name, statement from pg_prepared_statements order by name',
          [],
        )
      ).rows,
    async cleanup() {
      client.release();
      await pool.end();
      await created.drop();
    },
  };
}

describe('named prepared statements on PostgreSQL', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  it('prepares a statement with parameters once per connection and runs it with new values', async () => {
    const s = await setup();
    cleanup = s.cleanup;
    const q = 'select $1::int + 1 as n';
    expect((await s.client.query<{ n: number }>(q, [1])).rows).toEqual([{ n: 2 }]);
    expect((await s.client.query<{ n: number }>(q, [41])).rows).toEqual([{ n: 42 }]);
    // Statements without parameters (begin, commit) run as they are.
    await s.client.query('select 1', []);
    expect(await s.prepared()).toEqual([{ name: 'outpost_1', statement: q }]);
  });

  it('names only the first `max` texts and runs later ones unnamed', async () => {
    const s = await setup(2);
    cleanup = s.cleanup;
    for (const n of [1, 2, 3, 1]) {
      const rows = (await s.client.query<{ n: number }>(`select $1::int * ${n} as n`, [2])).rows;
      expect(rows).toEqual([{ n: 2 * n }]);
    }
    expect((await s.prepared()).map((p) => p.name)).toEqual(['outpost_1', 'outpost_2']);
  });

  it('a statement that fails to parse reports its error each time and leaves the connection usable', async () => {
    const s = await setup();
    cleanup = s.cleanup;
    const bad = 'select $1::int from no_such_table';
    await expect(s.client.query(bad, [1])).rejects.toThrow(/no_such_table/);
    await expect(s.client.query(bad, [1])).rejects.toThrow(/no_such_table/);
    expect((await s.client.query<{ n: number }>('select $1::int as n', [5])).rows).toEqual([
      { n: 5 },
    ]);
  });
});
