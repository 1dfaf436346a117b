import type { OutpostDb } from '../db/database';
import type { SyncMeta } from './sync-meta';

export type StoreOpening =
  | { kind: 'opened' }
  /** The store was deleted and made anew: it re-bootstraps and the journal is replayed into it. */
  | { kind: 'rebuilt'; reason: string }
  | { kind: 'failed'; message: string };

/**
 * Failures that deleting the database cannot cure (no IndexedDB at all,
 * storage blocked by policy, a full disk) or that say nothing about its
 * contents (closed while opening: a screen unmounting, React's double
 * effects in development): those are reported, and the store, with
 * whatever it holds, is left alone.
 */
const NOT_CURABLE = new Set([
  'MissingAPIError',
  'SecurityError',
  'QuotaExceededError',
  'InvalidAccessError',
  'DatabaseClosedError',
]);

/** The DOMException name of an IndexedDB failure, seen through Dexie's wrapper. */
export const nameOf = (e: unknown): string => {
  const x = e as { name?: unknown; inner?: { name?: unknown } } | null;
  const inner = x?.inner?.name;
  return typeof inner === 'string' ? inner : typeof x?.name === 'string' ? x.name : '';
};
const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const looksLikeMeta = (v: unknown): v is SyncMeta => {
  const m = v as Partial<SyncMeta> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.clientId === 'string' &&
    Number.isInteger(m.nextMutationId) &&
    Number.isInteger(m.ackedMutationId) &&
    Number.isInteger(m.cursor) &&
    typeof m.clock === 'object' &&
    m.clock !== null
  );
};

/**
 * Opened is not enough: every table must be reachable in one transaction and
 * the sync row, when present, readable, or sync would fail on every round.
 */
async function probe(db: OutpostDb): Promise<void> {
  await db.open();
  await db.transaction('r', db.tables, async () => {
    const row = await db.syncState.get('sync');
    if (row && !looksLikeMeta(row.value)) {
      throw new Error('the sync state of this device is unreadable');
    }
    await db.outbox.count();
  });
}

/**
 * Opens the signed-in user's store. When it cannot be opened, or opens but
 * cannot be used (corrupted files, a broken upgrade), it is deleted and made
 * anew, empty: the engine then replays the journal into it (adopting the
 * journal's client id) and re-bootstraps from the hub. Nothing unsent is
 * lost: every edit is journalled, outside this database, before it is
 * committed to it (journalled-mutate.ts).
 */
export async function openOrRebuild(db: OutpostDb): Promise<StoreOpening> {
  let failure: unknown;
  try {
    await probe(db);
    return { kind: 'opened' };
  } catch (e) {
    failure = e;
  }
  if (NOT_CURABLE.has(nameOf(failure))) {
    return {
      kind: 'failed',
      message: `The local database could not be opened: ${reasonOf(failure)}`,
    };
  }
  try {
    // Closes this connection first; other tabs close theirs on "versionchange".
    await db.delete();
    await probe(db);
  } catch (e) {
    return {
      kind: 'failed',
      message: `The local database could not be opened (${reasonOf(failure)}), and rebuilding it failed too: ${reasonOf(e)}`,
    };
  }
  return { kind: 'rebuilt', reason: reasonOf(failure) };
}
