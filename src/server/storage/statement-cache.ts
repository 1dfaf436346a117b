import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 for Kysely with prepared statements kept: Kysely's SQLite
 * driver prepares every query it runs, and under 50 syncing clients that
 * preparation was an eighth of the hub's CPU. Up to `max` statements are
 * kept by SQL text (the least recently used goes first: queries with `in`
 * lists of many lengths must not grow it without bound). A streamed query
 * gets a statement of its own, so a cached one is never busy iterating
 * when another query needs it.
 */
export function withStatementCache(raw: BetterSqlite3.Database, max = 256): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const statement = (sql: string): BetterSqlite3.Statement => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = raw.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return {
    close: () => raw.close(),
    prepare: (sql): SqliteStatement => {
      const stmt = statement(sql);
      return {
        reader: stmt.reader,
        all: (parameters) => stmt.all(parameters),
        run: (parameters) => stmt.run(parameters),
        iterate: (parameters) => raw.prepare(sql).iterate(parameters),
      };
    },
  };
}
