import type { OutpostDb } from '../db/database';
import type { MutationJournal } from './journal';
import { syncTables } from './local-store';
import { freshSyncMeta, readSyncMeta, saveSyncMeta } from './sync-meta';

/**
 * Puts journalled mutations back into the outbox when the main database lost
 * them (wiped, corrupted, restored from an old copy). A database with no sync
 * state adopts the journal's client id, so the hub answers "duplicate" for any
 * it had already applied instead of applying them twice. Returns how many
 * entries were restored.
 */
export async function recoverFromJournal(db: OutpostDb, journal: MutationJournal): Promise<number> {
  const entries = await journal.list();
  if (entries.length === 0) return 0;
  return db.transaction('rw', syncTables(db), async () => {
    let meta = await readSyncMeta(db);
    // A store that has never written a mutation of its own (new after a wipe)
    // continues the journal's client, whose numbering the hub knows.
    const untouched =
      meta &&
      meta.nextMutationId === 1 &&
      meta.ackedMutationId === 0 &&
      (await db.outbox.count()) === 0;
    if (!meta || untouched) {
      const newest = entries.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
      meta = freshSyncMeta(newest.clientId as never);
    }
    const clientId = meta.clientId;
    const mine = entries.filter(
      (e) => e.clientId === clientId && e.mutationId > meta.ackedMutationId,
    );
    let restored = 0;
    let next = meta.nextMutationId;
    for (const { clientId: _c, ...entry } of mine) {
      if (!(await db.outbox.get(entry.mutationId))) {
        await db.outbox.put(entry);
        restored++;
      }
      next = Math.max(next, entry.mutationId + 1);
    }
    await saveSyncMeta(db, {
      ...meta,
      nextMutationId: next,
      // Restored entries must be re-applied on top of fresh hub data.
      bootstrapped: restored > 0 ? false : meta.bootstrapped,
    });
    return restored;
  });
}
