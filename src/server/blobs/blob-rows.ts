import type { BlobDb } from './blob-tables';
import type { BlobMeta } from './blob-store';

export async function readBlobRow(db: BlobDb, sha256: string): Promise<BlobMeta | null> {
  const row = await db
    .selectFrom('blobs')
    .select(['sha256', 'size', 'mime', 'created_by', 'created_at'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row
    ? {
        sha256: row.sha256,
        size: Number(row.size),
        mime: row.mime,
        createdBy: row.created_by,
        createdAt: Number(row.created_at),
      }
    : null;
}

/** Records a verified blob; false when another upload (maybe on another hub) got there first. */
export async function insertBlobRow(
  db: BlobDb,
  meta: BlobMeta,
  uploadId: string | null,
): Promise<boolean> {
  const r = await db
    .insertInto('blobs')
    .values({
      sha256: meta.sha256,
      size: meta.size,
      mime: meta.mime,
      created_by: meta.createdBy,
      created_at: meta.createdAt,
      upload_id: uploadId,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}
