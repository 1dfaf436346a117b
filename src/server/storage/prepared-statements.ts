import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * A pg pool for Kysely whose statements PostgreSQL parses and plans once per
 * connection. pg runs every parameterised statement as an unnamed prepared
 * statement, so the server parses and plans it again on every call; the
 * hub's statements are few and run thousands of times a second under load.
 * Here each distinct SQL text gets a name (`outpost_1`, …), and pg skips the
 * parse on a connection that has already prepared it. Only the first `max`
 * texts are named (queries with `in` lists of many lengths must not grow
 * every connection's prepared statements without bound; later texts run
 * unnamed, as before). Statements without parameters (begin, commit) and
 * streamed cursors pass through unchanged.
 */
export function withPreparedStatements(pool: pg.Pool, max = 256): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < max) {
      name = `outpost_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const query = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>): unknown => {
        if (typeof sqlOrCursor === 'string' && parameters && parameters.length > 0) {
          const name = nameOf(sqlOrCursor);
          if (name) return client.query({ name, text: sqlOrCursor, values: [...parameters] });
        }
        return client.query(sqlOrCursor as string, parameters as unknown[]);
      };
      return {
        query: query as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
