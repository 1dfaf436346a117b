import type { AutoUpdater } from 'electron';
import type { Log } from './log';
import type { Policy } from './policy';

/**
 * Automatic updates, only where the organisation's policy names an update
 * feed (SECURITY.md: `publish: null` unless policy configures a feed). The
 * packaged app knows no feed of its own, so without a policy feed Electron's
 * updater is never touched and the app never asks anyone for updates.
 */
export type Updater = Pick<AutoUpdater, 'setFeedURL' | 'checkForUpdates' | 'on'>;

/** Runs `task` every `ms`; returns a function that stops it. Injected so tests drive time. */
export type Every = (ms: number, task: () => void) => () => void;

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export type UpdateState =
  | { state: 'off'; reason: string }
  | {
      state: 'idle' | 'checking' | 'downloading' | 'downloaded' | 'failed';
      feed: string;
      lastError: string | null;
    };

export interface UpdatesDeps {
  policy: Pick<Policy, 'defaults' | 'enforced'>;
  autoUpdater: Updater;
  platform: NodeJS.Platform;
  /** Squirrel refuses an unpackaged (development) app. */
  packaged: boolean;
  every: Every;
  log: Log;
  intervalMs?: number;
}

export interface Updates {
  status(): UpdateState;
  stop(): void;
}

/** The feed the policy gives, enforced first; the user's own settings file never names one. */
export const policyUpdateFeed = (policy: Pick<Policy, 'defaults' | 'enforced'>): string | null =>
  'updateFeed' in policy.enforced
    ? (policy.enforced.updateFeed ?? null)
    : (policy.defaults.updateFeed ?? null);

const isHttps = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Electron's built-in updater exists on macOS (Squirrel.Mac) and Windows (Squirrel/MSIX) only. */
const SUPPORTED: readonly NodeJS.Platform[] = ['darwin', 'win32'];

const off = (reason: string): Updates => ({ status: () => ({ state: 'off', reason }), stop() {} });

export const startUpdates = (deps: UpdatesDeps): Updates => {
  const { autoUpdater, log } = deps;
  const feed = policyUpdateFeed(deps.policy);
  if (!feed) return off('no update feed is configured by policy');
  // The schema already demands https; checked again because this URL decides what code runs.
  if (!isHttps(feed)) return off(`the update feed ${feed} is not an https address`);
  if (!SUPPORTED.includes(deps.platform)) {
    log.info('update feed ignored: no automatic updates on this platform', {
      feed,
      platform: deps.platform,
    });
    return off(`automatic updates are not available on ${deps.platform}`);
  }
  if (!deps.packaged) return off('automatic updates apply to the installed app only');

  let current: UpdateState = { state: 'idle', feed, lastError: null };
  const set = (state: Exclude<UpdateState['state'], 'off'>, lastError: string | null = null) => {
    current = { state, feed, lastError };
  };
  autoUpdater.on('error', (error: Error) => {
    log.error('update failed', { feed, reason: describe(error) });
    set('failed', describe(error));
  });
  autoUpdater.on('checking-for-update', () => set('checking'));
  autoUpdater.on('update-not-available', () => set('idle'));
  autoUpdater.on('update-available', () => {
    log.info('update available; downloading', { feed });
    set('downloading');
  });
  autoUpdater.on('update-downloaded', (_event, _notes, releaseName) => {
    // Applied on the next start: quitting under the user would lose unsent edits.
    log.info('update downloaded; it is installed when Outpost next starts', {
      feed,
      release: releaseName,
    });
    set('downloaded');
  });

  try {
    autoUpdater.setFeedURL({ url: feed });
  } catch (e) {
    log.error('update feed not accepted', { feed, reason: describe(e) });
    set('failed', describe(e));
    return { status: () => current, stop() {} };
  }

  const check = () => {
    // A second check while one runs would download the update twice.
    if (current.state === 'checking' || current.state === 'downloading') return;
    if (current.state === 'downloaded') return;
    try {
      autoUpdater.checkForUpdates();
    } catch (e) {
      log.error('update check failed', { feed, reason: describe(e) });
      set('failed', describe(e));
    }
  };
  log.info('automatic updates on', { feed });
  check();
  const stop = deps.every(deps.intervalMs ?? UPDATE_CHECK_INTERVAL_MS, check);
  return { status: () => current, stop };
};

/** The real scheduler: an interval that does not keep the app alive on its own. */
export const realEvery: Every = (ms, task) => {
  const id = setInterval(task, ms);
  id.unref();
  return () => clearInterval(id);
};
