import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useSyncExternalStore } from 'react';
import type { Queue, User } from '../../../shared/domain/accounts';
import type { Actor } from '../../../shared/domain/actor';
import { useOutpostDb } from '../../app/db-context';
import type { OutpostDb } from '../../db/database';
import { useCurrentUser } from '../../session/session-store';
import { useNow } from '../../ui/use-now';
import { useMyQueues } from '../records/use-my-queues';
import { rowStoreFor, type QueueRowStore, type RowStoreView } from './row-store';
import { loadSavedViews, SAVED_VIEWS_KEY, type SavedView } from './saved-views';
import { countViews, type ViewCounts } from './views';

/** The signed-in user as the domain's access rules see them. */
export const useActor = (): Actor => {
  const user = useCurrentUser();
  return useMemo(
    () => ({ userId: user.id, roles: user.roles, queueIds: user.queueIds }) as Actor,
    [user.id, user.roles, user.queueIds],
  );
};

export const useRowStore = (): { store: QueueRowStore; view: RowStoreView } => {
  const db = useOutpostDb();
  const store = rowStoreFor(db);
  const view = useSyncExternalStore(store.subscribe, store.view);
  return { store, view };
};

/**
 * Display names of users, read once per database and kept current: a queue
 * page mounts often, and the users table of a big desk has thousands of rows.
 */
interface NameBook {
  names: ReadonlyMap<string, User>;
  version: number;
}
const nameBooks = new WeakMap<
  OutpostDb,
  { book: NameBook; listeners: Set<() => void>; subscribe: (l: () => void) => () => void }
>();
const nameBookFor = (db: OutpostDb) => {
  let entry = nameBooks.get(db);
  if (entry) return entry;
  const listeners = new Set<() => void>();
  const e = {
    book: { names: new Map(), version: 0 } as NameBook,
    listeners,
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  liveQuery(() => db.users.toArray()).subscribe({
    next: (users) => {
      e.book = { names: new Map(users.map((u) => [u.id, u])), version: e.book.version + 1 };
      for (const l of listeners) l();
    },
    error: (err: unknown) => console.error('users:', err),
  });
  nameBooks.set(db, e);
  entry = e;
  return entry;
};

export const useUsers = (): ReadonlyMap<string, User> => {
  const db = useOutpostDb();
  const entry = nameBookFor(db);
  return useSyncExternalStore(entry.subscribe, () => entry.book).names;
};

/**
 * Queues by id: the synced local table, or (before the first sync, or in a
 * session that has not synced yet) the names the hub gave at sign-in.
 */
export const useQueues = (): ReadonlyMap<string, Queue> => {
  const db = useOutpostDb();
  const actor = useActor();
  const local = useLiveQuery(() => db.queues.toArray(), [db]);
  // Ask the hub only while the local table lacks some of the user's queues.
  const missing =
    local === undefined || actor.queueIds.some((id) => !local.some((q) => q.id === id));
  const fromHub = useMyQueues(missing ? actor.queueIds : []);
  return useMemo(() => {
    const m = new Map<string, Queue>();
    for (const q of fromHub ?? []) m.set(q.id, q);
    for (const q of local ?? []) m.set(q.id, q);
    return m;
  }, [local, fromHub]);
};

export const useSavedViews = (): SavedView[] | undefined => {
  const db = useOutpostDb();
  return useLiveQuery(() => loadSavedViews(db), [db, SAVED_VIEWS_KEY]);
};

/** Open tickets per view, kept live; null until the open rows are loaded. */
export const useViewCounts = (): ViewCounts | null => {
  const { store, view } = useRowStore();
  const actor = useActor();
  const now = useNow(30_000);
  const ready = view.status.loaded !== 'none';
  // A pass over every row: after an edit it runs in a render of its own,
  // once the edited row is on screen (the urgent render keeps the old counts).
  const version = useDeferredValue(view.version);
  return useMemo(
    () => (ready ? countViews(store.openRows.values(), { actor, now, nameOf: () => '' }) : null),
    // `version` stands for the rows, which change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version, ready, actor, now],
  );
};
