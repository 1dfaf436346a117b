import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import type { IndexedDbDeps, OutpostDb } from '../db/database';
import { readSyncMeta } from '../sync/sync-meta';
import type { SerializedIndex } from './ticket-index';

/**
 * The saved search index, in a database of its own (`<local db>:search`):
 * it is derived data, so it never needs a schema upgrade of the record
 * store, and deleting it only costs one rebuild.
 */
export interface Watermark {
  /** The sync bookkeeping of the local store when the index was saved. */
  clientId: string;
  cursor: number;
  aclHash: string | null;
  nextMutationId: number;
  ackedMutationId: number;
  bootstrapped: boolean;
}

/** The store's sync bookkeeping now, or null before its first sync. */
export const watermarkOf = async (db: OutpostDb): Promise<Watermark | null> => {
  const meta = await readSyncMeta(db);
  if (!meta) return null;
  return {
    clientId: meta.clientId,
    cursor: meta.cursor,
    aclHash: meta.aclHash,
    nextMutationId: meta.nextMutationId,
    ackedMutationId: meta.ackedMutationId,
    bootstrapped: meta.bootstrapped,
  };
};

/** A watermark no store has: the saved index is checked on the next start. */
export const UNTRUSTED: Watermark = {
  clientId: '',
  cursor: -1,
  aclHash: null,
  nextMutationId: -1,
  ackedMutationId: -1,
  bootstrapped: false,
};

export interface Snapshot {
  key: string;
  savedAt: number;
  watermark: Watermark;
  index: SerializedIndex;
}

const KEY = 'tickets';

const watermarkSchema = z.object({
  clientId: z.string(),
  cursor: z.number(),
  aclHash: z.string().nullable(),
  nextMutationId: z.number(),
  ackedMutationId: z.number(),
  bootstrapped: z.boolean(),
});

const snapshotSchema = z.object({
  key: z.literal(KEY),
  savedAt: z.number(),
  watermark: watermarkSchema,
  index: z.object({
    format: z.literal('outpost-ticket-index/1'),
    terms: z.string(),
    postings: z.object({
      offsets: z.instanceof(Uint32Array),
      entries: z.instanceof(Uint32Array),
    }),
    ids: z.string(),
    fingerprints: z.instanceof(Uint32Array),
    commentPrints: z.instanceof(Uint32Array),
    commentCounts: z.instanceof(Uint16Array),
    flags: z.instanceof(Uint8Array),
    lengths: z.instanceof(Uint16Array),
  }),
});

export const sameWatermark = (a: Watermark, b: Watermark): boolean =>
  a.clientId === b.clientId &&
  a.cursor === b.cursor &&
  a.aclHash === b.aclHash &&
  a.nextMutationId === b.nextMutationId &&
  a.ackedMutationId === b.ackedMutationId &&
  a.bootstrapped === b.bootstrapped;

export interface SearchStore {
  /** The saved index, or null when there is none or it is not readable. */
  load(): Promise<Snapshot | null>;
  save(snapshot: Omit<Snapshot, 'key'>): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

export const searchDbName = (recordDbName: string): string => `${recordDbName}:search`;

export const openSearchStore = (recordDbName: string, deps?: IndexedDbDeps): SearchStore => {
  const db = new Dexie(searchDbName(recordDbName), deps ? { ...deps } : {}) as Dexie & {
    snapshots: Table<Snapshot, string>;
  };
  db.version(1).stores({ snapshots: 'key' });
  return {
    async load() {
      const row: unknown = await db.snapshots.get(KEY);
      if (row === undefined) return null;
      const parsed = snapshotSchema.safeParse(row);
      return parsed.success ? (parsed.data as Snapshot) : null;
    },
    async save(snapshot) {
      await db.snapshots.put({ ...snapshot, key: KEY });
    },
    async clear() {
      await db.snapshots.clear();
    },
    close: () => db.close(),
  };
};
