import type { Actor } from '../../shared/domain/actor';
import type { Conflict } from '../../shared/domain/conflict';
import type { ConflictId, TicketId, UserId } from '../../shared/ids';
import { derivedId } from '../../shared/sync/mutations/derived-id';
import { mutationKey } from '../../shared/sync/mutations/types';
import type { OutboxEntry, OutpostDb } from '../db/database';
import type { ApiError } from '../api/errors';
import { syncTables } from './local-store';
import { reapplyPending } from './rebase';

/**
 * One mutation the hub (or a proxy in front of it) refuses as too large even
 * alone. It cannot be dropped from the outbox (the hub needs every mutation id
 * in order, or all later edits stall) and must not be retried forever. So it
 * is decided locally: the user gets a conflict that says what happened and
 * keeps their value, and the outbox sends a small stand-in in its place that
 * the hub refuses by name, which settles the id like any rejected mutation.
 */
export const TOO_LARGE_CODE = 'PAYLOAD_TOO_LARGE';
export const STAND_IN_NAME = 'client.notSentTooLarge';

/** Conflicts made on this device only; a bootstrap must not purge them as stale. */
export const isLocalConflict = (c: Pick<Conflict, 'code'>): boolean => c.code === TOO_LARGE_CODE;

/**
 * The ticket page's per-device dismissal key (features/ticket/use-ticket-data
 * DISMISSED_PREFIX; a test keeps the two equal). Sync writes it for the hub's
 * own record of the stand-in, which would only repeat the local conflict in
 * words about a mutation name.
 */
export const DISMISSED_PREFIX = 'conflict-dismissed:';

export const isTooLarge = (error: ApiError): boolean =>
  (error.kind === 'hub' || error.kind === 'invalid-response') && error.status === 413;

const sizeOf = (entry: OutboxEntry): number =>
  new TextEncoder().encode(JSON.stringify(entry.args) ?? '').length;

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const ticketOf = (name: string, args: unknown): TicketId | null => {
  if (typeof args !== 'object' || args === null) return null;
  const a = args as Record<string, unknown>;
  if (typeof a.ticketId === 'string') return a.ticketId as TicketId;
  if (name.endsWith('.create') && typeof a.id === 'string') return a.id as TicketId;
  return null;
};

export const tooLargeMessage = (entry: OutboxEntry, hubSays: string): string =>
  `This change (${formatSize(sizeOf(entry))}) is too large to send to the hub, so it was not applied there ` +
  `(the hub said: “${hubSays}”). What you entered stays saved ` +
  `on this device with this notice; shorten it or attach it as a file, then make the change again.`;

/**
 * Records the conflict and swaps the stand-in in, in one transaction, then
 * re-applies the rest of the outbox so the refused edit's optimistic effect
 * goes away. The journal keeps the original: if this store is lost before
 * the hub settles the id, the replay runs into the same refusal and the same
 * conflict, instead of losing the text.
 */
export async function setAsideOversized(
  db: OutpostDb,
  entry: OutboxEntry,
  clientId: string,
  actor: Actor,
  now: number,
  error: ApiError,
): Promise<void> {
  await db.transaction('rw', [...syncTables(db), db.settings], async () => {
    const current = await db.outbox.get(entry.mutationId);
    if (!current || current.name === STAND_IN_NAME) return;
    const conflict: Conflict = {
      id: derivedId<ConflictId>('too-large', clientId, String(entry.mutationId)),
      userId: actor.userId as UserId,
      ticketId: ticketOf(entry.name, entry.args),
      field: null,
      mine: entry.args,
      theirs: null,
      theirsBy: null,
      at: now,
      mutation: mutationKey(entry.name, entry.version),
      code: TOO_LARGE_CODE,
      message: tooLargeMessage(entry, error.message),
    };
    await db.conflicts.put(conflict);
    const standIn: OutboxEntry = {
      ...entry,
      name: STAND_IN_NAME,
      version: 1,
      // No ticket id: the hub's record of the refusal belongs to no ticket page.
      args: { mutation: conflict.mutation, bytes: sizeOf(entry), conflictId: conflict.id },
      localError: null,
    };
    await db.outbox.put(standIn);
    // Same id the hub gives its record of a refused mutation (server/sync/push.ts).
    const hubConflictId = derivedId<ConflictId>('rejected', clientId, String(entry.mutationId));
    await db.settings.put({ key: `${DISMISSED_PREFIX}${hubConflictId}`, value: { at: now } });
    await reapplyPending(db, actor, clientId);
  });
}
