import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { SyncTables } from './sync-tables';

/**
 * Row shapes of the hub's tables, identical on SQLite and PostgreSQL:
 * timestamps are epoch milliseconds (bigint), booleans are 0/1 integers and
 * JSON is stored as text, so one set of queries serves both dialects.
 */
export interface UsersTable {
  id: string;
  /** Lower-cased by the shared username schema; unique. */
  username: string;
  display_name: string;
  email: string | null;
  /** `scrypt$N$r$p$salt$hash`, see auth/password.ts. */
  password_hash: string;
  /** JSON array of roles. */
  roles: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface QueuesTable {
  id: string;
  name: string;
  /** Lower-cased name, unique, so "Network" and "network" cannot both exist. */
  name_key: string;
  description: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface MembershipsTable {
  user_id: string;
  queue_id: string;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_used_at: number;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  actor_id: string | null;
  action: string;
  target: string | null;
  /** Canonical JSON text. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database extends SyncTables {
  users: UsersTable;
  queues: QueuesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
}

/**
 * What every repository function takes: the database or an open transaction,
 * so callers can group several writes (and, later, change-log rows) atomically.
 */
export type DbExecutor = Kysely<Database> | Transaction<Database>;

export const toDbBool = (b: boolean): number => (b ? 1 : 0);
export const fromDbBool = (n: number | boolean): boolean => n === true || Number(n) === 1;

/**
 * Whether `db` talks to PostgreSQL (else SQLite), for the few places that
 * write differently per database. Takes any Kysely executor, so migrations
 * (typed `Kysely<any>`) can ask too.
 */
export const isPostgres = (db: { getExecutor(): { adapter: unknown } }): boolean =>
  db.getExecutor().adapter instanceof PostgresAdapter;
