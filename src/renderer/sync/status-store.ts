import { create } from 'zustand';

/**
 * What the top bar shows about the link to the hub. The sync engine drives
 * it (pending outbox size, last pull, errors); until it exists the
 * connection monitor (app/connection-monitor.ts) sets online/offline.
 */
export type Connection = 'online' | 'offline' | 'syncing' | 'error';

export interface SyncStatus {
  connection: Connection;
  /** Local changes not yet acknowledged by the hub. */
  pending: number;
  /** Epoch ms of the last completed sync, null if never. */
  lastSyncedAt: number | null;
  /** Human-readable reason when connection is 'error'. */
  error: string | null;
}

export interface SyncStatusActions {
  setConnection(connection: Connection): void;
  setPending(pending: number): void;
  setLastSyncedAt(at: number | null): void;
  /** Sets connection to 'error' with a reason; `null` clears it back to online. */
  setError(error: string | null): void;
  reset(): void;
}

export const initialSyncStatus: SyncStatus = {
  connection: 'online',
  pending: 0,
  lastSyncedAt: null,
  error: null,
};

export const useSyncStatus = create<SyncStatus & SyncStatusActions>()((set) => ({
  ...initialSyncStatus,
  setConnection: (connection) =>
    set(connection === 'error' ? { connection } : { connection, error: null }),
  setPending: (pending) => set({ pending: Math.max(0, Math.trunc(pending)) }),
  setLastSyncedAt: (lastSyncedAt) => set({ lastSyncedAt }),
  setError: (error) =>
    set(error === null ? { error: null, connection: 'online' } : { error, connection: 'error' }),
  reset: () => set(initialSyncStatus),
}));
