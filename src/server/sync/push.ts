import type { DomainError } from '../../shared/domain/errors';
import type { Actor } from '../../shared/domain/actor';
import type { ClientId } from '../../shared/ids';
import { mutationKey } from '../../shared/sync/mutations/types';
import type {
  PushedMutation,
  PushRequest,
  PushResponse,
  PushResult,
} from '../../shared/sync/protocol';
import type { HubDatabase } from '../storage/database';
import { compiledOnce } from '../storage/compiled-query';
import type { DbExecutor } from '../storage/schema';
import type { WriteQuery } from '../storage/together';
import { WriteGroup } from '../storage/write-group';
import { applyMutation } from './apply-mutation';
import { distinctAudiences } from './audience';
import { appendChanges, SEQ_AT_COMMIT, type PendingChange } from './change-log';
import { assertClientOwner, claimClient, withClaimedClient } from './clients';
import {
  pushNeed,
  pushSharing,
  type LockedClient,
  type MutationResultRow,
  type PushBatch,
  type PushNeed,
} from './push-batch';
import type { PokeScope } from './pokes';
import { DOMAIN_SETTINGS_ID, domainSettingsFrom } from './reference-data';

export { HLC_TOLERANCE_MS } from './clamp';

export interface PushDeps {
  db: HubDatabase;
  now: () => number;
  /**
   * Told after each commit that wrote changes (pokes the clients that may see
   * them), with the last seq written or, on PostgreSQL, SEQ_AT_COMMIT, and
   * the changes' distinct audiences.
   */
  onCommit(lastSeq: number, scope: PokeScope): void;
}

type Outcome = PushResult | { stop: true; id: number; lmid: number };

/** The statement of `readClient`, compiled once per database. */
const clientRowForPush = compiledOnce((trx: DbExecutor, clientId: string) =>
  trx
    .selectFrom('sync_clients')
    .select((eb) => [
      'user_id',
      'last_mutation_id',
      eb
        .selectFrom('records')
        .select('data')
        .where('entity', '=', 'setting')
        .where('id', '=', DOMAIN_SETTINGS_ID)
        .as('settings'),
      eb
        .exists(
          eb
            .selectFrom('mutation_results as r')
            .select('r.mutation_id')
            .whereRef('r.client_id', '=', 'sync_clients.client_id')
            .where('r.clamped_from', 'is not', null),
        )
        .as('has_clamped'),
    ])
    .where('client_id', '=', clientId),
);

/**
 * SQLite: reads the client's row, who owns it, its lastMutationId, whether
 * any of its mutations was clamped, and the domain settings text, in one
 * statement (PostgreSQL reads them with the push batch's rows). Undefined
 * for a client id the hub has not seen yet (claim it, then try again).
 */
async function readClient(trx: DbExecutor, clientId: string): Promise<LockedClient | undefined> {
  const [row] = await clientRowForPush(trx, clientId);
  return (
    row && {
      owner: row.user_id,
      lmid: Number(row.last_mutation_id),
      settings: row.settings,
      // SQLite answers 0 or 1.
      hasClamped: Boolean(row.has_clamped),
    }
  );
}

async function storedResult(trx: DbExecutor, clientId: string, id: number): Promise<PushResult> {
  const row = await trx
    .selectFrom('mutation_results')
    .select(['status', 'error'])
    .where('client_id', '=', clientId)
    .where('mutation_id', '=', id)
    .executeTakeFirst();
  if (!row) return { id, status: 'duplicate', original: 'applied' };
  return row.status === 'rejected' && row.error
    ? { id, status: 'duplicate', original: 'rejected', error: JSON.parse(row.error) as DomainError }
    : { id, status: 'duplicate', original: 'applied' };
}

/** Mutations of one push committed together at most (see processChunk). */
export const PUSH_CHUNK = 32;

/** PostgreSQL gave up on the transaction (deadlock, serialization): run it again. */
const isRetryable = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
};

/**
 * Mutations of one push in one transaction, in order: each one's effects,
 * stored result and change rows, then the client's lastMutationId once and
 * the change log last (SYNC.md: a mutation's effects and lastMutationId
 * commit together, so a retry after a lost response finds it decided and
 * gets the same answer; a chunk keeps that, all or nothing). Sharing the
 * transaction saves the begin, commit, client lock and bookkeeping each
 * mutation paid for on its own, which is what limits a busy hub. Stops at
 * a mutation that arrives out of order; mutations already decided get their
 * stored result. Chunks of pushes that arrive together share a transaction
 * too (the push group: group commit on SQLite, a PushBatch on PostgreSQL).
 */
