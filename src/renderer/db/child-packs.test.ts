import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor';
import type { Comment } from '../../shared/domain/comment';
import type { WorklogEntry } from '../../shared/domain/worklog';
import type { QueueId, UserId } from '../../shared/ids';
import type { BootstrapLine, Change } from '../../shared/sync/protocol';
import { runBootstrap } from '../sync/bootstrap';
import { applyConfirmedChanges, syncTables, writeLocalEffects } from '../sync/local-store';
import { freshIndexedDb } from '../sync/test-platform';
import type { SyncTransport } from '../sync/transport';
import {
  allChildren,
  childById,
  childrenOf,
  createPackBuilder,
  dropPacked,
  PACK_ROWS,
} from './child-packs';
import { openOutpostDbByName, type OutpostDb } from './database';

const open: OutpostDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const store = async () => {
  const db = openOutpostDbByName(`child-packs-${Math.random()}`, freshIndexedDb());
  open.push(db);
  await db.open();
  return db;
};

const actor: Actor = { userId: 'u1' as UserId, roles: ['agent'], queueIds: ['q1' as QueueId] };

/** Rows with only the fields the packs look at (typed as the records they stand for). */
const comment = (id: string, ticketId: string, body = `body of ${id}`) =>
  ({ id, ticketId, body }) as unknown as Comment;
const worklog = (id: string, ticketId: string) =>
  ({ id, ticketId, minutes: 5 }) as unknown as WorklogEntry;

