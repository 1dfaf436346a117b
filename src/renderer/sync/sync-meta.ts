import { newId, type ClientId } from '../../shared/ids';
import { hlcInit, type HlcClock } from '../../shared/sync/hlc';
import type { OutpostDb } from '../db/database';

/** The client's sync bookkeeping (SYNC.md `syncState`), one row. */
export interface SyncMeta {
  clientId: ClientId;
  /** Id the next local mutation gets (1, 2, 3… per client). */
  nextMutationId: number;
  /** Highest mutation id the hub has acknowledged through a pull. */
  ackedMutationId: number;
  /** Last hub seq this client has applied. */
  cursor: number;
  /** Access fingerprint of the last bootstrap; null until the first one. */
  aclHash: string | null;
  clock: HlcClock;
  bootstrapped: boolean;
  lastSyncedAt: number | null;
}

const KEY = 'sync';

export const freshSyncMeta = (clientId: ClientId = newId<ClientId>()): SyncMeta => ({
  clientId,
  nextMutationId: 1,
  ackedMutationId: 0,
  cursor: 0,
  aclHash: null,
  clock: hlcInit(clientId),
  bootstrapped: false,
  lastSyncedAt: null,
});

export async function readSyncMeta(db: OutpostDb): Promise<SyncMeta | null> {
  const row = await db.syncState.get(KEY);
  return (row?.value as SyncMeta | undefined) ?? null;
}

/** The row, created on first use. Call inside a transaction that includes syncState. */
export async function loadSyncMeta(db: OutpostDb): Promise<SyncMeta> {
  const found = await readSyncMeta(db);
  if (found) return found;
  const meta = freshSyncMeta();
  await db.syncState.put({ key: KEY, value: meta });
  return meta;
}

export async function saveSyncMeta(db: OutpostDb, meta: SyncMeta): Promise<void> {
  await db.syncState.put({ key: KEY, value: meta });
}

export async function updateSyncMeta(
  db: OutpostDb,
  patch: (m: SyncMeta) => Partial<SyncMeta>,
): Promise<SyncMeta> {
  const current = await loadSyncMeta(db);
  const next = { ...current, ...patch(current) };
  await saveSyncMeta(db, next);
  return next;
}
