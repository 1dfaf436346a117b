import Dexie from 'dexie';

/**
 * What changed in the local record store, from Dexie's own change signal:
 * every committed write transaction reports the primary keys it touched per
 * table (`storagemutated`), and Dexie relays the signal between tabs and
 * workers of the origin over a BroadcastChannel. So the search worker hears
 * of writes made by the sync engine and by any tab, without the writers
 * knowing that a search index exists.
 */
export interface StoreChange {
  /** Ticket ids written or deleted, or 'all' when a bulk write did not list its keys. */
  tickets: Set<string> | 'all';
  /** Comment ids written or deleted, or 'all' when a bulk write did not list its keys. */
  comments: Set<string> | 'all';
  /**
   * Ticket packs (ticket-packs.ts) written or deleted, or 'all'. A pack
   * written says which tickets it holds; a ticket that leaves a pack is
   * deleted as a row too, so deleted packs need no reading.
   */
  ticketPacks: Set<string> | 'all';
  /**
   * Packs of comments and work log (child-packs.ts) written or deleted, or
   * 'all'. A pack written says whose comments it holds; a deleted one does
   * not, and then every ticket's comments are checked.
   */
  childPacks: Set<string> | 'all';
}

/** Dexie's RangeSet as it arrives (also after structured cloning): a balanced tree of ranges. */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** Adds the single keys of a range set to `into`; false when it holds a real range. */
const collectKeys = (node: RangeNode | null | undefined, into: Set<string>): boolean => {
  if (!node || !('from' in node)) return true;
  if (!collectKeys(node.l, into)) return false;
  if (typeof node.from !== 'string' || node.from !== node.to) return false;
  into.add(node.from);
  return collectKeys(node.r, into);
};

const tableChange = (parts: Record<string, unknown>, prefix: string): Set<string> | 'all' => {
  const node = parts[prefix] as RangeNode | undefined;
  if (node === undefined) return new Set();
  const keys = new Set<string>();
  return collectKeys(node, keys) ? keys : 'all';
};

/** Reads one storagemutated payload for the database `dbName`; null when it touched neither table. */
export const parseMutatedParts = (
  dbName: string,
  parts: Record<string, unknown>,
): StoreChange | null => {
  const tickets = tableChange(parts, `idb://${dbName}/tickets/`);
  const ticketPacks = tableChange(parts, `idb://${dbName}/ticketPacks/`);
  const childPacks = tableChange(parts, `idb://${dbName}/childPacks/`);
  const comments = tableChange(parts, `idb://${dbName}/comments/`);
  const change = { tickets, comments, ticketPacks, childPacks };
  return isEmptyChange(change) ? null : change;
};

export const emptyChange = (): StoreChange => ({
  tickets: new Set(),
  comments: new Set(),
  ticketPacks: new Set(),
  childPacks: new Set(),
});

export const isEmptyChange = (c: StoreChange): boolean =>
  Object.values(c).every((part: Set<string> | 'all') => part !== 'all' && part.size === 0);

/** Folds `next` into `into` (sets grow; 'all' wins). */
export const mergeChange = (into: StoreChange, next: StoreChange): StoreChange => {
  const merge = (a: Set<string> | 'all', b: Set<string> | 'all'): Set<string> | 'all' => {
    if (a === 'all' || b === 'all') return 'all';
    for (const k of b) a.add(k);
    return a;
  };
  return {
    tickets: merge(into.tickets, next.tickets),
    comments: merge(into.comments, next.comments),
    ticketPacks: merge(into.ticketPacks, next.ticketPacks),
    childPacks: merge(into.childPacks, next.childPacks),
  };
};

/** Calls `onChange` for every committed write to tickets or comments of `dbName`. */
export const watchStore = (dbName: string, onChange: (c: StoreChange) => void): (() => void) => {
  const listener = (parts: Record<string, unknown>) => {
    const change = parseMutatedParts(dbName, parts);
    if (change) onChange(change);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
};
