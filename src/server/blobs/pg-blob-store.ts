import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobDb } from './blob-tables';
import {
  BlobTooLarge,
  consumeHashed,
  type BlobMeta,
  type BlobStore,
  type PutBlobResult,
} from './blob-store';
import { insertBlobRow, readBlobRow } from './blob-rows';

/** One row per MiB: small enough to stream, large enough to keep row overhead negligible. */
export const CHUNK_BYTES = 1024 * 1024;
/** Chunks of uploads that never completed (hub killed mid-upload) are removed after this. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;

async function deleteChunks(db: BlobDb, uploadId: string): Promise<void> {
  await db.deleteFrom('blob_chunks').where('upload_id', '=', uploadId).execute();
}

/** Chunks whose upload never became a blob row and are old enough not to be in flight. */
export async function sweepAbandonedChunks(db: BlobDb, now: number): Promise<number> {
  const r = await db
    .deleteFrom('blob_chunks')
    .where('created_at', '<', now - ABANDONED_MS)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('blobs')
            .select('blobs.sha256')
            .whereRef('blobs.upload_id', '=', 'blob_chunks.upload_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Scale-out hubs share a PostgreSQL database but no disk, so the bytes live in
 * the database (see migration 0004-blobs). Each chunk is its own short
 * statement, never one transaction held open for a slow upload; the blob row
 * that makes them visible is written last, after the hash is verified.
 */
export async function createPgBlobStore(db: BlobDb, now: () => number): Promise<BlobStore> {
  await sweepAbandonedChunks(db, now());
  const stat = (sha256: string): Promise<BlobMeta | null> => readBlobRow(db, sha256);
  return {
    stat,
    async put(input, body): Promise<PutBlobResult> {
      const existing = await stat(input.sha256);
      const uploadId = randomUUID();
      let seq = 0;
      let received: { sha256: string; size: number };
      try {
        received = await consumeHashed(body, input.maxBytes, CHUNK_BYTES, async (chunk) => {
          if (existing) return;
          await db
            .insertInto('blob_chunks')
            .values({ upload_id: uploadId, seq: seq++, data: chunk, created_at: input.at })
            .execute();
        });
      } catch (e) {
        await deleteChunks(db, uploadId);
        if (e instanceof BlobTooLarge)
          return { ok: false, error: 'too-large', maxBytes: input.maxBytes };
        throw e;
      }
      if (received.sha256 !== input.sha256) {
        await deleteChunks(db, uploadId);
        return { ok: false, error: 'hash-mismatch', actual: received.sha256, size: received.size };
      }
      if (existing) return { ok: true, created: false, meta: existing };
      const meta: BlobMeta = {
        sha256: input.sha256,
        size: received.size,
        mime: input.mime,
        createdBy: input.by,
        createdAt: input.at,
      };
      const created = await insertBlobRow(db, meta, uploadId);
      if (!created) {
        // Another hub finished the same content first; its chunks serve it.
        await deleteChunks(db, uploadId);
        return { ok: true, created: false, meta: (await stat(input.sha256)) ?? meta };
      }
      return { ok: true, created: true, meta };
    },
    async read(sha256): Promise<Readable | null> {
      const row = await db
        .selectFrom('blobs')
        .select(['upload_id'])
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      if (!row) return null;
      const uploadId = row.upload_id;
      if (uploadId === null) return null;
      async function* chunks(): AsyncGenerator<Buffer> {
        // One chunk per query keeps memory flat however large the blob is.
        for (let seq = 0; ; seq++) {
          const c = await db
            .selectFrom('blob_chunks')
            .select('data')
            .where('upload_id', '=', uploadId!)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!c) return;
          yield Buffer.from(c.data);
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
  };
}
