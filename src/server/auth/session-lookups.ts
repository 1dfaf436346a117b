import { isPostgres, type DbExecutor } from '../storage/schema';
import {
  findSessionsWithUsers,
  findSessionWithUser,
  type SessionWithUser,
} from '../storage/users-repo';

/** Most keys one statement asks for; more wait for the next. */
export const MAX_KEYS = 200;

/** The requests waiting on one key. */
type Callers<V> = { resolve: (v: V | null) => void; reject: (e: unknown) => void }[];

/**
 * Loads keys in batches: keys asked for in one turn of the event loop go to
 * the database together, in one `loadMany`, while fewer than `lanes` batches
 * are out; keys asked for while the lanes are busy wait and go together in
 * the next batch. A key never joins a batch already sent, so what it gets was
 * read after it was asked for: as fresh as a lookup of its own (a session
 * revoked before a request arrived is never let through by a read that
 * started earlier). Nothing is kept between batches.
 */
export class BatchedLookup<V> {
  private waiting = new Map<string, Callers<V>>();
  private inFlight = 0;
  private scheduled = false;
  /** Keys per batch (the first 10,000 batches), for tests and benchmarks. */
  readonly sizes: number[] = [];

  constructor(
    private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>,
    private readonly lanes = 2,
  ) {}

  load(key: string): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.lanes || this.waiting.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.lanes && this.waiting.size > 0) this.send();
    });
  }

  private send(): void {
    const batch = new Map<string, Callers<V>>();
    for (const [key, callers] of this.waiting) {
      if (batch.size >= MAX_KEYS) break;
      batch.set(key, callers);
    }
    for (const key of batch.keys()) this.waiting.delete(key);
    if (this.sizes.length < 10_000) this.sizes.push(batch.size);
    this.inFlight++;
    this.loadMany([...batch.keys()])
      .then(
        (found) => {
          for (const [key, callers] of batch) {
            for (const c of callers) c.resolve(found.get(key) ?? null);
          }
        },
        (error: unknown) => {
          for (const callers of batch.values()) for (const c of callers) c.reject(error);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
  }
}

/**
 * How the hub finds a request's session and user. On PostgreSQL every
 * statement is a round trip through a pool shared with pulls and pushes, and
 * under load the session lookups were half of the hub's statements: requests
 * that arrive together are looked up in one statement. SQLite runs in the
 * process, where a batch saves nothing, so each lookup runs on its own.
 */
export function sessionLookup(
  db: DbExecutor,
): (tokenHash: string) => Promise<SessionWithUser | null> {
  if (!isPostgres(db)) {
    return (tokenHash) => findSessionWithUser(db, tokenHash);
  }
  const batched = new BatchedLookup((keys) => findSessionsWithUsers(db, keys));
  return (tokenHash) => batched.load(tokenHash);
}
