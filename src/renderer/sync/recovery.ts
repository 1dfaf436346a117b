import type { Actor } from '../../shared/domain/actor';
import type { OutpostDb } from '../db/database';
import { isWithdrawn, type MutationJournal } from './journal';
import { syncTables } from './local-store';
import { reapplyPending } from './rebase';
import { freshSyncMeta, readSyncMeta, saveSyncMeta } from './sync-meta';

/**
 * Puts journalled mutations back into the outbox when the main database lost
 * them: wiped, corrupted, restored from an old copy, or a tab killed between
 * the journal write and the Dexie commit of an edit. A database with no sync
 * state (or a new one that never wrote a mutation under its own client id)
 * adopts the journal's client id, so the hub answers "duplicate" for any it
 * had already applied instead of applying them twice. Returns how many
 * entries were restored.
 *
 * With `actor`, entries restored into a store that still has its hub data
 * are re-applied on top of it at once; otherwise the store re-bootstraps and
 * the bootstrap re-applies them.
 */
export async function recoverFromJournal(
  db: OutpostDb,
  journal: MutationJournal,
  actor?: Actor,
): Promise<number> {
  const entries = (await journal.list()).filter((e) => !isWithdrawn(e));
  if (entries.length === 0) return 0;
  return db.transaction('rw', syncTables(db), async () => {
    let meta = await readSyncMeta(db);
    const newest = entries.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
    // A store that has never written a mutation of its own (new after a wipe)
    // continues the journal's client, whose numbering the hub knows.
    const untouched =
      meta &&
      meta.clientId !== newest.clientId &&
      meta.nextMutationId === 1 &&
      meta.ackedMutationId === 0 &&
      (await db.outbox.count()) === 0;
    if (!meta || untouched) meta = freshSyncMeta(newest.clientId as never);
    const clientId = meta.clientId;
    const acked = meta.ackedMutationId;
    const mine = entries.filter((e) => e.clientId === clientId && e.mutationId > acked);
    let restored = 0;
    let next = meta.nextMutationId;
    for (const { clientId: _c, ...entry } of mine) {
      if (!(await db.outbox.get(entry.mutationId))) {
        await db.outbox.put({ ...entry, localError: null });
        restored++;
      }
      next = Math.max(next, entry.mutationId + 1);
    }
    const reapplyNow = restored > 0 && meta.bootstrapped && actor !== undefined;
    await saveSyncMeta(db, {
      ...meta,
      nextMutationId: next,
      // Restored entries must be re-applied on top of hub data: now, or after a bootstrap.
      bootstrapped: restored > 0 && !reapplyNow ? false : meta.bootstrapped,
    });
    if (reapplyNow) await reapplyPending(db, actor, clientId);
    return restored;
  });
}
