import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';
import { distinctAudiences, type Audience } from './audience';
import { SEQ_AT_COMMIT } from './change-log';

/**
 * Whom a commit's changes are for: their audiences, so an event stream is
 * poked only when its reader may see one of them (canSee). null: anyone
 * (not known, or a catch-up after a lost connection).
 */
export type PokeScope = readonly Audience[] | null;

/** The scope of several commits told in one poke (undefined: none yet). */
export const mergeScopes = (a: PokeScope | undefined, b: PokeScope): PokeScope =>
  a === undefined ? b : a === null || b === null ? null : distinctAudiences([...a, ...b]);

/**
 * "Something changed at seq N": SSE subscribers then pull. Within one hub the
 * bus is an EventEmitter; on PostgreSQL every hub process LISTENs on one
 * channel and publishes with NOTIFY, so a commit on any hub reaches the
 * clients of all of them (ARCHITECTURE.md "Scale-out").
 */
export interface PokeBus {
  /**
   * A commit wrote changes up to `seq`, for `scope` (default: anyone).
   * SEQ_AT_COMMIT (a PostgreSQL commit, numbered inside COMMIT) means the bus
   * reads the newest seq itself.
   */
  publish(seq: number, scope?: PokeScope): void;
  subscribe(listener: (seq: number, scope: PokeScope) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'outpost_poke';

/**
 * Runs `task` after each `request`, one run at a time: requests that arrive
 * while it runs collapse into one more run. Each run reads the newest state,
 * so none is missed.
 */
export function coalesced(task: () => Promise<void>): () => void {
  let wanted = false;
  let running = false;
  const loop = async () => {
    running = true;
    while (wanted) {
      wanted = false;
      await task();
    }
    running = false;
  };
  return () => {
    wanted = true;
    if (!running) void loop();
  };
}

/**
 * One process's bus. `headSeq` reads the newest committed seq, for commits
 * on PostgreSQL whose seq is known only after COMMIT (SEQ_AT_COMMIT).
 */
export function createLocalPokeBus(headSeq?: () => Promise<number>): PokeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (seq: number, scope: PokeScope) => emitter.emit('poke', seq, scope);
  // The scopes of the commits one read of the head covers.
  let waiting: PokeScope | undefined;
  // If the read fails the poke still goes out (seq 0): clients pull on any poke.
  const readHead = coalesced(async () => {
    const scope = waiting ?? null;
    waiting = undefined;
    if (headSeq) emit(await headSeq().catch(() => 0), scope);
  });
  return {
    publish(seq, scope = null) {
      if (seq !== SEQ_AT_COMMIT) return emit(seq, scope);
      waiting = mergeScopes(waiting, scope);
      readHead();
    },
    subscribe(listener) {
      emitter.on('poke', listener);
      return () => emitter.off('poke', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/** How often one hub pokes at most; a burst in between becomes one trailing poke. */
export const POKE_WINDOW_MS = 50;

export interface PokeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: PokeTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Passes pokes on at most once per window: the first one at once (a lone
 * edit reaches a colleague without delay), later ones in the window collapse
 * into one with the highest seq when it ends. Each event stream gets its
 * own: every poke makes its client pull, so under load (hundreds of commits
 * a second) 50 clients pull at most 20 times a second each, every pull
 * fetching everything new, instead of once per commit. No seq is dropped:
 * the trailing poke carries the newest. `cancel` ends a waiting window.
 */
export function throttled(
  send: (seq: number) => void,
  options: { windowMs?: number; timers?: PokeTimers } = {},
): { poke(seq: number): void; cancel(): void } {
  const { windowMs = POKE_WINDOW_MS, timers = realTimers } = options;
  let newest = 0;
  let sent = 0;
  let timer: unknown = null;
  const flush = () => {
    sent = newest;
    send(newest);
    timer = timers.setTimeout(() => {
      timer = null;
      if (newest > sent) flush();
    }, windowMs);
  };
  return {
    poke(seq) {
      newest = Math.max(newest, seq);
      if (timer === null) flush();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

/** NOTIFY payloads must stay under 8000 bytes; a larger scope goes as "anyone". */
const MAX_SCOPE_TEXT = 7000;

/** A NOTIFY payload: the seq, then `|` and the scope as JSON unless it is anyone. */
export const scopeSuffix = (scope: PokeScope): string => {
  if (scope === null) return '';
  const text = JSON.stringify(scope);
  return text.length > MAX_SCOPE_TEXT ? '' : `|${text}`;
};

/** Reads a NOTIFY payload; a scope that does not parse as a list means anyone. */
export function parseNotification(payload: string): { seq: number; scope: PokeScope } {
  const bar = payload.indexOf('|');
  const seq = Number(bar < 0 ? payload : payload.slice(0, bar));
  if (bar < 0) return { seq, scope: null };
  try {
    const scope: unknown = JSON.parse(payload.slice(bar + 1));
    return { seq, scope: Array.isArray(scope) ? (scope as Audience[]) : null };
  } catch {
    return { seq, scope: null };
  }
}

/**
 * A dedicated connection LISTENs (pooled connections cannot); publishing goes
 * through it too. If the connection drops, it reconnects with backoff and
 * pokes once so clients catch up on anything missed meanwhile. `headSeq`
 * (through the pool) stands in for the listener while it is down.
 */
export async function createPostgresPokeBus(
  url: string,
  log: Logger,
  headSeq: () => Promise<number>,
): Promise<PokeBus> {
  const local = createLocalPokeBus(headSeq);
  let client: pg.Client | null = null;
  let closed = false;
  let lastSeq = 0;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      const { seq, scope } = parseNotification(msg.payload ?? '');
      if (Number.isFinite(seq)) {
        lastSeq = Math.max(lastSeq, seq);
        local.publish(seq, scope);
      }
    });
    c.on('error', (err) => {
      log.warn({ err }, 'poke listener connection lost; reconnecting');
      client = null;
      void c.end().catch(() => undefined);
      schedule(1000);
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  const schedule = (ms: number) => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect()
        .then(() => local.publish(lastSeq))
        .catch((err: unknown) => {
          log.warn({ err }, 'poke listener reconnect failed');
          schedule(Math.min(ms * 2, 30_000));
        });
    }, ms);
    retry.unref();
  };

  // Every publish follows a commit, so one statement that reads the newest
  // seq and NOTIFYs it covers all commits before it: the hub never waits for
  // a commit's seq, and commits while a NOTIFY is in flight (pg runs one
  // query per connection) collapse into one more.
  let waiting: PokeScope | undefined;
  const notifyHead = coalesced(async () => {
    const scope = waiting ?? null;
    waiting = undefined;
    const c = client;
    if (!c) {
      local.publish(SEQ_AT_COMMIT, scope);
      return;
    }
    try {
      await c.query(`SELECT pg_notify($1, value::text || $2) FROM counters WHERE name = 'seq'`, [
        CHANNEL,
        scopeSuffix(scope),
      ]);
    } catch (err) {
      log.warn({ err }, 'NOTIFY failed; poking local clients only');
      local.publish(SEQ_AT_COMMIT, scope);
    }
  });

  await connect();
  return {
    publish(_seq, scope = null) {
      waiting = mergeScopes(waiting, scope);
      notifyHead();
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await local.close();
      await client?.end().catch(() => undefined);
    },
  };
}
