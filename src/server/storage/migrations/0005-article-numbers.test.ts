import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../../tests/fixtures/hub-fixture';
import { migrateToLatest } from '../migrate';

const article = (id: string, createdAt: number, number: string | null = null) => ({
  entity: 'article',
  id,
  user_id: null,
  updated_at: createdAt,
  data: JSON.stringify({ id, number, title: `Article ${id}`, createdAt, updatedAt: createdAt }),
});

describe.each(DIALECTS)('migration 0005: article numbers (%s)', (dialect) => {
  let handle: TestDatabaseHandle;
  afterEach(async () => handle?.cleanup());

  it('numbers the articles a hub already holds in the order they were written and starts the KB counter after them', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    // The database as a hub before this migration left it: articles without
    // numbers, no KB counter, and 0005 (and what came after it) not yet recorded as applied.
    await k.deleteFrom('counters').where('name', '=', 'KB').execute();
    await k
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '>=', '0005_article_numbers' as never)
      .execute();
    await k
      .insertInto('records')
      .values([article('a-late', 3_000), article('a-early', 1_000), article('a-middle', 2_000)])
      .execute();

    await migrateToLatest(k);

    const rows = await k
      .selectFrom('records')
      .select(['id', 'data'])
      .where('entity', '=', 'article')
      .execute();
    const numbers = Object.fromEntries(
      rows.map((r) => [r.id, (JSON.parse(r.data) as { number: string }).number]),
    );
    expect(numbers).toEqual({
      'a-early': 'KB0000001',
      'a-middle': 'KB0000002',
      'a-late': 'KB0000003',
    });
    const counter = await k
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'KB')
      .executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(3);
  });

  it('starts the KB counter at zero on a hub without articles', async () => {
    handle = await openTestDatabase(dialect);
    const counter = await handle.db.kysely
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'KB')
      .executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(0);
  });
});
