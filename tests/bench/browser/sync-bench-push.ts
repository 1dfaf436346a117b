import { createRng } from '../../../src/shared/domain/generator/prng';
import { newId } from '../../../src/shared/ids';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { openOutpostDbByName, type OutpostDb } from '../../../src/renderer/db/database';
import { installDerivedSla } from '../../../src/renderer/db/derived-sla';
import { createSyncEngine } from '../../../src/renderer/sync/engine';
import { createIndexedDbJournal } from '../../../src/renderer/sync/journal';
import { createHttpTransport, type SyncTransport } from '../../../src/renderer/sync/transport';
import { nextMutation, type MixKind } from '../lib/mutation-mix';
import type { BacklogResult, PushBacklogResult } from '../lib/sync-bench-api';
import { actor } from './sync-bench-common';

/**
 * The offline-backlog push benchmark, in Chromium with the real client: an
 * agent's outbox is filled while the engine is not syncing (offline), then one
 * sync round pushes it and pulls until the hub has acknowledged everything.
 */

type Stats = Omit<PushBacklogResult, 'ms' | 'remaining' | 'conflicts'>;

/** Times each push and pull request of the real HTTP transport. */
function timedTransport(stats: Stats): SyncTransport {
  const http = createHttpTransport({ base: '' });
  const timed =
    <A, R>(fn: (a: A) => Promise<R>, kind: 'push' | 'pull') =>
    async (a: A): Promise<R> => {
      const t = performance.now();
      try {
        return await fn(a);
      } finally {
        stats[`${kind}Ms`] += performance.now() - t;
        stats[`${kind}Requests`]++;
      }
    };
  return { ...http, push: timed(http.push, 'push'), pull: timed(http.pull, 'pull') };
}

/**
 * One client per database, kept between prepare and push: the same engine
 * that queued the edits offline syncs them when the network is back (its
 * journal recovery already ran at the first edit, as in the app).
 */
const clients = new Map<
  string,
  { db: OutpostDb; engine: ReturnType<typeof createSyncEngine>; stats: Stats }
>();

export async function prepareBacklog(opts: {
  dbName: string;
  count: number;
  seed: string;
  assignees: string[];
  pushBatch: number;
}): Promise<BacklogResult> {
  // What openOutpostDb does (the derived-SLA middleware on every ticket
  // write), under a name of this repetition's own.
  const db = openOutpostDbByName(opts.dbName);
  installDerivedSla(db, { now: () => Date.now() });
  await db.open();
  const stats: Stats = { pushMs: 0, pullMs: 0, pushRequests: 0, pullRequests: 0 };
  const engine = createSyncEngine({
    db,
    transport: timedTransport(stats),
    journal: createIndexedDbJournal(opts.dbName),
    actor: actor(),
    now: () => Date.now(),
    pushBatch: opts.pushBatch,
  });
  clients.set(opts.dbName, { db, engine, stats });
  await engine.syncOnce();
  const tickets = new Map<string, Ticket>((await db.tickets.toArray()).map((t) => [t.id, t]));
  const ticketsSeen = tickets.size;
  const rng = createRng(opts.seed);
  const mix: Record<MixKind, number> = {
    create: 0,
    setFields: 0,
    comment: 0,
    logWork: 0,
    transition: 0,
  };
  let refusedLocally = 0;
  let queued = 0;
  while (queued < opts.count) {
    const m = nextMutation({
      rng,
      actor: actor(),
      tickets: [...tickets.values()],
      assignees: opts.assignees,
      now: Date.now(),
      newId,
    });
    const r = await engine.mutate({ name: m.name, version: m.version, args: m.args });
    if (!r.ok) {
      refusedLocally++;
      if (refusedLocally > opts.count)
        throw new Error(`too many local refusals: ${r.error.message}`);
      continue;
    }
    queued++;
    mix[m.kind]++;
    const id = String(m.args.ticketId ?? m.args.id);
    const t = await db.tickets.get(id);
    if (t) tickets.set(id, t);
  }
  const pending = await db.outbox.count();
  return { pending, mix, refusedLocally, ticketsSeen };
}

/** One sync round (the network is back) over the backlog queued by prepareBacklog. */
export async function pushBacklog(dbName: string): Promise<PushBacklogResult> {
  const client = clients.get(dbName);
  if (!client) throw new Error(`prepareBacklog(${dbName}) first`);
  const { db, engine, stats } = client;
  Object.assign(stats, { pushMs: 0, pullMs: 0, pushRequests: 0, pullRequests: 0 });
  const before = await db.conflicts.count();
  const t0 = performance.now();
  await engine.syncOnce();
  const ms = performance.now() - t0;
  const remaining = await db.outbox.count();
  const conflicts = (await db.conflicts.count()) - before;
  db.close();
  clients.delete(dbName);
  return { ms, ...stats, remaining, conflicts };
}
