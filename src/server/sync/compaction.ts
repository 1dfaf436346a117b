import type { HubDatabase } from '../storage/database';
import { getMeta, lockMetaRow, setMeta } from '../storage/meta-repo';
import { COMPACTED_THROUGH_KEY, currentSeq } from './change-log';

export interface CompactionResult {
  /** Changes up to and including this seq are gone; clients behind it re-bootstrap. */
  compactedThrough: number;
  deleted: number;
}

/**
 * Drops the change log up to `keepLast` changes before the head. A client
 * whose cursor is older is told to re-bootstrap (SYNC.md), which costs one
 * stream instead of replaying history. Safe while clients sync: the marker
 * moves first, in the same transaction as the delete.
 */
export async function compactChangeLog(
  db: HubDatabase,
  keepLast: number,
): Promise<CompactionResult> {
  return db.kysely.transaction().execute(async (trx) => {
    await lockMetaRow(trx, 'lock.compaction');
    const head = await currentSeq(trx);
    const before = Number((await getMeta(trx, COMPACTED_THROUGH_KEY)) ?? 0);
    const through = Math.max(before, head - Math.max(0, Math.floor(keepLast)));
    if (through === before) return { compactedThrough: before, deleted: 0 };
    await setMeta(trx, COMPACTED_THROUGH_KEY, String(through));
    const res = await trx.deleteFrom('changes').where('seq', '<=', through).executeTakeFirst();
    return { compactedThrough: through, deleted: Number(res.numDeletedRows) };
  });
}
