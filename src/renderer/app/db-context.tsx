import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Actor } from '../../shared/domain/actor';
import { openOutpostDb, type OutpostDb } from '../db/database';
import { startBlobUploads } from '../blobs/runner';
import { isSessionLost } from '../api/errors';
import { createSyncEngine, SyncFailure, type SyncEngine } from '../sync/engine';
import {
  createBridgeJournal,
  createIndexedDbJournal,
  type JournalBridge,
  type MutationJournal,
} from '../sync/journal';
import { openOrRebuild } from '../sync/rebuild';
import { useSyncStatus } from '../sync/status-store';
import { createHttpTransport } from '../sync/transport';
import { LocalStoreNotice, type RebuildOutcome } from './local-store-notice';
import { useServices } from './services';

/**
 * The signed-in user's local store: the Dexie database, its mutation
 * journal and the sync engine, alive while the shell is mounted. Sign-out
 * unmounts the shell, which stops sync and closes the database, so the next
 * user never touches this one's data.
 */
export interface LocalStore {
  db: OutpostDb;
  engine: SyncEngine;
}

const LocalStoreContext = createContext<LocalStore | null>(null);

export interface LocalStoreFactoryInput {
  hubOrigin: string;
  actor: Actor;
  apiBase: string;
  onSessionLost: () => void;
  refreshActor: () => Promise<Actor>;
  /** The desktop's window.outpost: the journal then lives in a file the main process keeps. */
  desktop?: JournalBridge | null;
}

/** Builds the store; tests inject their own (fake IndexedDB, fake hub). */
export type LocalStoreFactory = (input: LocalStoreFactoryInput) => LocalStore;

export const createBrowserLocalStore: LocalStoreFactory = (input) => {
  const db = openOutpostDb(input.hubOrigin, input.actor.userId);
  // In the desktop the journal is a file outside IndexedDB, so wiping or
  // corrupting the browser storage cannot take the unsent edits with it.
  const journal: MutationJournal = input.desktop
    ? createBridgeJournal(input.desktop, { hubOrigin: input.hubOrigin, userId: input.actor.userId })
    : createIndexedDbJournal(db.name);
  const engine = createSyncEngine({
    db,
    journal,
    transport: createHttpTransport({ base: input.apiBase, onSessionLost: input.onSessionLost }),
    actor: input.actor,
    now: () => Date.now(),
    timers: {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
    },
    refreshActor: input.refreshActor,
    onStatus: (s) => {
      const store = useSyncStatus.getState();
      store.setPending(s.pending);
      store.setLastSyncedAt(s.lastSyncedAt);
      if (s.connection === 'error') store.setError(s.error);
      else store.setConnection(s.connection);
    },
  });
  return { db, engine };
};

/**
 * Only one tab per database runs the sync loop (Web Locks): two loops would
 * push the same outbox and race on the cursor. Other tabs still read and
 * write the shared IndexedDB; the leader notices their outbox entries.
 */
const runAsLeader = (name: string, start: () => () => void): (() => void) => {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return start();
  let release: (() => void) | null = null;
  let stop: (() => void) | null = null;
  let cancelled = false;
  void locks.request(
    `outpost-sync:${name}`,
    () =>
      new Promise<void>((resolve) => {
        if (cancelled) return resolve();
        stop = start();
        release = resolve;
      }),
  );
  return () => {
    cancelled = true;
    stop?.();
    release?.();
  };
};

export interface LocalStoreProviderProps {
  hubOrigin: string;
  actor: Actor;
  children: ReactNode;
  factory?: LocalStoreFactory;
}

export const LocalStoreProvider = ({
  hubOrigin,
  actor,
  children,
  factory = createBrowserLocalStore,
}: LocalStoreProviderProps) => {
  const { platform, accounts, session } = useServices();
  const { userId } = actor;
  const store = useMemo(
    () =>
      factory({
        hubOrigin,
        actor,
        apiBase: platform.apiBase,
        desktop: platform.desktop,
        onSessionLost: () => session.sessionLost(),
        refreshActor: async () => {
          const me = await accounts.me();
          if (!me.ok) {
            // /auth/me is also how start-up learns whether anyone is signed in, so the
            // API client does not report its 401 as a lost session; here someone is.
            if (isSessionLost(me.error)) session.sessionLost();
            throw new SyncFailure(me.error);
          }
          return {
            userId: me.value.user.id,
            roles: me.value.user.roles,
            queueIds: me.value.user.queueIds,
          };
        },
      }),
    // The store belongs to one user on one hub; role changes arrive through sync.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [factory, hubOrigin, userId, platform.apiBase],
  );
  const [rebuilt, setRebuilt] = useState<RebuildOutcome | null>(null);
  useEffect(() => {
    const { db, engine } = store;
    let stopLeader: (() => void) | null = null;
    let cancelled = false;
    // Opened explicitly (not on first query) so a broken or blocked
    // IndexedDB shows up at once; a damaged one is rebuilt (rebuild.ts).
    void (async () => {
      const opening = await openOrRebuild(db);
      if (cancelled) return;
      if (opening.kind === 'failed') {
        useSyncStatus.getState().setError(opening.message);
        return;
      }
      if (opening.kind === 'rebuilt') {
        // The journal goes into the new store before anything else writes to it.
        const outcome: RebuildOutcome = await engine.replayJournal().then(
          (kept) => ({ kept }),
          (e: unknown) => ({ kept: null, readError: e instanceof Error ? e.message : String(e) }),
        );
        if (cancelled) return;
        setRebuilt(outcome);
      }
      stopLeader = runAsLeader(db.name, () => {
        engine.start();
        // Attachment bytes go up beside the sync loop, by the same leading tab.
        const stopUploads = startBlobUploads(db.name, platform.apiBase);
        const wake = () => engine.resume();
        window.addEventListener('online', wake);
        return () => {
          window.removeEventListener('online', wake);
          stopUploads();
          engine.stop();
        };
      });
    })();
    return () => {
      cancelled = true;
      stopLeader?.();
      db.close();
    };
  }, [store, platform.apiBase]);
  return (
    <LocalStoreContext.Provider value={store}>
      {children}
      {rebuilt ? <LocalStoreNotice outcome={rebuilt} onClose={() => setRebuilt(null)} /> : null}
    </LocalStoreContext.Provider>
  );
};

const useLocalStore = (): LocalStore => {
  const s = useContext(LocalStoreContext);
  if (!s) throw new Error('useLocalStore outside LocalStoreProvider');
  return s;
};

/** The local database of the signed-in user (only inside the shell). */
export const useOutpostDb = (): OutpostDb => useLocalStore().db;

/** The sync engine: `mutate` is how screens change data (optimistic, offline-safe). */
export const useSyncEngine = (): SyncEngine => useLocalStore().engine;
