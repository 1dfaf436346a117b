import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema';

/** Row shapes of migration 0004-blobs. */
export type BlobsTable = {
  sha256: string;
  size: number;
  mime: string;
  created_by: string;
  created_at: number;
  upload_id: string | null;
};

export type BlobChunksTable = {
  upload_id: string;
  seq: number;
  data: Uint8Array;
  created_at: number;
};

export type BlobTables = {
  blobs: BlobsTable;
  blob_chunks: BlobChunksTable;
};

export type BlobDb = Kysely<Database & BlobTables>;

/** The hub database seen with the blob tables (they live in this module, not in schema.ts). */
export const withBlobTables = (db: Kysely<Database>): BlobDb => db.withTables<BlobTables>();
