import { beforeEach, describe, expect, it } from 'vitest';
import { initialSyncStatus, useSyncStatus } from '../sync/status-store';
import { startConnectionMonitor } from './connection-monitor';

const deferred = () => {
  let resolve: (v: boolean) => void = () => undefined;
  const promise = new Promise<boolean>((r) => (resolve = r));
  return { promise, resolve };
};

describe('startConnectionMonitor', () => {
  beforeEach(() => useSyncStatus.setState(initialSyncStatus));

  it('shows offline at once when the browser is offline, without probing', () => {
    let probes = 0;
    const stop = startConnectionMonitor({
      target: new EventTarget() as unknown as Window,
      isOnline: () => false,
      checkHealth: async () => {
        probes++;
        return true;
      },
    });
    expect(useSyncStatus.getState().connection).toBe('offline');
    expect(probes).toBe(0);
    stop();
  });

  it('goes offline when /health fails and back online on the online event', async () => {
    const target = new EventTarget();
    const answers = [deferred(), deferred()];
    let call = 0;
    let reachable = 0;
    const stop = startConnectionMonitor({
      target: target as unknown as Window,
      isOnline: () => true,
      checkHealth: () => answers[call++]!.promise,
      onReachable: () => reachable++,
    });
    answers[0]!.resolve(false);
    await answers[0]!.promise;
    await Promise.resolve();
    expect(useSyncStatus.getState().connection).toBe('offline');

    target.dispatchEvent(new Event('online'));
    answers[1]!.resolve(true);
    await answers[1]!.promise;
    await Promise.resolve();
    expect(useSyncStatus.getState().connection).toBe('online');
    expect(reachable).toBe(1);

    target.dispatchEvent(new Event('offline'));
    expect(useSyncStatus.getState().connection).toBe('offline');
    stop();
  });

  it('leaves syncing and error states to the sync engine', async () => {
    useSyncStatus.getState().setError('push failed: hub said 500');
    const stop = startConnectionMonitor({
      target: new EventTarget() as unknown as Window,
      isOnline: () => true,
      checkHealth: async () => true,
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(useSyncStatus.getState().connection).toBe('error');
    expect(useSyncStatus.getState().error).toBe('push failed: hub said 500');
    stop();
  });
});