/** A transport whose bootstrap stream holds these rows. */
const streaming = (rows: { entity: 'ticket' | 'comment' | 'worklog'; rows: unknown[] }[]) =>
  ({
    bootstrap: async () => {
      const lines: BootstrapLine[] = [
        { type: 'begin', cursor: 3, lastMutationId: 0, aclHash: 'acl', protocol: 1 },
        ...rows.map((r): BootstrapLine => ({ type: 'rows', ...r })),
        { type: 'end', rows: rows.reduce((n, r) => n + r.rows.length, 0) },
      ];
      return {
        ok: true,
        value: (async function* () {
          yield* lines;
        })(),
      };
    },
  }) as unknown as SyncTransport;

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('packs of children', () => {
  it('fill to PACK_ROWS rows and name each ticket and row they hold', () => {
    const b = createPackBuilder(3);
    expect(b.add('comments', [comment('c1', 't1'), comment('c2', 't1')])).toEqual([]);
    const [full] = b.add('worklogs', [worklog('w1', 't2'), worklog('w2', 't2')]);
    expect(full).toMatchObject({ ticketIds: ['t1', 't2'], childIds: ['c1', 'c2', 'w1'] });
    expect(full!.comments).toHaveLength(2);
    expect(b.rest()).toMatchObject({ ticketIds: ['t2'], childIds: ['w2'] });
    expect(b.rest()).toBeNull();
  });

  it('are read with the rows: a ticket’s children from both, each once, rows winning', async () => {
    const db = await store();
    const b = createPackBuilder(2);
    const packs = [
      ...b.add('comments', [comment('c1', 't1'), comment('c2', 't2'), comment('c3', 't1')]),
      b.rest()!,
    ];
    await db.childPacks.bulkPut(packs);
    // c3 also arrived as a row later (a pull after the bootstrap): one copy shows, the row's.
    await db.comments.bulkPut([comment('c3', 't1', 'row copy'), comment('c4', 't1')]);
    const t1 = await childrenOf(db, 'comments', ['t1']);
    expect(ids(t1)).toEqual(['c1', 'c3', 'c4']);
    expect(t1.find((c) => c.id === 'c3')!.body).toBe('row copy');
    expect(ids(await childrenOf(db, 'comments', ['t1', 't2']))).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(await childrenOf(db, 'worklogs', ['t1'])).toEqual([]);
    expect(await childById(db, 'comments', 'c2')).toMatchObject({ ticketId: 't2' });
    expect(await childById(db, 'comments', 'nope')).toBeUndefined();
    expect(ids(await allChildren(db, 'comments'))).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('lose a ticket’s rows when it leaves, and single rows by id; empty packs go', async () => {
    const db = await store();
    const b = createPackBuilder(10);
    b.add('comments', [comment('c1', 't1'), comment('c2', 't2')]);
    b.add('worklogs', [worklog('w1', 't1')]);
    await db.childPacks.put(b.rest()!);
    await dropPacked(db, { ticketId: 't1' });
    expect(ids(await allChildren(db, 'comments'))).toEqual(['c2']);
    expect(await allChildren(db, 'worklogs')).toEqual([]);
    expect(await db.childPacks.where('ticketIds').equals('t1').count()).toBe(0);
    await dropPacked(db, { ids: ['c2'] });
    expect(await db.childPacks.count()).toBe(0);
  });

  it('hold a bootstrap’s comments and work log; a pull’s ticket removal takes its packed rows', async () => {
    const db = await store();
    const comments = Array.from({ length: PACK_ROWS + 10 }, (_, i) =>
      comment(`c${String(i).padStart(4, '0')}`, i % 2 ? 't1' : 't2'),
    );
    const r = await runBootstrap(
      db,
      streaming([
        { entity: 'ticket', rows: [{ id: 't1' }, { id: 't2' }] },
        { entity: 'comment', rows: comments },
        { entity: 'worklog', rows: [worklog('w1', 't1')] },
      ]),
      actor,
      () => 1,
    );
    expect(r).toMatchObject({ ok: true, rows: 2 + comments.length + 1 });
    // Packed, not rows: two packs for PACK_ROWS + 11 children.
    expect(await db.comments.count()).toBe(0);
    expect(await db.childPacks.count()).toBe(2);
    expect(ids(await allChildren(db, 'comments'))).toEqual(ids(comments));
    expect(await childrenOf(db, 'worklogs', ['t1'])).toHaveLength(1);

    const removal: Change = { seq: 4, entity: 'ticket', op: 'remove', id: 't1' };
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [removal]);
    });
    expect(await childrenOf(db, 'comments', ['t1'])).toEqual([]);
    expect(await childrenOf(db, 'worklogs', ['t1'])).toEqual([]);
    expect(ids(await childrenOf(db, 'comments', ['t2']))).toEqual(
      ids(comments.filter((c) => c.ticketId === 't2')),
    );
  });

  it('are replaced whole by the next bootstrap, with rows written since; a local insert of a packed row is not doubled', async () => {
    const db = await store();
    const first = streaming([
      { entity: 'ticket', rows: [{ id: 't1' }] },
      { entity: 'comment', rows: [comment('c1', 't1'), comment('c2', 't1')] },
    ]);
    await runBootstrap(db, first, actor, () => 1);
    const [before] = await db.childPacks.toArray();
    // Re-applying an insert the hub already has (a pending mutation) leaves the packed row alone.
    await db.transaction('rw', syncTables(db), () =>
      writeLocalEffects(db, [{ type: 'insert', entity: 'comment', value: comment('c1', 't1') }]),
    );
    expect(await db.comments.count()).toBe(0);
    // A comment pulled since is a row; the next load has it (and c2 is gone from the hub's view).
    await db.comments.put(comment('c3', 't1'));
    const second = streaming([
      { entity: 'ticket', rows: [{ id: 't1' }] },
      { entity: 'comment', rows: [comment('c1', 't1'), comment('c3', 't1')] },
    ]);
    expect(await runBootstrap(db, second, actor, () => 1)).toMatchObject({ ok: true });
    const packs = await db.childPacks.toArray();
    expect(packs.map((p) => p.id)).not.toContain(before!.id);
    expect(await db.comments.count()).toBe(0);
    expect(ids(await childrenOf(db, 'comments', ['t1']))).toEqual(['c1', 'c3']);
  });
});
