import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import type { QueueId, UserId } from '../../shared/ids';
import { insertQueue, listQueues } from './queues-repo';
import { insertSession } from './sessions-repo';
import {
  countUsers,
  enabledAdminIds,
  findUserById,
  findSessionWithUser,
  findSessionsWithUsers,
  findUserByUsername,
  insertUser,
  listUsers,
  publicUser,
  setMemberships,
  updateUserRow,
} from './users-repo';

const U1 = '0190f0a0-0000-7000-8000-000000000001' as UserId;
const U2 = '0190f0a0-0000-7000-8000-000000000002' as UserId;
const Q1 = '0190f0a0-0000-7000-8000-0000000000a1' as QueueId;
const Q2 = '0190f0a0-0000-7000-8000-0000000000a2' as QueueId;

describe.each(DIALECTS)('user and queue repositories on %s', (dialect) => {
  let h: TestDatabaseHandle;
  afterEach(async () => h?.cleanup());

  const seed = async () => {
    h = await openTestDatabase(dialect);
    const k = h.db.kysely;
    await insertQueue(k, { id: Q1, name: ' Network ', description: 'LAN/WAN', now: 10 });
    await insertQueue(k, { id: Q2, name: 'Desktop', description: '', now: 10 });
    await insertUser(k, {
      id: U1,
      username: 'Ana',
      displayName: 'Ana',
      email: 'ana@x.org',
      passwordHash: 'h1',
      roles: ['admin'],
      now: 10,
    });
    await insertUser(k, {
      id: U2,
      username: 'bob',
      displayName: 'Bob',
      email: null,
      passwordHash: 'h2',
      roles: ['agent', 'lead'],
      now: 11,
    });
    await setMemberships(k, U2, [Q1, Q2, Q1], 12);
    return k;
  };

  it('finds a session with its user and queues in one statement, as the user lookups do', async () => {
    const k = await seed();
    const times = { createdAt: 20, expiresAt: 900, lastUsedAt: 30 };
    await insertSession(k, { tokenHash: 'tb', userId: U2, ...times });
    await insertSession(k, { tokenHash: 'ta', userId: U1, ...times });
    const bob = await findSessionWithUser(k, 'tb');
    expect(bob).toEqual({
      session: { tokenHash: 'tb', userId: U2, ...times },
      user: await findUserById(k, U2),
    });
    expect(bob?.user.queueIds).toEqual([Q1, Q2].sort());
    // A user in no queue still has a session (the membership join is outer).
    expect((await findSessionWithUser(k, 'ta'))?.user).toEqual(await findUserById(k, U1));
    expect((await findSessionWithUser(k, 'ta'))?.user.queueIds).toEqual([]);
    expect(await findSessionWithUser(k, 'unknown')).toBeNull();
  });

  it('finds several sessions at once, each with its own user and queues, and leaves out unknown ones', async () => {
    const k = await seed();
    const times = { createdAt: 20, expiresAt: 900, lastUsedAt: 30 };
    await insertSession(k, { tokenHash: 'tb1', userId: U2, ...times });
    await insertSession(k, { tokenHash: 'tb2', userId: U2, ...times, lastUsedAt: 31 });
    await insertSession(k, { tokenHash: 'ta', userId: U1, ...times });
    await insertSession(k, { tokenHash: 'not-asked', userId: U1, ...times });
    const found = await findSessionsWithUsers(k, ['tb1', 'unknown', 'ta', 'tb2']);
    expect([...found.keys()].sort()).toEqual(['ta', 'tb1', 'tb2']);
    expect(found.get('tb2')).toEqual({
      session: { tokenHash: 'tb2', userId: U2, ...times, lastUsedAt: 31 },
      user: await findUserById(k, U2),
    });
    expect(found.get('tb1')?.user.queueIds).toEqual([Q1, Q2].sort());
    expect(found.get('ta')?.user).toEqual(await findUserById(k, U1));
    expect(await findSessionsWithUsers(k, [])).toEqual(new Map());
  });

  it('stores and reads users with roles, flags and memberships', async () => {
    const k = await seed();
    expect(await countUsers(k)).toBe(2);
    const bob = await findUserByUsername(k, 'BOB');
    expect(bob).toMatchObject({
      id: U2,
      roles: ['agent', 'lead'],
      disabled: false,
      createdAt: 11,
      passwordHash: 'h2',
    });
    expect([...bob!.queueIds].sort()).toEqual([Q1, Q2]);
    expect(publicUser(bob!)).not.toHaveProperty('passwordHash');
    expect((await findUserById(k, U1))?.username).toBe('ana');
    expect((await listUsers(k)).map((u) => [u.username, u.queueIds.length])).toEqual([
      ['ana', 0],
      ['bob', 2],
    ]);
    expect((await listQueues(k)).map((q) => q.name)).toEqual(['Desktop', 'Network']);
  });

  it('replaces memberships and updates only the given fields', async () => {
    const k = await seed();
    await setMemberships(k, U2, [Q2], 20);
    await updateUserRow(k, U2, { disabled: true, email: 'bob@x.org' }, 21);
    const bob = await findUserById(k, U2);
    expect(bob).toMatchObject({
      queueIds: [Q2],
      disabled: true,
      email: 'bob@x.org',
      displayName: 'Bob',
      updatedAt: 21,
    });
  });

  it('finds enabled admins exactly', async () => {
    const k = await seed();
    expect(await enabledAdminIds(k)).toEqual([U1]);
    await updateUserRow(k, U1, { disabled: true }, 30);
    expect(await enabledAdminIds(k)).toEqual([]);
  });

  it('refuses to read a row whose roles were edited to something unknown', async () => {
    const k = await seed();
    await k.updateTable('users').set({ roles: '["superuser"]' }).where('id', '=', U2).execute();
    await expect(findUserById(k, U2)).rejects.toThrow(/role must be one of/);
  });
});