async function processChunk(
  deps: PushDeps,
  clientId: ClientId,
  actor: Actor,
  chunk: readonly PushedMutation[],
): Promise<{ outcomes: Outcome[]; lastSeq: number | null; scope: PokeScope } | 'unclaimed'> {
  return pushGroupOf(deps.db).run(
    async (trx, batch) => {
      const client = batch ? batch.client(clientId) : await readClient(trx, clientId);
      if (!client) return 'unclaimed' as const;
      assertClientOwner(client.owner, actor.userId);
      const first = client.lmid;
      const settings = domainSettingsFrom(client.settings);
      let lmid = first;
      const outcomes: Outcome[] = [];
      const changes: PendingChange[] = [];
      // Results are written with the change log at the end (one statement on
      // PostgreSQL), except where a later step reads them: a duplicate's stored
      // result, or a clamped stamp that a later edit may name as its base.
      const results: MutationResultRow[] = [];
      const insertResults = () => trx.insertInto('mutation_results').values(results.splice(0));
      const writeResults = async () => {
        if (results.length > 0) await insertResults().execute();
      };
      let hubNow = deps.now();
      let hasClamped = client.hasClamped;
      for (const m of chunk) {
        if (m.id <= lmid) {
          await writeResults();
          outcomes.push(await storedResult(trx, clientId, m.id));
          continue;
        }
        if (m.id > lmid + 1) {
          outcomes.push({ stop: true, id: m.id, lmid });
          break;
        }
        if (results.some((r) => r.clamped_from !== null)) await writeResults();
        hubNow = deps.now();
        const applied = await applyMutation(trx, deps.db.dialect, {
          actor,
          clientId,
          settings,
          mutation: m,
          hubNow,
          clientHasClamped: hasClamped,
          batch,
        });
        const { result, clampedFrom } = applied;
        if (clampedFrom !== null) hasClamped = true;
        changes.push(...applied.changes);
        results.push({
          client_id: clientId,
          mutation_id: m.id,
          name: mutationKey(m.name, m.version),
          status: result.ok ? 'applied' : 'rejected',
          error: result.ok ? null : JSON.stringify(result.error),
          clamped_from: clampedFrom,
          applied_at: hubNow,
        });
        lmid = m.id;
        outcomes.push(
          result.ok
            ? { id: m.id, status: 'applied' }
            : { id: m.id, status: 'rejected', error: result.error },
        );
      }
      const scope = distinctAudiences(changes.map((c) => c.audience));
      const moved = lmid > first ? { clientId, lmid, seenAt: hubNow } : null;
      if (batch) {
        batch.finish(results, moved, changes, hubNow);
        return { outcomes, lastSeq: changes.length > 0 ? SEQ_AT_COMMIT : null, scope };
      }
      const alongside: WriteQuery[] = [];
      if (results.length > 0) alongside.push(insertResults());
      if (moved) {
        alongside.push(
          trx
            .updateTable('sync_clients')
            .set({ last_mutation_id: lmid, last_seen_at: hubNow })
            .where('client_id', '=', clientId),
        );
      }
      return { outcomes, lastSeq: await appendChanges(trx, changes, hubNow, alongside), scope };
    },
    pushNeed(clientId, chunk),
  );
}

const pushGroups = new WeakMap<HubDatabase, WriteGroup<PushBatch, PushNeed>>();

/** The push group of a database: group commit on SQLite, push batches on PostgreSQL. */
function pushGroupOf(db: HubDatabase): WriteGroup<PushBatch, PushNeed> {
  let g = pushGroups.get(db);
  if (!g) {
    g = new WriteGroup(db, pushSharing);
    pushGroups.set(db, g);
  }
  return g;
}

/**
 * Applies a push in order, PUSH_CHUNK mutations per transaction. When
 * PostgreSQL breaks a deadlock between two hubs' chunks (each holds ticket
 * rows the other wants) the chunk runs again one mutation per transaction.
 * Every mutation is re-authorized with the caller's current roles and
 * queues, whatever the client's UI allowed.
 */
export async function processPush(
  deps: PushDeps,
  actor: Actor,
  body: PushRequest,
): Promise<PushResponse> {
  const clientId = body.clientId;
  const results: PushResult[] = [];
  let lastMutationId = 0;
  const run = async (chunk: readonly PushedMutation[]): Promise<Outcome[]> => {
    // A client's first push: claimed once, outside the hot path.
    const done = await withClaimedClient(deps.db.kysely, clientId, actor.userId, deps.now(), () =>
      processChunk(deps, clientId, actor, chunk),
    );
    // On PostgreSQL lastSeq is SEQ_AT_COMMIT: the poke bus reads the seq.
    if (done.lastSeq !== null) deps.onCommit(done.lastSeq, done.scope);
    return done.outcomes;
  };
  for (let i = 0; i < body.mutations.length; i += PUSH_CHUNK) {
    const chunk = body.mutations.slice(i, i + PUSH_CHUNK);
    let outcomes: Outcome[];
    try {
      outcomes = await run(chunk);
    } catch (e) {
      if (!isRetryable(e) || chunk.length === 1) throw e;
      outcomes = [];
      for (const m of chunk) {
        const [one] = await run([m]);
        outcomes.push(one!);
        if ('stop' in one!) break;
      }
    }
    for (const outcome of outcomes) {
      if ('stop' in outcome) {
        return {
          results,
          lastMutationId: outcome.lmid,
          stopped: {
            id: outcome.id,
            code: 'OUT_OF_ORDER',
            message: `mutation ${outcome.id} arrived before ${outcome.lmid + 1}; send the outbox from ${outcome.lmid + 1} in order`,
          },
        };
      }
      results.push(outcome);
      lastMutationId = Math.max(lastMutationId, outcome.id);
    }
  }
  if (body.mutations.length === 0 || lastMutationId === 0) {
    await claimClient(deps.db.kysely, clientId, actor.userId, deps.now());
    lastMutationId = await currentLmid(deps.db.kysely, clientId);
  }
  return { results, lastMutationId };
}

async function currentLmid(db: DbExecutor, clientId: string): Promise<number> {
  const row = await db
    .selectFrom('sync_clients')
    .select('last_mutation_id')
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return Number(row.last_mutation_id);
}
