import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type KyselyConfig } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { migrateToLatest, readSchemaVersion } from './migrate';
import type { Database } from './schema';
import { withPreparedStatements } from './prepared-statements';
import { withStatementCache } from './statement-cache';

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
  /** Told the SQL of every statement run (tests count round trips with it). */
  onQuery?: (sql: string) => void;
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

/**
 * The hub database could not be opened or reached. The message is one line
 * for the person starting the hub: which database, what is wrong, what to do.
 */
export class DatabaseOpenError extends Error {
  constructor(
    readonly where: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

const SQLITE_PROBLEMS: Record<string, { problem: string; advice: string }> = {
  SQLITE_NOTADB: {
    problem: 'the file is not an SQLite database',
    advice: 'move it aside or restore it from a backup, then start the hub again',
  },
  SQLITE_CORRUPT: {
    problem: 'the database file is damaged',
    advice: 'restore it from a backup, or move it aside to start again with an empty database',
  },
  SQLITE_CANTOPEN: {
    problem: 'the file cannot be opened (a folder in its place, or a missing disk?)',
    advice: 'check that the path is a file this user can read and write',
  },
  SQLITE_READONLY: {
    problem: 'the file is read-only',
    advice: 'make it (and its folder) writable for the user running the hub',
  },
  SQLITE_PERM: {
    problem: 'permission denied',
    advice: 'make it (and its folder) writable for the user running the hub',
  },
  SQLITE_BUSY: {
    problem: 'another program holds a lock on it',
    advice: 'close the program using it and start the hub again',
  },
  SQLITE_FULL: { problem: 'the disk is full', advice: 'free some space and start the hub again' },
  SQLITE_IOERR: {
    problem: 'the disk reported a read/write error',
    advice: 'check the disk, then restore the file from a backup if the error persists',
  },
};

const sqliteCode = (err: unknown): string | null => {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  // Extended codes (SQLITE_IOERR_SHORT_READ) share their primary code's meaning.
  const primary = code.split('_').slice(0, 2).join('_');
  return primary in SQLITE_PROBLEMS ? primary : null;
};

function sqliteOpenError(file: string, err: unknown): DatabaseOpenError {
  const known = SQLITE_PROBLEMS[sqliteCode(err) ?? ''];
  const detail = err instanceof Error ? err.message : String(err);
  const message = known
    ? `cannot open sqlite database ${file}: ${known.problem} (${detail}); ${known.advice}`
    : `cannot open sqlite database ${file}: ${detail}; check the file, its folder and the disk`;
  return new DatabaseOpenError(file, message, { cause: err });
}

const postgresOpenError = (where: string, err: unknown): DatabaseOpenError =>
  new DatabaseOpenError(
    where,
    `cannot connect to postgres database ${where}: ${err instanceof Error ? err.message : String(err)}; check --database-url / OUTPOST_DATABASE_URL and that the server is running and reachable`,
    { cause: err },
  );

const openError = (target: DatabaseTarget, where: string, err: unknown): DatabaseOpenError =>
  target.kind === 'sqlite' ? sqliteOpenError(target.file, err) : postgresOpenError(where, err);

/** node-pg returns int8 as strings; every bigint we store is epoch ms or a seq, far below 2^53. */
const INT8_OID = 20;
const parseInt8 = (v: string): number => Number(v);

const queryLog = (onQuery: OpenDatabaseOptions['onQuery']): KyselyConfig['log'] =>
  onQuery &&
  ((event) => {
    if (event.level === 'query') onQuery(event.query.sql);
  });

function sqliteKysely(file: string, onQuery?: OpenDatabaseOptions['onQuery']): Kysely<Database> {
  const raw = new BetterSqlite3(file);
  try {
    // WAL lets readers proceed while a write commits; busy_timeout makes a
    // second connection (e.g. verify-audit while the hub runs) wait instead of failing.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
  } catch (err) {
    // A garbage file fails here; keep no handle on it so it can be moved aside.
    raw.close();
    throw err;
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(raw) }),
    log: queryLog(onQuery),
  });
}

function postgresKysely(
  url: string,
  poolSize: number,
  log?: Logger,
  onQuery?: OpenDatabaseOptions['onQuery'],
): Kysely<Database> {
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
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
    log: queryLog(onQuery),
  });
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
        ? sqliteKysely(target.file, options.onQuery)
        : postgresKysely(target.url, options.poolSize ?? 10, options.log, options.onQuery);
  } catch (err) {
    throw openError(target, where, err);
  }
  try {
    await sql`select 1`.execute(kysely);
  } catch (err) {
    await kysely.destroy().catch(() => undefined);
    throw openError(target, where, err);
  }
  let schemaVersion: number;
  try {
    schemaVersion =
      options.migrate === false ? await readSchemaVersion(kysely) : await migrateToLatest(kysely);
  } catch (err) {
    await kysely.destroy().catch(() => undefined);
    // Damage deeper in the file only shows once the schema is read.
    throw target.kind === 'sqlite' && sqliteCode(err) ? sqliteOpenError(target.file, err) : err;
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
