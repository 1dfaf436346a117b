import { liveQuery, type Subscription } from 'dexie';
import type { Actor } from '../../shared/domain/actor';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { OutpostDb } from '../db/database';
import { describeApiError, isSessionLost, type ApiError } from '../api/errors';
import { runBootstrap } from './bootstrap';
import type { MutationJournal } from './journal';
import { journalledMutate } from './journalled-mutate';
import type { LocalMutationResult, MutationRequest } from './mutate';
import { pushOutbox } from './push';
import { applyPulledPage } from './rebase';
import { recoverFromJournal } from './recovery';
import { loadSyncMeta, readSyncMeta } from './sync-meta';
import type { SyncTransport } from './transport';
import { withWriteLock } from './write-lock';

export type SyncConnection = 'online' | 'offline' | 'syncing' | 'error';

export interface SyncStatusReport {
  connection: SyncConnection;
  pending: number;
  lastSyncedAt: number | null;
  error: string | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineDeps {
  db: OutpostDb;
  transport: SyncTransport;
  journal: MutationJournal;
  actor: Actor;
  now: () => number;
  onStatus?: (status: SyncStatusReport) => void;
  /** Background loop only; the harness calls syncOnce directly. */
  timers?: Timers;
  random?: () => number;
  /** Mutations per push request. */
  pushBatch?: number;
  /**
   * Re-reads the signed-in user's roles and queues (GET /auth/me) before a
   * bootstrap: the hub asks for one when access changed, and pending edits
   * must be re-applied with the access the user has now. Reject with a
   * SyncFailure carrying the hub's answer, so an expired session is told
   * as one (the loop then waits for sign-in); any other rejection counts
   * as the hub being out of reach.
   */
  refreshActor?: () => Promise<Actor>;
}

/** Why a sync round stopped early. */
export class SyncFailure extends Error {
  constructor(
    readonly error:
      ApiError | { kind: 'stream'; message: string } | { kind: 'lost'; message: string },
  ) {
    super(
      error.kind === 'hub' || error.kind === 'unreachable' || error.kind === 'invalid-response'
        ? describeApiError(error)
        : error.message,
    );
  }
  get offline(): boolean {
    return this.error.kind === 'unreachable';
  }
  get sessionLost(): boolean {
    return this.error.kind === 'hub' && isSessionLost(this.error);
  }
}

export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;
export const PERIODIC_MS = 30_000;

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
export const backoffDelay = (failures: number, random: () => number): number => {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base / 2 + random() * (base / 2));
};

