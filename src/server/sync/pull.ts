import type { Actor } from '../../shared/domain/actor';
import { MAX_PULL_CHANGES, type PullRequest, type PullResponse } from '../../shared/sync/protocol';
import type { HubDatabase } from '../storage/database';
import { compiledOnce } from '../storage/compiled-query';
import type { DbExecutor } from '../storage/schema';
import { aclHash } from './acl';
import { compiledPerReader, visibleTo } from './audience';
import { COMPACTED_THROUGH_KEY } from './change-log';
import { assertClientOwner, claimClient, withClaimedClient } from './clients';

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
  const hash = aclHash(actor);
  if (body.aclHash === null || body.aclHash !== hash) {
    await claimClient(db.kysely, body.clientId, actor.userId, now);
    return body.aclHash === null
      ? {
          reset: 'bootstrap',
          reason: 'UNKNOWN_CLIENT_STATE',
          message: 'This client has not loaded its data yet; bootstrap first',
        }
      : {
          reset: 'bootstrap',
          reason: 'ACCESS_CHANGED',
          message: 'Your roles or queues changed; reloading the tickets you may see',
        };
  }
  // No row for this client id (its bootstrap ran against another database, say): claimed then.
  return withClaimedClient(db.kysely, body.clientId, actor.userId, now, () =>
    readPage(db, actor, body, hash),
  );
}

/** The client's row with the log's head and compaction point. */
const clientState = (db: DbExecutor, clientId: string) =>
  db
    .selectFrom('sync_clients as c')
    .select((eb) => [
      'c.user_id',
      'c.last_mutation_id',
      eb.selectFrom('counters').select('value').where('name', '=', 'seq').as('head'),
      eb
        .selectFrom('meta')
        .select('value')
        .where('key', '=', COMPACTED_THROUGH_KEY)
        .as('compacted'),
    ])
    .where('c.client_id', '=', clientId);

const clientStateOnce = compiledOnce(clientState);

/** Changes after the cursor that the actor may read, oldest first; `pageSize` is one more than a page. */
const pageQuery = (db: DbExecutor, actor: Actor, cursor: number, pageSize: number) =>
  db
    .selectFrom('changes')
    .select(['seq', 'entity', 'entity_id', 'op', 'data'])
    .where('seq', '>', cursor)
    .where(visibleTo(actor))
    .orderBy('seq')
    .limit(pageSize);

/** PostgreSQL: the client's row joined to the page, one statement (see readPage). */
const stateAndPage = (
  db: DbExecutor,
  actor: Actor,
  clientId: string,
  cursor: number,
  pageSize: number,
) =>
  clientState(db, clientId)
    .leftJoin(pageQuery(db, actor, cursor, pageSize).as('p'), (join) => join.onTrue())
    .select(['p.seq', 'p.entity', 'p.entity_id', 'p.op', 'p.data'])
    .orderBy('p.seq');

const pageOnce = compiledPerReader(pageQuery);
const stateAndPageOnce = compiledPerReader(stateAndPage);

/**
 * The client's row, the log's head and compaction point, and the page, read
 * in one snapshot. On PostgreSQL that is one statement (each statement is a
 * round trip): the page is a derived table joined to the client's row, so a
 * pull with nothing new still returns that row, with the change columns
 * null, and a single statement needs no transaction. On SQLite, where a
 * statement is a function call, the same statement is about twice as slow as
 * two plain ones (the page is materialised and every row carries the
 * client's columns), so it runs the two on the hub's one connection, held
 * for both: no write of this process comes between them, and no BEGIN and
 * COMMIT either (a fifth of a pull's statements). A writer in another
 * process could commit between the two; the order keeps that safe: the
 * client's lastMutationId is read before the page (its effects are in the
 * page or an earlier one), and rows newer than the head read with it come
 * again in the next pull (puts are idempotent).
 */
async function readPage(
  db: HubDatabase,
  actor: Actor,
  body: PullRequest,
  hash: string,
): Promise<Exclude<PullResponse, { changes: unknown }> | PullPageJson | 'unclaimed'> {
  const limit = Math.min(body.limit ?? MAX_PULL_CHANGES, MAX_PULL_CHANGES);
  let client;
  let changes: ChangeRow[];
  if (db.dialect === 'postgres') {
    const rows = await stateAndPageOnce(db.kysely, actor, body.clientId, body.cursor, limit + 1);
    client = rows[0];
    changes = rows.filter((r): r is typeof r & ChangeRow => r.seq !== null);
  } else {
    [client, changes] = await db.kysely.connection().execute(async (conn) => {
      const [state] = await clientStateOnce(conn, body.clientId);
      return [state, state ? await pageOnce(conn, actor, body.cursor, limit + 1) : []] as const;
    });
  }
  if (!client) return 'unclaimed';
  assertClientOwner(client.user_id, actor.userId);
  if (body.cursor < Number(client.compacted ?? 0)) {
    return {
      reset: 'bootstrap',
      reason: 'CURSOR_COMPACTED',
      message: 'The hub has compacted the changes this client missed; reloading',
    };
  }
  const hasMore = changes.length > limit;
  const page = hasMore ? changes.slice(0, limit) : changes;
  const head = Number(client.head ?? 0);
  const cursor = hasMore ? Number(page[page.length - 1]!.seq) : Math.max(head, body.cursor);
  return new PullPageJson(
    `{"changes":[${page.map(changeJson).join(',')}],"cursor":${cursor},"lastMutationId":${Number(client.last_mutation_id)},"hasMore":${hasMore},"aclHash":${JSON.stringify(hash)}}`,
  );
}
