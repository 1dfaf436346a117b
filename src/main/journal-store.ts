import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  journalEntrySchema,
  type JournalEntryRecord,
  type JournalScope,
} from '../shared/ipc/journal';
import { preserveCorruptFile } from './json-file';
import type { Log } from './log';

/**
 * The desktop's mutation journal on disk: one append-only file of JSON
 * lines per hub and user under `<userData>/journal/`. Appends are fsync'd
 * before the renderer hears "done", so an edit survives a crash or power
 * cut even if IndexedDB does not. Trimming rewrites the file through a
 * temporary file and a rename, so it is never half-written. A line torn by
 * a crash mid-append is skipped (and logged), never fatal.
 */
export interface JournalStore {
  append(scope: JournalScope, entry: JournalEntryRecord): Promise<void>;
  /** Entries in (clientId, mutationId) order; a re-appended entry replaces the earlier copy. */
  list(scope: JournalScope): Promise<JournalEntryRecord[]>;
  /** Drops entries of `clientId` up to and including `through`. */
  trim(scope: JournalScope, clientId: string, through: number): Promise<void>;
}

export interface JournalStoreDeps {
  dir: string;
  log: Log;
}

// ENOTDIR: a file stands where the folder should be, so no journal can exist there either.
const isMissing = (e: unknown) =>
  typeof e === 'object' &&
  e !== null &&
  'code' in e &&
  (e.code === 'ENOENT' || e.code === 'ENOTDIR');

/** The file name hides nothing secret but keeps odd origins out of paths. */
export const journalFileName = (scope: JournalScope): string => {
  const hub = createHash('sha256').update(scope.hubOrigin).digest('hex').slice(0, 16);
  return `${hub}-${scope.userId.toLowerCase()}.jsonl`;
};

const keyOf = (e: { clientId: string; mutationId: number }) => `${e.clientId}\u0000${e.mutationId}`;

export const createJournalStore = ({ dir, log }: JournalStoreDeps): JournalStore => {
  // One operation per file at a time: a trim must not drop an append made meanwhile.
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(file: string, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(file) ?? Promise.resolve()).then(task, task);
    queues.set(
      file,
      next.catch(() => undefined),
    );
    return next;
  };
  /** Files whose last byte is known to be a newline (so the next append starts a fresh line). */
  const cleanEnd = new Set<string>();

  const pathOf = (scope: JournalScope) => join(dir, journalFileName(scope));

  const endsWithNewline = async (file: string): Promise<boolean> => {
    if (cleanEnd.has(file)) return true;
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (e) {
      if (isMissing(e)) return true;
      throw e;
    }
    if (size === 0) return true;
    const handle = await open(file, 'r');
    try {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a;
    } finally {
      await handle.close();
    }
  };

  const readEntries = async (
    file: string,
  ): Promise<{ entries: JournalEntryRecord[]; damaged: number }> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if (isMissing(e)) return { entries: [], damaged: 0 };
      throw e;
    }
    let damaged = 0;
    const lines = text.split('\n');
    const byKey = new Map<string, JournalEntryRecord>();
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const torn = index === lines.length - 1;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        damaged++;
        log.warn(
          torn ? 'journal: skipped a line torn by a crash' : 'journal: skipped a damaged line',
          {
            file,
            line: index + 1,
          },
        );
        return;
      }
      const entry = journalEntrySchema.safeParse(parsed);
      if (!entry.success) {
        damaged++;
        log.warn('journal: skipped an entry that is not a mutation', {
          file,
          line: index + 1,
          problem: entry.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
        return;
      }
      byKey.set(keyOf(entry.data), entry.data);
    });
    const entries = [...byKey.values()].sort((a, b) =>
      a.clientId === b.clientId ? a.mutationId - b.mutationId : a.clientId < b.clientId ? -1 : 1,
    );
    return { entries, damaged };
  };

  const rewrite = async (file: string, entries: JournalEntryRecord[]): Promise<void> => {
    if (entries.length === 0) {
      await rm(file, { force: true });
      cleanEnd.delete(file);
      return;
    }
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(entries.map((e) => JSON.stringify(e) + '\n').join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
      cleanEnd.add(file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await syncDir(dir);
  };

  return {
    append: (scope, entry) => {
      const file = pathOf(scope);
      return serial(file, async () => {
        await mkdir(dir, { recursive: true });
        const prefix = (await endsWithNewline(file)) ? '' : '\n';
        if (prefix)
          log.warn('journal: the last line was torn by a crash; starting a new line', { file });
        const handle = await open(file, 'a', 0o600);
        try {
          await handle.appendFile(prefix + JSON.stringify(entry) + '\n');
          await handle.sync();
        } finally {
          await handle.close();
        }
        cleanEnd.add(file);
      });
    },
    list: (scope) => {
      const file = pathOf(scope);
      return serial(file, async () => (await readEntries(file)).entries);
    },
    trim: (scope, clientId, through) => {
      const file = pathOf(scope);
      return serial(file, async () => {
        const { entries, damaged } = await readEntries(file);
        const kept = entries.filter((e) => !(e.clientId === clientId && e.mutationId <= through));
        if (kept.length === entries.length && damaged === 0) return;
        if (damaged > 0) {
          // The rewrite drops lines that could not be read; keep them for a person to look at.
          const copy = await preserveCorruptFile(file);
          log.warn('journal: rewritten without its damaged lines', { file, damaged, copy });
        }
        await rewrite(file, kept);
      });
    },
  };
};

/** Makes a rename durable on POSIX; Windows cannot open folders, and does not need it. */
const syncDir = async (dir: string): Promise<void> => {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data itself was synced before the rename.
  }
};
