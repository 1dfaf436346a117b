import type { Actor } from '../../shared/domain/actor';
import { MAX_PULL_CHANGES, type PullRequest, type PullResponse } from '../../shared/sync/protocol';
import type { HubDatabase } from '../storage/database';
import { getMeta } from '../storage/meta-repo';
import { aclHash } from './acl';
import { visibleTo } from './audience';
import { COMPACTED_THROUGH_KEY, currentSeq } from './change-log';
import { claimClient } from './clients';

type ChangeRow = {
  seq: number;
  entity: string;
  entity_id: string;
  op: 'put' | 'remove';
  data: string | null;
};

/**
 * A page of changes as the JSON text of a PullResponse, the stored record
 * text spliced in as it is. Every change goes to every client that may read
 * it (50 clients: 50 copies); parsing each stored record and serialising it
 * again was most of the hub's work per pull.
 */
export class PullPageJson {
  constructor(readonly json: string) {}
}

const changeJson = (row: ChangeRow): string =>
  `{"seq":${Number(row.seq)},"entity":${JSON.stringify(row.entity)},"op":${JSON.stringify(row.op)},"id":${JSON.stringify(row.entity_id)}${row.data === null ? '' : `,"data":${row.data}`}}`;

/**
 * Changes after the client's cursor that its user may read. The changes, the
 * cursor and the client's lastMutationId are read in one snapshot, so a
 * mutation the client sees acknowledged has its effects in this pull or an
 * earlier one. A page comes back as JSON text (PullPageJson), a reset as a
 * value.
 */
export async function processPull(
  db: HubDatabase,
  actor: Actor,
  body: PullRequest,
  now: number,
): Promise<Exclude<PullResponse, { changes: unknown }> | PullPageJson> {
  await claimClient(db.kysely, body.clientId, actor.userId, now);
  const hash = aclHash(actor);
  if (body.aclHash === null) {
    return {
      reset: 'bootstrap',
      reason: 'UNKNOWN_CLIENT_STATE',
      message: 'This client has not loaded its data yet; bootstrap first',
    };
  }
  if (body.aclHash !== hash) {
    return {
      reset: 'bootstrap',
      reason: 'ACCESS_CHANGED',
      message: 'Your roles or queues changed; reloading the tickets you may see',
    };
  }
  const limit = Math.min(body.limit ?? MAX_PULL_CHANGES, MAX_PULL_CHANGES);
  const read = db.kysely.transaction();
  const tx = db.dialect === 'postgres' ? read.setIsolationLevel('repeatable read') : read;
  return tx.execute(async (trx) => {
    const compacted = Number((await getMeta(trx, COMPACTED_THROUGH_KEY)) ?? 0);
    if (body.cursor < compacted) {
      return {
        reset: 'bootstrap' as const,
        reason: 'CURSOR_COMPACTED' as const,
        message: 'The hub has compacted the changes this client missed; reloading',
      };
    }
    const head = await currentSeq(trx);
    const rows = await trx
      .selectFrom('changes')
      .select(['seq', 'entity', 'entity_id', 'op', 'data'])
      .where('seq', '>', body.cursor)
      .where(visibleTo(actor))
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const client = await trx
      .selectFrom('sync_clients')
      .select('last_mutation_id')
      .where('client_id', '=', body.clientId)
      .executeTakeFirstOrThrow();
    const cursor = hasMore ? Number(page[page.length - 1]!.seq) : Math.max(head, body.cursor);
    return new PullPageJson(
      `{"changes":[${page.map(changeJson).join(',')}],"cursor":${cursor},"lastMutationId":${Number(client.last_mutation_id)},"hasMore":${hasMore},"aclHash":${JSON.stringify(hash)}}`,
    );
  });
}
