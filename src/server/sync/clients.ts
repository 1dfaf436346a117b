import type { ClientId, UserId } from '../../shared/ids';
import { HubError } from '../http/hub-error';
import type { DbExecutor } from '../storage/schema';

/**
 * A client id belongs to the first user who syncs with it. Another user's
 * request with that id is refused: lastMutationId bookkeeping is per client,
 * and a shared id would let one user's retries answer for another's.
 */
export async function claimClient(
  db: DbExecutor,
  clientId: ClientId,
  userId: UserId,
  now: number,
): Promise<void> {
  const owner = async () =>
    (
      await db
        .selectFrom('sync_clients')
        .select('user_id')
        .where('client_id', '=', clientId)
        .executeTakeFirst()
    )?.user_id;
  // Read first: pulls run often, and most find their client already there.
  let found = await owner();
  if (found === undefined) {
    await db
      .insertInto('sync_clients')
      .values({
        client_id: clientId,
        user_id: userId,
        last_mutation_id: 0,
        created_at: now,
        last_seen_at: now,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
    found = await owner();
  }
  assertClientOwner(found, userId);
}

/**
 * Runs `attempt`, which reads the client's row on the hot path and answers
 * 'unclaimed' when there is none (a client id the hub sees for the first
 * time); then the client is claimed once and `attempt` runs again.
 */
export async function withClaimedClient<T>(
  db: DbExecutor,
  clientId: ClientId,
  userId: UserId,
  now: number,
  attempt: () => Promise<T | 'unclaimed'>,
): Promise<T> {
  const first = await attempt();
  if (first !== 'unclaimed') return first;
  await claimClient(db, clientId, userId, now);
  const again = await attempt();
  if (again === 'unclaimed') throw new Error(`client ${clientId} vanished after it was claimed`);
  return again;
}

/** Refuses a client id that another user claimed first. */
export function assertClientOwner(owner: string | undefined, userId: UserId): void {
  if (owner !== userId) {
    throw new HubError(
      'CLIENT_MISMATCH',
      'This client id belongs to another user; sign out and back in to get a client of your own',
    );
  }
}
