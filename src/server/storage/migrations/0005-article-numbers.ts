import type { Kysely, Migration } from 'kysely';
import { formatArticleNumber } from '../../../shared/domain/knowledge';

/**
 * Knowledge articles get hub numbers (KB0000001) like tickets do, from their
 * own counter row. Articles stored before this migration are numbered in the
 * order they were written, so every article has one; devices learn the
 * numbers with the article's next change or their next bootstrap.
 */
export const articleNumbersMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>): Promise<void> {
    const rows = (await db
      .selectFrom('records')
      .select(['id', 'data'])
      .where('entity', '=', 'article')
      .execute()) as { id: string; data: string }[];
    const articles = rows
      .map((r) => ({ id: r.id, value: JSON.parse(r.data) as Record<string, unknown> }))
      .sort(
        (a, b) => Number(a.value.createdAt) - Number(b.value.createdAt) || a.id.localeCompare(b.id),
      );
    let n = 0;
    for (const a of articles) {
      if (typeof a.value.number === 'string') continue;
      n += 1;
      await db
        .updateTable('records')
        .set({ data: JSON.stringify({ ...a.value, number: formatArticleNumber(n) }) })
        .where('entity', '=', 'article')
        .where('id', '=', a.id)
        .execute();
    }
    await db.insertInto('counters').values({ name: 'KB', value: n }).execute();
  },
};