/**
 * The client half of SYNC.md: push the outbox in order, pull until caught
 * up (rebasing pending edits), bootstrap when told to, and retry with
 * exponential backoff and jitter while the hub is out of reach.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const { db, transport, journal, now } = deps;
  const pushBatch = deps.pushBatch ?? 200;
  const random = deps.random ?? Math.random;
  let actor = deps.actor;
  let recovery: Promise<number> | null = null;
  /**
   * Journal replay runs once, before the first sync and before the first
   * local edit, under the same lock as edits (an edit between its journal
   * write and its commit must not be mistaken for a lost one).
   */
  const recovered = () =>
    (recovery ??= withWriteLock(db.name, () => recoverFromJournal(db, journal, actor)).catch(
      (e: unknown) => {
        recovery = null;
        throw e;
      },
    ));
  let pushedThrough = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let status: SyncStatusReport = {
    connection: 'online',
    pending: 0,
    lastSyncedAt: null,
    error: null,
  };
  let failures = 0;
  let timer: unknown = null;
  /** The delay `timer` was set with. */
  let timerMs = 0;
  let stopped = true;
  let events: AbortController | null = null;
  /** Poke streams that ended without a poke since the last one that delivered. */
  let streamFailures = 0;
  let streamTimer: unknown = null;
  let outboxWatch: Subscription | null = null;

  const report = async (patch: Partial<SyncStatusReport>) => {
    const pending = await db.outbox.count();
    status = { ...status, ...patch, pending };
    deps.onStatus?.(status);
  };

  async function bootstrap(): Promise<void> {
    if (deps.refreshActor) {
      try {
        actor = await deps.refreshActor();
      } catch (e) {
        if (e instanceof SyncFailure) throw e;
        throw new SyncFailure({ kind: 'unreachable', message: 'Outpost cannot reach the hub' });
      }
    }
    const r = await runBootstrap(db, transport, actor, now);
    if (!r.ok) throw new SyncFailure(r.error);
    await trimJournal();
  }

  async function trimJournal(): Promise<void> {
    const meta = await readSyncMeta(db);
    if (meta && meta.ackedMutationId > 0) await journal.trim(meta.clientId, meta.ackedMutationId);
  }

  async function push(): Promise<void> {
    const r = await pushOutbox(
      { db, transport, actor: () => actor, now, batch: pushBatch },
      pushedThrough,
    );
    pushedThrough = r.through;
    if (!r.ok) throw new SyncFailure(r.stop.kind === 'api' ? r.stop.error : r.stop);
  }

  async function pull(): Promise<void> {
    for (;;) {
      const meta = await db.transaction('rw', db.syncState, () => loadSyncMeta(db));
      if (!meta.bootstrapped) {
        await bootstrap();
        continue;
      }
      const r = await transport.pull({
        protocol: PROTOCOL_VERSION,
        clientId: meta.clientId,
        cursor: meta.cursor,
        aclHash: meta.aclHash,
      });
      if (!r.ok) throw new SyncFailure(r.error);
      const res = r.value;
      if ('reset' in res) {
        await bootstrap();
        continue;
      }
      const { acked } = await applyPulledPage(
        db,
        {
          changes: res.changes,
          cursor: res.cursor,
          lastMutationId: res.hasMore ? null : res.lastMutationId,
          aclHash: res.aclHash,
        },
        actor,
        now(),
      );
      if (acked.length) await trimJournal();
      if (!res.hasMore) return;
    }
  }

  /** One full round: recover, push everything pending, pull until caught up. */
  async function round(): Promise<void> {
    await recovered();
    const meta = await db.transaction('rw', db.syncState, () => loadSyncMeta(db));
    if (!meta.bootstrapped) await pull();
    await push();
    await pull();
  }

  /** Runs a round now (joining one already running); rejects with SyncFailure. */
  async function syncOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        // A call that joins while this round reports its end (a local edit's
        // timer firing then) still gets a round of its own: the last check of
        // `again` and `running = null` below happen in one synchronous step.
        do {
          again = false;
          await report({ connection: 'syncing' });
          await round();
          if (again) continue;
          failures = 0;
          const meta = await readSyncMeta(db);
          await report({
            connection: 'online',
            error: null,
            lastSyncedAt: meta?.lastSyncedAt ?? null,
          });
        } while (again);
      } catch (e) {
        failures++;
        const f = e instanceof SyncFailure ? e : null;
        if (f?.offline) await report({ connection: 'offline', error: null });
        else
          await report({
            connection: 'error',
            error: f ? f.message : `Sync failed: ${(e as Error).message}`,
          });
        throw e;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const backoffMs = () => backoffDelay(failures, random);

  /**
   * Runs a round in `ms`, replacing the round already planned, except that
   * a round planned at once (a local edit, a poke, the network back) is
   * never put off by a later, slower one: a round that was running when an
   * edit came in plans its periodic successor when it ends, and replacing
   * the edit's round with that left the edit unsent for the periodic wait.
   */
  function schedule(ms: number): void {
    const t = deps.timers;
    if (!t || stopped) return;
    if (timer !== null && timerMs === 0 && ms > 0) return;
    if (timer !== null) t.clearTimeout(timer);
    timerMs = ms;
    timer = t.setTimeout(() => {
      timer = null;
      syncOnce().then(
        () => schedule(PERIODIC_MS),
        (e: unknown) => {
          if (e instanceof SyncFailure && e.sessionLost) return; // waits for resume()
          schedule(backoffMs());
        },
      );
    }, ms);
  }

  function listen(): void {
    const t = deps.timers;
    if (stopped || !t) return;
    const controller = new AbortController();
    events = controller;
    const openedAt = now();
    const reconnect = () => {
      if (controller.signal.aborted || stopped) return;
      // A stream that keeps ending at once (hub down) backs off like a failed sync;
      // one that stayed open a good while (a proxy's idle timeout) reconnects soon.
      if (now() - openedAt >= BACKOFF_MAX_MS) streamFailures = 0;
      streamFailures++;
      streamTimer = t.setTimeout(
        () => {
          streamTimer = null;
          listen();
        },
        backoffDelay(streamFailures, random),
      );
    };
    const onPoke = () => {
      streamFailures = 0;
      schedule(0);
    };
    transport.events(onPoke, controller.signal).then(reconnect, reconnect);
  }

  return {
    syncOnce,
    /** Local edit: applied optimistically, journalled, and pushed soon. */
    async mutate(request: MutationRequest): Promise<LocalMutationResult> {
      await recovered();
      const r = await journalledMutate({ db, journal, actor, now }, request);
      if (r.ok) {
        await report({});
        schedule(0);
      }
      return r;
    },
    /**
     * Replays the journal into the outbox (once per engine; later calls get
     * the same answer): how many unsent edits it put back.
     */
    replayJournal: (): Promise<number> => recovered(),
    /** Starts the background loop and the poke stream (needs timers). */
    start(): void {
      stopped = false;
      schedule(0);
      listen();
      // Edits made in another tab of the same database land in the outbox too.
      let last = -1;
      outboxWatch = liveQuery(() => db.outbox.count()).subscribe((n) => {
        if (last >= 0 && n > last) schedule(0);
        last = n;
      });
    },
    stop(): void {
      stopped = true;
      events?.abort();
      events = null;
      outboxWatch?.unsubscribe();
      outboxWatch = null;
      if (timer !== null) deps.timers?.clearTimeout(timer);
      if (streamTimer !== null) deps.timers?.clearTimeout(streamTimer);
      timer = null;
      streamTimer = null;
    },
    /** After signing in again, or when the browser says it is back online. */
    resume(): void {
      failures = 0;
      schedule(0);
    },
    setActor(next: Actor): void {
      actor = next;
    },
    status: () => status,
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
