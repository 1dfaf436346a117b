import type { DbExecutor } from './schema';

export interface StoredSession {
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number;
}

export async function insertSession(db: DbExecutor, s: StoredSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_used_at: s.lastUsedAt,
    })
    .execute();
}

export async function findSession(
  db: DbExecutor,
  tokenHash: string,
): Promise<StoredSession | null> {
  const r = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r
    ? {
        tokenHash: r.token_hash,
        userId: r.user_id,
        createdAt: Number(r.created_at),
        expiresAt: Number(r.expires_at),
        lastUsedAt: Number(r.last_used_at),
      }
    : null;
}

/** Slides the expiry forward; called on use, so an active session never lapses. */
export async function touchSession(
  db: DbExecutor,
  tokenHash: string,
  lastUsedAt: number,
  expiresAt: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_used_at: lastUsedAt, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: DbExecutor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Revokes every session of a user, optionally keeping the one making the request. */
export async function deleteUserSessions(
  db: DbExecutor,
  userId: string,
  exceptTokenHash?: string,
): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteExpiredSessions(db: DbExecutor, now: number): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
