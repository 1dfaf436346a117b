import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

/**
 * Attachment bytes, content-addressed by SHA-256 (SYNC.md "Blobs").
 *
 * - `blobs`: one row per stored content; the row exists only once the bytes are
 *   complete and verified, so "is it here?" is one primary-key lookup on any hub.
 * - `blob_chunks`: PostgreSQL keeps the bytes in the database itself, because
 *   several hubs share one database but not a disk. 1 MiB bytea chunks keyed by
 *   an upload id stream in both directions without holding a file in memory,
 *   replicate and back up with the rest of the data (large objects would need
 *   lo_* calls, vacuumlo and separate privileges). SQLite hubs keep files under
 *   the data dir instead and leave this table empty.
 */
export const blobsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>): Promise<void> {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
    await db.schema
      .createTable('blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      /** PostgreSQL: the chunks' upload id; null for files on disk. */
      .addColumn('upload_id', 'text')
      .execute();
    await db.schema
      .createTable('blob_chunks')
      .addColumn('upload_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_chunks_pk', ['upload_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('blob_chunks_created_idx')
      .on('blob_chunks')
      .column('created_at')
      .execute();
  },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('blob_chunks').execute();
    await db.schema.dropTable('blobs').execute();
  },
};
