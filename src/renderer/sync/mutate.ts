import type { Actor } from '../../shared/domain/actor';
import type { DomainError } from '../../shared/domain/errors';
import type { ClientId } from '../../shared/ids';
import { hlcNow, hlcWallTime, type HlcClock } from '../../shared/sync/hlc';
import { readsFor, runMutation } from '../../shared/sync/mutations/index';
import type { Effect } from '../../shared/sync/mutations/types';
import type { OutboxEntry, OutpostDb } from '../db/database';
import { loadLocal, localDomainSettings, syncTables, writeLocalEffects } from './local-store';
import { loadSyncMeta, saveSyncMeta } from './sync-meta';

export interface MutationRequest {
  name: string;
  version: number;
  args: unknown;
}

export type LocalMutationResult =
  { ok: true; entry: OutboxEntry } | { ok: false; error: DomainError };

/** Runs the shared rules for one entry against the local rows, writing nothing. */
async function runEntryLocally(
  db: OutpostDb,
  entry: Pick<OutboxEntry, 'name' | 'version' | 'args' | 'hlc'>,
  actor: Actor,
  clientId: string,
): Promise<{ ok: true; effects: Effect[] } | { ok: false; error: DomainError }> {
  const reads = readsFor(entry.name, entry.version, entry.args);
  if (!reads.ok) return reads;
  const loaded = await loadLocal(db, reads.refs);
  return runMutation(entry.name, entry.version, entry.args, loaded, {
    actor,
    clientId: clientId as never,
    hlc: entry.hlc,
    now: hlcWallTime(entry.hlc),
    settings: await localDomainSettings(db),
  });
}

/**
 * Runs one entry of the outbox against the local rows: the same shared rules
 * the hub will run. Used for new mutations and for re-applying pending ones
 * after a pull (then with the entry's own stamp, so the result is the same).
 */
export async function applyEntryLocally(
  db: OutpostDb,
  entry: Pick<OutboxEntry, 'name' | 'version' | 'args' | 'hlc'>,
  actor: Actor,
  clientId: string,
): Promise<{ ok: true } | { ok: false; error: DomainError }> {
  const outcome = await runEntryLocally(db, entry, actor, clientId);
  if (!outcome.ok) return outcome;
  await writeLocalEffects(db, outcome.effects);
  return { ok: true };
}

/**
 * One local edit without a journal (tools and tests that seed a store): the
 * optimistic effect and the outbox entry in ONE Dexie transaction. The app
 * goes through journalledMutate, which writes the journal copy first.
 * A rule violation comes back as a value and writes nothing.
 */
export async function mutateLocally(
  db: OutpostDb,
  request: MutationRequest,
  actor: Actor,
  now: number,
): Promise<LocalMutationResult> {
  return db.transaction('rw', syncTables(db), async () => {
    const meta = await loadSyncMeta(db);
    const { clock, stamp } = hlcNow(meta.clock, now);
    const entry: OutboxEntry = {
      mutationId: meta.nextMutationId,
      name: request.name,
      version: request.version,
      args: request.args,
      hlc: stamp,
      createdAt: now,
      localError: null,
    };
    const applied = await applyEntryLocally(db, entry, actor, meta.clientId);
    if (!applied.ok) return applied;
    await db.outbox.add(entry);
    await saveSyncMeta(db, { ...meta, clock, nextMutationId: meta.nextMutationId + 1 });
    return { ok: true as const, entry };
  });
}

/** A new edit stamped and checked, not yet written: what the journal gets first. */
export interface PlannedMutation {
  entry: OutboxEntry;
  clientId: ClientId;
  /** The local clock after stamping the entry. */
  clock: HlcClock;
  /** What the shared rules would write now (shown before the commit; the commit runs them again). */
  effects: Effect[];
}

/**
 * First half of a journalled edit: takes the next mutation id and a stamp and
 * checks the shared rules, without writing anything (a rule violation comes
 * back as a value and nothing reaches the journal).
 */
export async function planLocalMutation(
  db: OutpostDb,
  request: MutationRequest,
  actor: Actor,
  now: number,
): Promise<{ ok: true; plan: PlannedMutation } | { ok: false; error: DomainError }> {
  // 'rw' only because the sync row is created on first use.
  return db.transaction('rw', syncTables(db), async () => {
    const meta = await loadSyncMeta(db);
    const { clock, stamp } = hlcNow(meta.clock, now);
    const entry: OutboxEntry = {
      mutationId: meta.nextMutationId,
      name: request.name,
      version: request.version,
      args: request.args,
      hlc: stamp,
      createdAt: now,
      localError: null,
    };
    const checked = await runEntryLocally(db, entry, actor, meta.clientId);
    if (!checked.ok) return checked;
    return {
      ok: true as const,
      plan: { entry, clientId: meta.clientId, clock, effects: checked.effects },
    };
  });
}

const later = (a: HlcClock, b: HlcClock): HlcClock =>
  a.wallMs !== b.wallMs ? (a.wallMs > b.wallMs ? a : b) : a.counter >= b.counter ? a : b;

export type CommitOutcome =
  | { kind: 'committed' }
  /** Another writer used this mutation id first (or the store changed client). */
  | { kind: 'id-taken' }
  /** The rows changed since the plan (a pull landed) and the rules now refuse it. */
  | { kind: 'refused'; error: DomainError };

/**
 * Second half: the optimistic effect and the outbox entry in ONE Dexie
 * transaction, under the id and stamp the journal already holds.
 */
export async function commitPlannedMutation(
  db: OutpostDb,
  plan: PlannedMutation,
  actor: Actor,
): Promise<CommitOutcome> {
  return db.transaction('rw', syncTables(db), async (): Promise<CommitOutcome> => {
    const meta = await loadSyncMeta(db);
    if (meta.clientId !== plan.clientId || meta.nextMutationId !== plan.entry.mutationId) {
      return { kind: 'id-taken' };
    }
    const applied = await applyEntryLocally(db, plan.entry, actor, meta.clientId);
    if (!applied.ok) return { kind: 'refused', error: applied.error };
    await db.outbox.add(plan.entry);
    // A pull may have advanced the clock since the plan: keep the later of the two.
    await saveSyncMeta(db, {
      ...meta,
      clock: later(meta.clock, plan.clock),
      nextMutationId: plan.entry.mutationId + 1,
    });
    return { kind: 'committed' };
  });
}
