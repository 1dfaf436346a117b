import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { migrateToLatest, readSchemaVersion } from './migrate';
import type { Database } from './schema';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
export type Dialect = DatabaseTarget['kind'];

/** An open hub database: what createHub and the repositories work with. */
export interface HubDatabase {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** Number of the newest applied migration (see migrations/index.ts). */
  readonly schemaVersion: number;
  /** Cheap liveness probe for /health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations (default true). verify-audit opens read-only-ish without it. */
  migrate?: boolean;
  log?: Logger;
  /** Maximum PostgreSQL connections of this process. */
  poolSize?: number;
}

/** Hides the password in a postgres URL so it can appear in messages and logs. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
};

/** node-pg returns int8 as strings; every bigint we store is epoch ms or a seq, far below 2^53. */
const INT8_OID = 20;
const parseInt8 = (v: string): number => Number(v);

function sqliteKysely(file: string): Kysely<Database> {
  const raw = new BetterSqlite3(file);
  // WAL lets readers proceed while a write commits; busy_timeout makes a
  // second connection (e.g. verify-audit while the hub runs) wait instead of failing.
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}

function postgresKysely(url: string, poolSize: number, log?: Logger): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? parseInt8
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it kills the process.
  pool.on('error', (err) => log?.error({ err }, 'PostgreSQL connection error'));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the embedded SQLite file or a PostgreSQL database, checks that it
 * answers and (by default) brings the schema up to date.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<HubDatabase> {
  const where = target.kind === 'sqlite' ? target.file : redactUrl(target.url);
  let kysely: Kysely<Database>;
  try {
    kysely =
      target.kind === 'sqlite'
        ? sqliteKysely(target.file)
        : postgresKysely(target.url, options.poolSize ?? 10, options.log);
  } catch (err) {
    throw new Error(`cannot open ${target.kind} database ${where}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    await sql`select 1`.execute(kysely);
  } catch (err) {
    await kysely.destroy().catch(() => undefined);
    throw new Error(
      `cannot connect to ${target.kind} database ${where}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  let schemaVersion: number;
  try {
    schemaVersion =
      options.migrate === false ? await readSchemaVersion(kysely) : await migrateToLatest(kysely);
  } catch (err) {
    await kysely.destroy().catch(() => undefined);
    throw err;
  }
  let closed = false;
  return {
    kysely,
    dialect: target.kind,
    schemaVersion,
    async ping() {
      try {
        await sql`select 1`.execute(kysely);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}
