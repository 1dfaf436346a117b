import type { Actor } from '../../shared/domain/actor';
import { MAX_PUSH_BATCH, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { OutpostDb } from '../db/database';
import type { ApiError } from '../api/errors';
import { isTooLarge, setAsideOversized, STAND_IN_NAME } from './oversized';
import { loadSyncMeta } from './sync-meta';
import type { SyncTransport } from './transport';

export interface PushDeps {
  db: OutpostDb;
  transport: SyncTransport;
  actor: () => Actor;
  now: () => number;
  /** Mutations per request at most (the hub takes up to MAX_PUSH_BATCH). */
  batch: number;
}

/** Why a push stopped: the caller turns it into a sync failure. */
export type PushStop = { kind: 'api'; error: ApiError } | { kind: 'lost'; message: string };

/**
 * Sends the outbox in order, from the first id after `from`, and returns the
 * highest id the hub has now seen. A 413 (the hub's 8 MiB body limit, or a
 * smaller one of a proxy in front of it) halves the batch, down to a single
 * mutation; one that is too large alone becomes a conflict for its author
 * (oversized.ts) instead of blocking every later edit.
 */
export async function pushOutbox(
  deps: PushDeps,
  from: number,
): Promise<{ ok: true; through: number } | { ok: false; stop: PushStop; through: number }> {
  const { db, transport } = deps;
  const meta = await db.transaction('rw', db.syncState, () => loadSyncMeta(db));
  let through = Math.max(from, meta.ackedMutationId);
  let size = Math.max(1, Math.min(deps.batch, MAX_PUSH_BATCH));
  for (;;) {
    const batch = await db.outbox.where('mutationId').above(through).limit(size).toArray();
    if (batch.length === 0) return { ok: true, through };
    const r = await transport.push({
      protocol: PROTOCOL_VERSION,
      clientId: meta.clientId,
      mutations: batch.map((e) => ({
        id: e.mutationId,
        name: e.name,
        version: e.version,
        args: e.args,
        hlc: e.hlc,
        createdAt: e.createdAt,
      })),
    });
    if (!r.ok) {
      if (!isTooLarge(r.error))
        return { ok: false, stop: { kind: 'api', error: r.error }, through };
      if (batch.length > 1) {
        size = Math.ceil(batch.length / 2);
        continue;
      }
      const only = batch[0]!;
      // A stand-in is a few hundred bytes: a limit below that is not ours to work around.
      if (only.name === STAND_IN_NAME) {
        return { ok: false, stop: { kind: 'api', error: r.error }, through };
      }
      await setAsideOversized(db, only, meta.clientId, deps.actor(), deps.now(), r.error);
      continue;
    }
    const res = r.value;
    for (const result of res.results) through = Math.max(through, result.id);
    if (res.stopped) {
      through = res.lastMutationId;
      const first = batch[0]!.mutationId;
      if (first > res.lastMutationId + 1) {
        return {
          ok: false,
          stop: {
            kind: 'lost',
            message: `The hub is missing changes ${res.lastMutationId + 1}–${first - 1} from this device; they cannot be sent`,
          },
          through,
        };
      }
    }
  }
}
