import type { z } from 'zod';
import type {
  createQueueRequestSchema,
  createUserRequestSchema,
  updateQueueRequestSchema,
  updateUserRequestSchema,
} from '../../shared/api/accounts';
import type { Role } from '../../shared/domain/accounts';
import { newId, type QueueId, type UserId } from '../../shared/ids';
import { appendAudit } from '../audit/audit-log';
import { hashPassword, type ScryptParams } from '../auth/password';
import type { Clock } from '../clock';
import { HubError } from '../http/hub-error';
import { isUniqueViolation } from '../storage/errors';
import { insertMetaIfAbsent, lockMetaRow } from '../storage/meta-repo';
import {
  existingQueueIds,
  findQueueById,
  findQueueByName,
  insertQueue,
  updateQueueRow,
  type StoredQueue,
} from '../storage/queues-repo';
import type { Database, DbExecutor } from '../storage/schema';
import { deleteUserSessions } from '../storage/sessions-repo';
import {
  countUsers,
  enabledAdminIds,
  findUserById,
  findUserByUsername,
  insertUser,
  setMemberships,
  updateUserRow,
  type StoredUser,
} from '../storage/users-repo';
import type { Kysely } from 'kysely';
import { logDirectoryChange } from '../sync/directory-changes';

/** Serialises account changes so "one enabled admin remains" holds under concurrency. */
const ACCOUNTS_LOCK = 'lock.accounts';
const SETUP_KEY = 'setup.completedAt';

export interface AccountsDeps {
  db: Kysely<Database>;
  clock: Clock;
  scrypt: ScryptParams;
}

/** Who made a change, for the audit log and for "keep my own session". */
export interface Actor {
  userId: UserId | null;
  tokenHash?: string;
  ip?: string;
}

export interface FirstAdminInput {
  username: string;
  password: string;
  displayName: string;
}

const usernameTaken = (username: string) =>
  new HubError('CONFLICT', `The username '${username}' is already taken`, { field: 'username' });

async function assertQueuesExist(db: DbExecutor, ids: readonly string[]): Promise<void> {
  const known = await existingQueueIds(db, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const details = unknown.map((id) => ({ path: 'queueIds', message: `unknown queue ${id}` }));
    throw new HubError(
      'VALIDATION',
      `Invalid request body: queueIds: unknown queue ${unknown.join(', ')}`,
      details,
    );
  }
}

