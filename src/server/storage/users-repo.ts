import { sql } from 'kysely';
import { z } from 'zod';
import { roleSchema, type Role, type User } from '../../shared/domain/accounts';
import type { QueueId, UserId } from '../../shared/ids';
import { compiledOnce } from './compiled-query';
import { fromDbBool, isPostgres, toDbBool, type DbExecutor, type UsersTable } from './schema';
import type { StoredSession } from './sessions-repo';

/** A user as stored: the public fields plus the secret and the timestamps. */
export interface StoredUser extends User {
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

const rolesColumn = z.array(roleSchema);

/** Roles come back through zod: a hand-edited row must not grant an unknown role. */
const parseRoles = (text: string): Role[] => rolesColumn.parse(JSON.parse(text));

const toStoredUser = (row: UsersTable, queueIds: QueueId[]): StoredUser => ({
  id: row.id as UserId,
  username: row.username,
  displayName: row.display_name,
  email: row.email,
  roles: parseRoles(row.roles),
  disabled: fromDbBool(row.disabled),
  queueIds,
  passwordHash: row.password_hash,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** Strips the secret fields: what any API response may contain. */
export const publicUser = (u: StoredUser): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  roles: u.roles,
  disabled: u.disabled,
  queueIds: u.queueIds,
});

export async function queueIdsOfUser(db: DbExecutor, userId: string): Promise<QueueId[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('queue_id')
    .where('user_id', '=', userId)
    .orderBy('queue_id')
    .execute();
  return rows.map((r) => r.queue_id as QueueId);
}

export async function findUserById(db: DbExecutor, id: string): Promise<StoredUser | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredUser(row, await queueIdsOfUser(db, row.id)) : null;
}

/**
 * The sessions of `tokenHashes` and their users (with queues) in one
 * statement: every authenticated request starts here, and on PostgreSQL each
 * statement is a round trip, so the hub looks up the sessions of requests that
 * arrive together at once (see session-lookups.ts). The list is one bound
 * value (a text array on PostgreSQL, JSON on SQLite), so the statement keeps
 * one shape whatever its length. One row per membership (or one with a null
 * queue for a user in no queue).
 */
const sessionWithUserRows = compiledOnce((db: DbExecutor, tokenHashes: string[] | string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .selectAll('u')
    .select([
      's.token_hash as session_token_hash',
      's.created_at as session_created_at',
      's.expires_at as session_expires_at',
      's.last_used_at as session_last_used_at',
      'm.queue_id',
    ])
    .where(
      isPostgres(db)
        ? sql<boolean>`s.token_hash = any(${tokenHashes}::text[])`
        : sql<boolean>`s.token_hash in (select value from json_each(${tokenHashes}))`,
    )
    .orderBy('m.queue_id'),
);

export interface SessionWithUser {
  session: StoredSession;
  user: StoredUser;
}

/** The known ones of `tokenHashes`, each with its user and the user's queues. */
export async function findSessionsWithUsers(
  db: DbExecutor,
  tokenHashes: readonly string[],
): Promise<Map<string, SessionWithUser>> {
  const found = new Map<string, SessionWithUser>();
  if (tokenHashes.length === 0) return found;
  // SQLite binds no arrays: the list goes as JSON text for json_each.
  const rows = await sessionWithUserRows(
    db,
    isPostgres(db) ? [...tokenHashes] : JSON.stringify(tokenHashes),
  );
  for (const r of rows) {
    const queues = r.queue_id === null ? [] : [r.queue_id as QueueId];
    const known = found.get(r.session_token_hash);
    if (known) {
      known.user.queueIds.push(...queues);
      continue;
    }
    found.set(r.session_token_hash, {
      session: {
        tokenHash: r.session_token_hash,
        userId: r.id,
        createdAt: Number(r.session_created_at),
        expiresAt: Number(r.session_expires_at),
        lastUsedAt: Number(r.session_last_used_at),
      },
      user: toStoredUser(r, queues),
    });
  }
  return found;
}

/** One session and its user (with queues), or null when the token is unknown. */
export async function findSessionWithUser(
  db: DbExecutor,
  tokenHash: string,
): Promise<SessionWithUser | null> {
  return (await findSessionsWithUsers(db, [tokenHash])).get(tokenHash) ?? null;
}

export async function findUserByUsername(
  db: DbExecutor,
  username: string,
): Promise<StoredUser | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  return row ? toStoredUser(row, await queueIdsOfUser(db, row.id)) : null;
}

export async function listUsers(db: DbExecutor): Promise<StoredUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  const memberships = await db
    .selectFrom('memberships')
    .select(['user_id', 'queue_id'])
    .orderBy('queue_id')
    .execute();
  const byUser = new Map<string, QueueId[]>();
  for (const m of memberships) {
    const list = byUser.get(m.user_id) ?? [];
    list.push(m.queue_id as QueueId);
    byUser.set(m.user_id, list);
  }
  return rows.map((r) => toStoredUser(r, byUser.get(r.id) ?? []));
}

export async function countUsers(db: DbExecutor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids of enabled users holding the admin role. */
export async function enabledAdminIds(db: DbExecutor): Promise<UserId[]> {
  // Roles are a JSON array in text; a LIKE narrows the rows portably and
  // the parse below makes the decision exact.
  const rows = await db
    .selectFrom('users')
    .select(['id', 'roles'])
    .where('disabled', '=', 0)
    .where('roles', 'like', '%"admin"%')
    .execute();
  return rows.filter((r) => parseRoles(r.roles).includes('admin')).map((r) => r.id as UserId);
}

export interface NewUserRow {
  id: UserId;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  roles: Role[];
  disabled?: boolean;
  now: number;
}

export async function insertUser(db: DbExecutor, u: NewUserRow): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username.toLowerCase(),
      display_name: u.displayName,
      email: u.email,
      password_hash: u.passwordHash,
      roles: JSON.stringify(u.roles),
      disabled: toDbBool(u.disabled ?? false),
      created_at: u.now,
      updated_at: u.now,
    })
    .execute();
}

export interface UserRowPatch {
  displayName?: string;
  email?: string | null;
  passwordHash?: string;
  roles?: Role[];
  disabled?: boolean;
}

export async function updateUserRow(
  db: DbExecutor,
  id: string,
  patch: UserRowPatch,
  now: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
      ...(patch.roles !== undefined && { roles: JSON.stringify(patch.roles) }),
      ...(patch.disabled !== undefined && { disabled: toDbBool(patch.disabled) }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Replaces the user's queue memberships with exactly `queueIds`. */
export async function setMemberships(
  db: DbExecutor,
  userId: string,
  queueIds: readonly string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
  const unique = [...new Set(queueIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('memberships')
    .values(unique.map((queue_id) => ({ user_id: userId, queue_id, created_at: now })))
    .execute();
}
