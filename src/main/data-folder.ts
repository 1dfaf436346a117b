import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import type { Log } from './log';

/**
 * Start-up checks of the user-data folder. An unwritable folder (a file in
 * its place, a read-only profile on a locked-down machine, a full disk) must
 * not stop the app: it opens and says what is wrong, so the user can still
 * work against the hub and IT knows what to fix.
 */
const reasonOf = (e: unknown, dir: string): string => {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `a file is in the way: ${dir} or a folder above it is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return e instanceof Error ? e.message : String(e);
  }
};

/** Creates the folder if needed and proves a file can be written there; the problem to show, or null. */
export const checkDataFolder = (dir: string): string | null => {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return null;
  } catch (e) {
    return (
      `Outpost cannot write to its data folder ${dir} (${reasonOf(e, dir)}). ` +
      'Settings, sign-ins, pairings and host mode are not kept after Outpost closes: ' +
      'ask your IT department to make this folder writable for your account (or free disk space), then restart Outpost.'
    );
  }
};

export type SingleInstance =
  | { kind: 'first' }
  /** Another copy holds the lock and was asked to show its window. */
  | { kind: 'second' }
  /** The lock could not be taken for another reason; the app runs anyway and says so. */
  | { kind: 'unlocked'; problem: string };

/**
 * Electron answers `false` both when another copy runs and when the lock
 * (kept in the user-data folder) cannot be created. Quitting on the second
 * would leave the user with no window and no message, so an unwritable
 * folder is taken to mean the latter.
 */
export const takeSingleInstanceLock = (
  app: Pick<App, 'requestSingleInstanceLock'>,
  dataFolderProblem: string | null,
  log: Log,
): SingleInstance => {
  let locked: boolean;
  try {
    locked = app.requestSingleInstanceLock();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    log.error('single-instance lock failed', { reason });
    return {
      kind: 'unlocked',
      problem: `Outpost could not check whether another copy of it is running (${reason}); avoid opening it twice.`,
    };
  }
  if (locked) return { kind: 'first' };
  if (dataFolderProblem) {
    log.warn('single-instance lock not taken; data folder unwritable, starting anyway');
    return {
      kind: 'unlocked',
      problem:
        'Outpost could not make sure only one copy of it runs, because its data folder is not writable; avoid opening it twice.',
    };
  }
  log.info('another copy of Outpost is running; it was asked to show its window');
  return { kind: 'second' };
};
