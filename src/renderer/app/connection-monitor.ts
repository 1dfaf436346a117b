import { useSyncStatus } from '../sync/status-store';

/**
 * Until the sync engine reports real sync state, the top bar learns about
 * the connection from the browser's online/offline events and one `/health`
 * probe at start and on each return online. It never overrides 'syncing' or
 * 'error', which belong to the sync engine.
 */
export interface ConnectionMonitorDeps {
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  isOnline: () => boolean;
  /** True when the hub answered `/health`. */
  checkHealth: () => Promise<boolean>;
  /** Called when the hub is reachable again (re-check the session, kick a sync). */
  onReachable?: () => void;
  store?: typeof useSyncStatus;
}

export const startConnectionMonitor = (deps: ConnectionMonitorDeps): (() => void) => {
  const store = deps.store ?? useSyncStatus;
  let stopped = false;
  let probe = 0;

  const set = (connection: 'online' | 'offline') => {
    const current = store.getState().connection;
    if (connection === 'online' && (current === 'syncing' || current === 'error')) return;
    store.getState().setConnection(connection);
  };

  const check = async () => {
    const mine = ++probe;
    if (!deps.isOnline()) {
      set('offline');
      return;
    }
    const healthy = await deps.checkHealth();
    // A later probe or stop() supersedes this one.
    if (stopped || mine !== probe) return;
    set(healthy ? 'online' : 'offline');
    if (healthy) deps.onReachable?.();
  };

  const onOnline = () => void check();
  const onOffline = () => {
    probe++;
    set('offline');
  };
  deps.target.addEventListener('online', onOnline);
  deps.target.addEventListener('offline', onOffline);
  void check();

  return () => {
    stopped = true;
    deps.target.removeEventListener('online', onOnline);
    deps.target.removeEventListener('offline', onOffline);
  };
};