export function createAccounts({ db, clock, scrypt }: AccountsDeps) {
  /**
   * Creates the first administrator, only while the hub has no user at all.
   * Race-safe: the accounts lock orders concurrent attempts and the set-up
   * marker can be inserted once, so exactly one caller wins.
   */
  async function createFirstAdmin(
    input: FirstAdminInput,
    via: 'setup' | 'env',
    actor: Actor = { userId: null },
  ): Promise<StoredUser> {
    const passwordHash = await hashPassword(input.password, scrypt);
    const done = () => new HubError('SETUP_DONE', 'Set-up is already complete: sign in instead');
    return db.transaction().execute(async (trx) => {
      await lockMetaRow(trx, ACCOUNTS_LOCK);
      if ((await countUsers(trx)) > 0) throw done();
      const now = clock.now();
      if (!(await insertMetaIfAbsent(trx, SETUP_KEY, String(now)))) throw done();
      const id = newId<UserId>();
      await insertUser(trx, {
        id,
        username: input.username,
        displayName: input.displayName,
        email: null,
        passwordHash,
        roles: ['admin'],
        now,
      });
      await appendAudit(trx, now, {
        actorId: actor.userId ?? id,
        action: 'setup.complete',
        target: `user:${id}`,
        details: { username: input.username, via, ...(actor.ip && { ip: actor.ip }) },
      });
      const user = await findUserById(trx, id);
      if (!user) throw new Error('first admin vanished inside its own transaction');
      await logDirectoryChange(trx, { user }, now);
      return user;
    });
  }

  async function createUser(
    actor: Actor,
    input: z.output<typeof createUserRequestSchema>,
  ): Promise<StoredUser> {
    const passwordHash = await hashPassword(input.password, scrypt);
    try {
      return await db.transaction().execute(async (trx) => {
        await lockMetaRow(trx, ACCOUNTS_LOCK);
        if (await findUserByUsername(trx, input.username)) throw usernameTaken(input.username);
        await assertQueuesExist(trx, input.queueIds);
        const now = clock.now();
        const id = newId<UserId>();
        await insertUser(trx, { ...input, id, passwordHash, now });
        await setMemberships(trx, id, input.queueIds, now);
        await appendAudit(trx, now, {
          actorId: actor.userId,
          action: 'user.create',
          target: `user:${id}`,
          details: {
            username: input.username,
            displayName: input.displayName,
            email: input.email,
            roles: input.roles,
            queueIds: [...new Set(input.queueIds)].sort(),
          },
        });
        const user = (await findUserById(trx, id))!;
        await logDirectoryChange(trx, { user }, now);
        return user;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw usernameTaken(input.username);
      throw err;
    }
  }

  async function updateUser(
    actor: Actor,
    id: string,
    patch: z.output<typeof updateUserRequestSchema>,
  ): Promise<StoredUser> {
    const passwordHash =
      patch.password !== undefined ? await hashPassword(patch.password, scrypt) : undefined;
    return db.transaction().execute(async (trx) => {
      await lockMetaRow(trx, ACCOUNTS_LOCK);
      const before = await findUserById(trx, id);
      if (!before) throw new HubError('NOT_FOUND', `No user with id ${id}`);
      await assertLastAdminKept(trx, before, patch.roles, patch.disabled);
      if (patch.queueIds) await assertQueuesExist(trx, patch.queueIds);
      const now = clock.now();
      await updateUserRow(trx, id, { ...patch, passwordHash }, now);
      if (patch.queueIds) await setMemberships(trx, id, patch.queueIds, now);
      if (patch.disabled === true) await deleteUserSessions(trx, id);
      else if (passwordHash) {
        // A password reset signs the user out everywhere, except the admin's own current session.
        await deleteUserSessions(trx, id, actor.userId === id ? actor.tokenHash : undefined);
      }
      const after = (await findUserById(trx, id))!;
      const changes = diffUser(before, after, passwordHash !== undefined);
      if (Object.keys(changes).length > 0) {
        await appendAudit(trx, now, {
          actorId: actor.userId,
          action: 'user.update',
          target: `user:${id}`,
          details: { username: after.username, changes },
        });
        await logDirectoryChange(trx, { user: after }, now);
      }
      return after;
    });
  }

  async function changeOwnPassword(actor: Actor & { userId: UserId }, newPassword: string) {
    const passwordHash = await hashPassword(newPassword, scrypt);
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      await updateUserRow(trx, actor.userId, { passwordHash }, now);
      await deleteUserSessions(trx, actor.userId, actor.tokenHash);
      await appendAudit(trx, now, {
        actorId: actor.userId,
        action: 'user.password_change',
        target: `user:${actor.userId}`,
        details: {},
      });
    });
  }

  const queueNameTaken = (name: string) =>
    new HubError('CONFLICT', `A queue named '${name.trim()}' already exists`, { field: 'name' });

  async function createQueue(
    actor: Actor,
    input: z.output<typeof createQueueRequestSchema>,
  ): Promise<StoredQueue> {
    try {
      return await db.transaction().execute(async (trx) => {
        if (await findQueueByName(trx, input.name)) throw queueNameTaken(input.name);
        const now = clock.now();
        const id = newId<QueueId>();
        await insertQueue(trx, { id, name: input.name, description: input.description, now });
        await appendAudit(trx, now, {
          actorId: actor.userId,
          action: 'queue.create',
          target: `queue:${id}`,
          details: { name: input.name.trim(), description: input.description },
        });
        const queue = (await findQueueById(trx, id))!;
        await logDirectoryChange(trx, { queue }, now);
        return queue;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw queueNameTaken(input.name);
      throw err;
    }
  }

  async function updateQueue(
    actor: Actor,
    id: string,
    patch: z.output<typeof updateQueueRequestSchema>,
  ): Promise<StoredQueue> {
    try {
      return await db.transaction().execute(async (trx) => {
        const before = await findQueueById(trx, id);
        if (!before) throw new HubError('NOT_FOUND', `No queue with id ${id}`);
        if (patch.name !== undefined) {
          const clash = await findQueueByName(trx, patch.name);
          if (clash && clash.id !== id) throw queueNameTaken(patch.name);
        }
        const now = clock.now();
        await updateQueueRow(trx, id, patch, now);
        const after = (await findQueueById(trx, id))!;
        const changes = diffFields(before, after, ['name', 'description', 'disabled']);
        if (Object.keys(changes).length > 0) {
          await appendAudit(trx, now, {
            actorId: actor.userId,
            action: 'queue.update',
            target: `queue:${id}`,
            details: { name: after.name, changes },
          });
          await logDirectoryChange(trx, { queue: after }, now);
        }
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err) && patch.name !== undefined) throw queueNameTaken(patch.name);
      throw err;
    }
  }

  return { createFirstAdmin, createUser, updateUser, changeOwnPassword, createQueue, updateQueue };
}

export type Accounts = ReturnType<typeof createAccounts>;

/** Refuses a change that would leave the hub without an enabled administrator. */
async function assertLastAdminKept(
  trx: DbExecutor,
  user: StoredUser,
  roles: Role[] | undefined,
  disabled: boolean | undefined,
): Promise<void> {
  const isAdminNow = !user.disabled && user.roles.includes('admin');
  const staysAdmin = (roles ?? user.roles).includes('admin') && !(disabled ?? user.disabled);
  if (!isAdminNow || staysAdmin) return;
  const others = (await enabledAdminIds(trx)).filter((a) => a !== user.id);
  if (others.length === 0) {
    throw new HubError(
      'CONFLICT',
      `'${user.username}' is the last enabled administrator: make another user an administrator first`,
    );
  }
}

type Change = { from: unknown; to: unknown };

function diffFields<T extends object>(a: T, b: T, keys: ReadonlyArray<keyof T>) {
  const out: Record<string, Change> = {};
  for (const k of keys) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[String(k)] = { from: a[k], to: b[k] };
  }
  return out;
}

function diffUser(a: StoredUser, b: StoredUser, passwordChanged: boolean) {
  const changes: Record<string, unknown> = diffFields(a, b, [
    'displayName',
    'email',
    'roles',
    'disabled',
    'queueIds',
  ]);
  // The audit log records that a password changed, never anything derived from it.
  if (passwordChanged) changes.password = 'changed';
  return changes;
}
