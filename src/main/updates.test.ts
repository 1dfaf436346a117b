import { describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import type { Policy } from './policy';
import { FakeEmitter } from './testing/fakes';
import { startUpdates, UPDATE_CHECK_INTERVAL_MS, type Every, type Updater } from './updates';

const FEED = 'https://updates.example.org/outpost';

class FakeUpdater extends FakeEmitter {
  calls: string[] = [];
  failFeed: Error | null = null;
  failCheck: Error | null = null;
  setFeedURL(options: { url: string }): void {
    this.calls.push(`setFeedURL:${options.url}`);
    if (this.failFeed) throw this.failFeed;
  }
  checkForUpdates(): void {
    this.calls.push('checkForUpdates');
    if (this.failCheck) throw this.failCheck;
  }
  asUpdater(): Updater {
    return this as unknown as Updater;
  }
}

/** A scheduler the test advances by hand: no timers, no sleeps. */
const manualClock = () => {
  const tasks: { ms: number; task: () => void; stopped: boolean }[] = [];
  const every: Every = (ms, task) => {
    const entry = { ms, task, stopped: false };
    tasks.push(entry);
    return () => void (entry.stopped = true);
  };
  const tick = () => tasks.filter((t) => !t.stopped).forEach((t) => t.task());
  return { every, tasks, tick };
};

const policy = (p: Partial<Pick<Policy, 'defaults' | 'enforced'>> = {}) => ({
  defaults: {},
  enforced: {},
  ...p,
});

const start = (
  over: { policy?: ReturnType<typeof policy>; platform?: NodeJS.Platform; packaged?: boolean } = {},
) => {
  const updater = new FakeUpdater();
  const clock = manualClock();
  const log = createMemoryLog();
  const updates = startUpdates({
    policy: over.policy ?? policy({ enforced: { updateFeed: FEED } }),
    autoUpdater: updater.asUpdater(),
    platform: over.platform ?? 'win32',
    packaged: over.packaged ?? true,
    every: clock.every,
    log,
  });
  return { updater, clock, log, updates };
};

describe('automatic updates', () => {
  it('never touches the updater when the policy names no feed', () => {
    const { updater, clock, updates } = start({ policy: policy() });
    expect(updater.calls).toEqual([]);
    expect(updater.listeners.size).toBe(0);
    expect(clock.tasks).toEqual([]);
    expect(updates.status()).toEqual({
      state: 'off',
      reason: 'no update feed is configured by policy',
    });
  });

  it('stays off when a broken policy locked the feed to none', () => {
    const { updater } = start({ policy: policy({ enforced: { updateFeed: null } }) });
    expect(updater.calls).toEqual([]);
  });

  it('uses the enforced feed over the default one, and checks at start then every 4 hours', () => {
    const { updater, clock } = start({
      policy: policy({
        defaults: { updateFeed: 'https://other.example.org/feed' },
        enforced: { updateFeed: FEED },
      }),
    });
    expect(updater.calls).toEqual([`setFeedURL:${FEED}`, 'checkForUpdates']);
    expect(clock.tasks.map((t) => t.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(4 * 60 * 60 * 1000);
    updater.emit('update-not-available');
    clock.tick();
    expect(updater.calls).toEqual([`setFeedURL:${FEED}`, 'checkForUpdates', 'checkForUpdates']);
  });

  it('follows a feed the policy gives only as a default', () => {
    const { updater } = start({ policy: policy({ defaults: { updateFeed: FEED } }) });
    expect(updater.calls[0]).toBe(`setFeedURL:${FEED}`);
  });

  it('does not start a second download while one runs, nor after one is ready', () => {
    const { updater, clock, updates } = start();
    updater.emit('checking-for-update');
    clock.tick();
    updater.emit('update-available');
    clock.tick();
    expect(updates.status()).toMatchObject({ state: 'downloading' });
    updater.emit('update-downloaded', {}, '', '1.2.0', new Date(), FEED);
    clock.tick();
    expect(updater.calls.filter((c) => c === 'checkForUpdates')).toHaveLength(1);
    expect(updates.status()).toMatchObject({ state: 'downloaded' });
  });

  it('logs an updater error, keeps running and tries again at the next check', () => {
    const { updater, clock, log, updates } = start();
    const [result] = updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
    expect(result).toBeUndefined();
    expect(updates.status()).toEqual({
      state: 'failed',
      feed: FEED,
      lastError: 'net::ERR_NAME_NOT_RESOLVED',
    });
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'update failed',
        data: { feed: FEED, reason: 'net::ERR_NAME_NOT_RESOLVED' },
      }),
    );
    clock.tick();
    expect(updater.calls.filter((c) => c === 'checkForUpdates')).toHaveLength(2);
  });

  it('survives an updater that throws on the feed or on a check', () => {
    const refused = new FakeUpdater();
    refused.failFeed = new Error('Could not get code signature for running application');
    const clock = manualClock();
    const updates = startUpdates({
      policy: policy({ enforced: { updateFeed: FEED } }),
      autoUpdater: refused.asUpdater(),
      platform: 'darwin',
      packaged: true,
      every: clock.every,
      log: createMemoryLog(),
    });
    expect(updates.status()).toMatchObject({ state: 'failed', lastError: /code signature/ });
    expect(refused.calls).toEqual([`setFeedURL:${FEED}`]);
    expect(clock.tasks).toEqual([]);

    const flaky = start();
    flaky.updater.failCheck = new Error('Update.exe not found');
    expect(() => flaky.clock.tick()).not.toThrow();
    expect(flaky.updates.status()).toMatchObject({ state: 'failed', lastError: /Update\.exe/ });
  });

  it('leaves the updater alone on Linux and in an unpackaged app', () => {
    const linux = start({ platform: 'linux' });
    expect(linux.updater.calls).toEqual([]);
    expect(linux.updates.status()).toEqual({
      state: 'off',
      reason: 'automatic updates are not available on linux',
    });
    const dev = start({ packaged: false });
    expect(dev.updater.calls).toEqual([]);
  });

  it('stops checking when stopped', () => {
    const { updater, clock, updates } = start();
    updater.emit('update-not-available');
    updates.stop();
    clock.tick();
    expect(updater.calls.filter((c) => c === 'checkForUpdates')).toHaveLength(1);
  });
});
