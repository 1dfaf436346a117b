import type { Actor } from '../../shared/domain/actor';
import type { DomainError } from '../../shared/domain/errors';
import { hlcNow, hlcWallTime } from '../../shared/sync/hlc';
import { readsFor, runMutation } from '../../shared/sync/mutations/index';
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
  const reads = readsFor(entry.name, entry.version, entry.args);
  if (!reads.ok) return reads;
  const loaded = await loadLocal(db, reads.refs);
  const outcome = runMutation(entry.name, entry.version, entry.args, loaded, {
    actor,
    clientId: clientId as never,
    hlc: entry.hlc,
    now: hlcWallTime(entry.hlc),
    settings: await localDomainSettings(db),
  });
  if (!outcome.ok) return outcome;
  await writeLocalEffects(db, outcome.effects);
  return { ok: true };
}

/**
 * The only way the UI changes data (ARCHITECTURE.md "Data flow of one edit"):
 * the optimistic effect and the outbox entry are written in ONE Dexie
 * transaction, so an edit is either fully recorded for sync or not at all.
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
