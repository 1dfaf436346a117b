import { liveQuery, type Subscription } from 'dexie';
import { readLocalBlob, type BlobDb, type PendingUpload } from './blob-db';
import { useUploadProgress } from './upload-progress';

export type UploadResult = { ok: true } | { ok: false; retry: boolean; message: string };

/** Sends one blob; resolves with what happened, never rejects. */
export type PutBlob = (
  sha256: string,
  body: Blob,
  mime: string,
  onProgress: (loaded: number, total: number) => void,
) => Promise<UploadResult>;

export interface UploaderTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UploaderDeps {
  db: BlobDb;
  put: PutBlob;
  now: () => number;
  timers: UploaderTimers;
  random?: () => number;
}

const BACKOFF_MIN_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Queues a file for upload; the running uploader (in whichever tab leads) picks it up. */
export const enqueueUpload = async (
  db: BlobDb,
  u: { sha256: string; mime: string; size: number; name: string },
  now: number,
): Promise<void> => {
  if (await db.uploads.get(u.sha256)) return;
  await db.uploads.put({
    ...u,
    queuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    failed: false,
  });
};

/**
 * Sends queued files to the hub one at a time, oldest first. A failure the
 * hub may recover from (offline, 5xx, signed out) is retried with
 * exponential backoff and jitter; a refusal it will repeat (bad hash, too
 * large) is marked failed with the hub's message. A row leaves the queue only
 * when the hub has the bytes; the local copy stays as a cache.
 */
export function createUploader(deps: UploaderDeps) {
  const { db, put, now, timers } = deps;
  const random = deps.random ?? Math.random;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let watch: Subscription | null = null;

  const backoff = (attempts: number) => {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempts - 1));
    return Math.round(base / 2 + random() * (base / 2));
  };

  const due = async (): Promise<PendingUpload[]> =>
    (await db.uploads.where('nextAttemptAt').belowOrEqual(now()).toArray())
      .filter((u) => !u.failed)
      .sort((a, b) => a.queuedAt - b.queuedAt);

  async function sendOne(u: PendingUpload): Promise<boolean> {
    const blob = await readLocalBlob(db, u.sha256);
    if (!blob) {
      await db.uploads.update(u.sha256, {
        failed: true,
        lastError: 'The file is no longer stored on this device; attach it again.',
      });
      return true;
    }
    const progress = useUploadProgress.getState();
    progress.set(u.sha256, 0, u.size);
    const r = await put(u.sha256, blob, u.mime, (loaded, total) =>
      useUploadProgress.getState().set(u.sha256, loaded, total || u.size),
    );
    useUploadProgress.getState().done(u.sha256);
    if (r.ok) {
      await db.uploads.delete(u.sha256);
      return true;
    }
    const attempts = u.attempts + 1;
    await db.uploads.update(u.sha256, {
      attempts,
      lastError: r.message,
      failed: !r.retry,
      nextAttemptAt: now() + backoff(attempts),
    });
    // After a retryable failure the hub is likely out of reach: stop this round.
    return !r.retry;
  }

  /** One pass over the due uploads; resolves when it stops. */
  async function runOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          for (const u of await due()) {
            if (!(await sendOne(u))) break;
          }
        } while (again);
      } finally {
        running = null;
      }
    })();
    await running;
    await scheduleNext();
  }

  async function scheduleNext(): Promise<void> {
    if (stopped) return;
    const pending = (await db.uploads.toArray()).filter((u) => !u.failed);
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((u) => u.nextAttemptAt));
    schedule(Math.max(0, next - now()));
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      // IndexedDB refusing (closed at sign-out, quota): try again later; the rows stay queued.
      runOnce().catch(() => schedule(BACKOFF_MAX_MS));
    }, ms);
  }

  return {
    runOnce,
    start(): void {
      stopped = false;
      schedule(0);
      let last = -1;
      // New rows (this tab or another) start a round at once.
      watch = liveQuery(() => db.uploads.count()).subscribe((n) => {
        if (last >= 0 && n > last) schedule(0);
        last = n;
      });
    },
    stop(): void {
      stopped = true;
      watch?.unsubscribe();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    /** Back online or signed in again: try everything now, forgetting the backoff. */
    async resume(): Promise<void> {
      const rows = await db.uploads.toArray();
      const t = now();
      await db.uploads.bulkPut(rows.map((u) => (u.failed ? u : { ...u, nextAttemptAt: t })));
      schedule(0);
    },
  };
}

export type Uploader = ReturnType<typeof createUploader>;
