import type { Queue } from '../../shared/domain/accounts';
import type { QueueId } from '../../shared/ids';
import { fromDbBool, toDbBool, type DbExecutor, type QueuesTable } from './schema';

export interface StoredQueue extends Queue {
  createdAt: number;
  updatedAt: number;
}

/** Queue names are unique regardless of case and surrounding blanks. */
export const queueNameKey = (name: string): string => name.trim().toLowerCase();

const toStoredQueue = (r: QueuesTable): StoredQueue => ({
  id: r.id as QueueId,
  name: r.name,
  description: r.description,
  disabled: fromDbBool(r.disabled),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export const publicQueue = (q: StoredQueue): Queue => ({
  id: q.id,
  name: q.name,
  description: q.description,
  disabled: q.disabled,
});

export async function listQueues(db: DbExecutor): Promise<StoredQueue[]> {
  const rows = await db.selectFrom('queues').selectAll().orderBy('name_key').execute();
  return rows.map(toStoredQueue);
}

export async function findQueueById(db: DbExecutor, id: string): Promise<StoredQueue | null> {
  const row = await db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredQueue(row) : null;
}

export async function findQueueByName(db: DbExecutor, name: string): Promise<StoredQueue | null> {
  const row = await db
    .selectFrom('queues')
    .selectAll()
    .where('name_key', '=', queueNameKey(name))
    .executeTakeFirst();
  return row ? toStoredQueue(row) : null;
}

/** The subset of `ids` that name existing queues. */
export async function existingQueueIds(
  db: DbExecutor,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('queues')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface NewQueueRow {
  id: QueueId;
  name: string;
  description: string;
  now: number;
}

export async function insertQueue(db: DbExecutor, q: NewQueueRow): Promise<void> {
  await db
    .insertInto('queues')
    .values({
      id: q.id,
      name: q.name.trim(),
      name_key: queueNameKey(q.name),
      description: q.description,
      disabled: 0,
      created_at: q.now,
      updated_at: q.now,
    })
    .execute();
}

export interface QueueRowPatch {
  name?: string;
  description?: string;
  disabled?: boolean;
}

export async function updateQueueRow(
  db: DbExecutor,
  id: string,
  patch: QueueRowPatch,
  now: number,
): Promise<void> {
  await db
    .updateTable('queues')
    .set({
      ...(patch.name !== undefined && {
        name: patch.name.trim(),
        name_key: queueNameKey(patch.name),
      }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.disabled !== undefined && { disabled: toDbBool(patch.disabled) }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
