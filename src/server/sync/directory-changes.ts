import type { DbExecutor } from '../storage/schema';
import { publicQueue, type StoredQueue } from '../storage/queues-repo';
import { publicUser, type StoredUser } from '../storage/users-repo';
import { globalAudience } from './audience';
import { appendChanges } from './change-log';

/**
 * Users and queues are reference data every client holds (names, assignee
 * pickers, memberships); an admin change is logged like any record change,
 * in the same transaction, so clients learn it on their next pull.
 */
export async function logDirectoryChange(
  trx: DbExecutor,
  record: { user: StoredUser } | { queue: StoredQueue },
  now: number,
): Promise<void> {
  const [entity, value] =
    'user' in record
      ? (['user', publicUser(record.user)] as const)
      : (['queue', publicQueue(record.queue)] as const);
  await appendChanges(
    trx,
    [{ entity, id: value.id, op: 'put', data: JSON.stringify(value), audience: globalAudience() }],
    now,
  );
}
