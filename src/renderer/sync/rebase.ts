import type { Actor } from '../../shared/domain/actor';
import type { Ticket } from '../../shared/domain/ticket';
import { hlcReceive, type HlcClock } from '../../shared/sync/hlc';
import type { Change } from '../../shared/sync/protocol';
import type { OutpostDb } from '../db/database';
import { applyConfirmedChanges, restoreConfirmed, syncTables } from './local-store';
import { applyEntryLocally } from './mutate';
import { loadSyncMeta, saveSyncMeta, type SyncMeta } from './sync-meta';

/** Advances the local clock past every stamp seen, so a later local edit wins over what it saw. */
const receiveStamps = (clock: HlcClock, changes: readonly Change[], now: number): HlcClock => {
  let max = '';
  for (const c of changes) {
    if (c.entity !== 'ticket' || c.op !== 'put') continue;
    for (const s of Object.values((c.data as Ticket).stamps ?? {})) if (s.hlc > max) max = s.hlc;
  }
  if (!max) return clock;
  try {
    return hlcReceive(clock, max, now);
  } catch {
    return clock;
  }
};

/**
 * Restores confirmed rows and re-applies the still-pending outbox on top, in
 * order, with each entry's own stamp. An entry that no longer applies (the
 * ticket was closed meanwhile) stays in the outbox marked: the hub decides it
 * and the conflict comes back through the pull.
 */
export async function reapplyPending(db: OutpostDb, actor: Actor, clientId: string): Promise<void> {
  await restoreConfirmed(db);
  const pending = await db.outbox.orderBy('mutationId').toArray();
  for (const entry of pending) {
    const r = await applyEntryLocally(db, entry, actor, clientId);
    const localError = r.ok ? null : { code: r.error.code, message: r.error.message };
    if ((entry.localError ?? null)?.message !== localError?.message) {
      await db.outbox.update(entry.mutationId, { localError });
    }
  }
}

export interface PulledPage {
  changes: readonly Change[];
  cursor: number;
  /** Only on the last page of a pull: then acknowledged entries leave the outbox. */
  lastMutationId: number | null;
  aclHash: string;
}

/**
 * One pulled page in one transaction: confirmed rows go under the optimistic
 * ones, acknowledged outbox entries are dropped, and the rest re-applied.
 * Returns the new meta and the mutation ids that were acknowledged.
 */
export async function applyPulledPage(
  db: OutpostDb,
  page: PulledPage,
  actor: Actor,
  now: number,
): Promise<{ meta: SyncMeta; acked: number[] }> {
  return db.transaction('rw', syncTables(db), async () => {
    const meta = await loadSyncMeta(db);
    await applyConfirmedChanges(db, page.changes);
    let acked: number[] = [];
    if (page.lastMutationId !== null) {
      acked = (await db.outbox
        .where('mutationId')
        .belowOrEqual(page.lastMutationId)
        .primaryKeys()) as number[];
      await db.outbox.bulkDelete(acked);
    }
    if (page.changes.length > 0 || acked.length > 0) {
      await reapplyPending(db, actor, meta.clientId);
    }
    const next: SyncMeta = {
      ...meta,
      cursor: page.cursor,
      aclHash: page.aclHash,
      clock: receiveStamps(meta.clock, page.changes, now),
      ackedMutationId: Math.max(meta.ackedMutationId, page.lastMutationId ?? 0),
      lastSyncedAt: page.lastMutationId !== null ? now : meta.lastSyncedAt,
    };
    await saveSyncMeta(db, next);
    return { meta: next, acked };
  });
}
