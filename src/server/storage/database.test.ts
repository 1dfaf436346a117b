import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { openDatabase, redactUrl } from './database';
import { isUniqueViolation } from './errors';
import { latestSchemaVersion } from './migrate';
import { getMeta, insertMetaIfAbsent, setMeta } from './meta-repo';
import { findSession, insertSession } from './sessions-repo';

describe.each(DIALECTS)('database on %s', (dialect) => {
  let handle: TestDatabaseHandle;
  afterEach(async () => handle?.cleanup());

  it('applies every migration and reports the newest as the schema version', async () => {
    handle = await openTestDatabase(dialect);
    expect(handle.db.dialect).toBe(dialect);
    expect(handle.db.schemaVersion).toBe(latestSchemaVersion());
    expect(latestSchemaVersion()).toBeGreaterThanOrEqual(2);
    expect(await handle.db.ping()).toBe(true);
  });

  it('opens an already migrated database again without re-running migrations', async () => {
    handle = await openTestDatabase(dialect);
    await setMeta(handle.db.kysely, 'probe', 'kept');
    const again = await openDatabase(handle.target);
    try {
      expect(again.schemaVersion).toBe(latestSchemaVersion());
      expect(await getMeta(again.kysely, 'probe')).toBe('kept');
    } finally {
      await again.close();
    }
  });

  it('returns epoch-millisecond bigints as numbers', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    const now = Date.UTC(2031, 4, 2, 12, 0, 0, 123);
    await k
      .insertInto('users')
      .values({
        id: '0190f0a0-0000-7000-8000-000000000001',
        username: 'ana',
        display_name: 'Ana',
        email: null,
        password_hash: 'x',
        roles: '["agent"]',
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertSession(k, {
      tokenHash: 'h',
      userId: '0190f0a0-0000-7000-8000-000000000001',
      createdAt: now,
      expiresAt: now + 14 * 86_400_000,
      lastUsedAt: now,
    });
    const s = await findSession(k, 'h');
    expect(s?.expiresAt).toBe(now + 14 * 86_400_000);
    expect(typeof s?.expiresAt).toBe('number');
    const count = await k
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('enforces foreign keys (a session of an unknown user is refused)', async () => {
    handle = await openTestDatabase(dialect);
    await expect(
      insertSession(handle.db.kysely, {
        tokenHash: 'h',
        userId: 'nobody',
        createdAt: 1,
        expiresAt: 2,
        lastUsedAt: 1,
      }),
    ).rejects.toThrow();
  });

  it('recognises unique violations from its driver', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    await k.insertInto('meta').values({ key: 'k', value: '1' }).execute();
    const err = await k
      .insertInto('meta')
      .values({ key: 'k', value: '2' })
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    expect(await insertMetaIfAbsent(k, 'k', '3')).toBe(false);
    expect(await insertMetaIfAbsent(k, 'fresh', '3')).toBe(true);
    expect(await getMeta(k, 'k')).toBe('1');
  });
});

describe('sqlite file settings', () => {
  it('uses WAL journaling, foreign keys and a busy timeout', async () => {
    const handle = await openTestDatabase('sqlite');
    try {
      const k = handle.db.kysely;
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(k);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(k);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(k);
      expect(busy.rows[0]?.timeout).toBeGreaterThan(0);
    } finally {
      await handle.cleanup();
    }
  });
});

describe('opening failures', () => {
  it('names the database when PostgreSQL cannot be reached, without the password', async () => {
    const err = await openDatabase({
      kind: 'postgres',
      url: 'postgres://outpost:s3cret@127.0.0.1:1/outpost',
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain(
      'cannot connect to postgres database postgres://outpost:***@127.0.0.1:1/outpost',
    );
    expect(err?.message).not.toContain('s3cret');
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactUrl('postgres://h/db')).toBe('postgres://h/db');
  });
});
