import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { openOutpostDb, type OutpostDb } from '../db/database';
import { useSyncStatus } from '../sync/status-store';

/**
 * The signed-in user's local database, open for as long as the shell is
 * mounted: sign-out unmounts the shell, which closes it, so the next user
 * never touches this one's data.
 */
const DbContext = createContext<OutpostDb | null>(null);

export interface DbProviderProps {
  hubOrigin: string;
  userId: string;
  children: ReactNode;
  /** Injected in tests. */
  open?: (hubOrigin: string, userId: string) => OutpostDb;
}

export const DbProvider = ({
  hubOrigin,
  userId,
  children,
  open = openOutpostDb,
}: DbProviderProps) => {
  const db = useMemo(() => open(hubOrigin, userId), [open, hubOrigin, userId]);
  useEffect(() => {
    // Opened explicitly (not on first query) so a broken or blocked
    // IndexedDB shows up in the status bar at once.
    db.open().catch((e: unknown) => {
      const reason = e instanceof Error ? e.message : String(e);
      useSyncStatus.getState().setError(`The local database could not be opened: ${reason}`);
    });
    return () => db.close();
  }, [db]);
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
};

/** The local database of the signed-in user (only inside the shell). */
export const useOutpostDb = (): OutpostDb => {
  const db = useContext(DbContext);
  if (!db) throw new Error('useOutpostDb outside DbProvider');
  return db;
};
