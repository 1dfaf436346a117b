import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';
const reasonOf = (err: unknown): string => {
  switch (codeOf(err)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EEXIST':
      return 'it exists and is not a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (err as Error).message;
  }
};

/** Creates the folder if needed and proves we can write there (access() lies for root and ACLs). */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new DataDirError(`Cannot create the data directory ${dir}: ${reasonOf(err)}`);
  }
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'w'));
    unlinkSync(probe);
  } catch (err) {
    throw new DataDirError(`The data directory ${dir} is not writable: ${reasonOf(err)}`);
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export const processExists = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM';
  }
};

/**
 * Takes `hub.lock` (holding our pid) so a second hub cannot open the same
 * SQLite file. A lock whose process is gone (crash, power loss) is stale and
 * is taken over.
 */
export function acquireDataDirLock(
  dir: string,
  pid: number = process.pid,
  isAlive: (pid: number) => boolean = processExists,
): DataDirLock {
  const path = join(dir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (err) {
      if (codeOf(err) !== 'EEXIST') {
        throw new DataDirError(`Cannot create the lock file ${path}: ${reasonOf(err)}`);
      }
      const holder = readHolder(path);
      if (holder !== null && holder !== pid && isAlive(holder)) {
        throw new DataDirError(
          `The data directory ${dir} is in use by another Outpost hub (pid ${holder}, lock file ${path}). ` +
            'Stop that hub or choose another --data-dir.',
        );
      }
      if (holder === pid) {
        throw new DataDirError(
          `The data directory ${dir} is already open in this process (${path})`,
        );
      }
      // Stale: the holder is gone or the file is unreadable garbage from a crash.
      try {
        unlinkSync(path);
      } catch (unlinkErr) {
        if (codeOf(unlinkErr) !== 'ENOENT') {
          throw new DataDirError(
            `Cannot remove the stale lock file ${path}: ${reasonOf(unlinkErr)}`,
          );
        }
      }
      continue;
    }
    writeSync(fd, `${pid}\n`);
    closeSync(fd);
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        // Only remove the lock if it is still ours.
        if (readHolder(path) === pid) {
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        }
      },
    };
  }
  throw new DataDirError(
    `Another process keeps taking the lock file ${path}; is a second hub starting?`,
  );
}

function readHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
