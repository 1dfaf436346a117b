import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync/protocol';
import { openOutpostDbByName, type OutpostDb } from '../db/database';
import { applyConfirmedChanges, restoreConfirmed, syncTables } from './local-store';
import { freshIndexedDb } from './test-platform';

/**
 * Pulled changes written as confirmed state: rows hidden by pending edits
 * (shadowed) get the value in their shadow, the rest in their table, with
 * puts written in bulk and removals in their place in the order.
 */
const open: OutpostDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const store = async () => {
  const db = openOutpostDbByName('local-store', freshIndexedDb());
  open.push(db);
  await db.open();
  return db;
};

let seq = 0;
const put = (entity: Change['entity'], id: string, data: Record<string, unknown>): Change => ({
  seq: ++seq,
  entity,
  op: 'put',
  id,
  data: { id, ...data },
});
const remove = (entity: Change['entity'], id: string): Change => ({
  seq: ++seq,
  entity,
  op: 'remove',
  id,
});
const apply = (db: OutpostDb, changes: Change[]) =>
  db.transaction('rw', syncTables(db), () => applyConfirmedChanges(db, changes));

describe('confirmed changes from a pull', () => {
  it('writes plain rows to their tables and shadowed rows to their shadows, the last put winning', async () => {
    const db = await store();
    // T2 has a pending local edit: its confirmed value lives in a shadow.
    await db.tickets.put({ id: 'T2', title: 'my pending edit' } as never);
    await db.shadows.put({ key: 'tickets|T2', table: 'tickets', id: 'T2', value: null });
    await apply(db, [
      put('ticket', 'T1', { title: 'first' }),
      put('ticket', 'T2', { title: 'theirs' }),
      put('comment', 'C1', { ticketId: 'T1', body: 'hello' }),
      put('ticket', 'T1', { title: 'second' }),
    ]);
    expect(await db.tickets.get('T1')).toEqual({ id: 'T1', title: 'second' });
    expect(await db.comments.get('C1')).toMatchObject({ body: 'hello' });
    // The optimistic row stays on screen; the confirmed one waits in the shadow.
    expect(await db.tickets.get('T2')).toEqual({ id: 'T2', title: 'my pending edit' });
    expect((await db.shadows.get('tickets|T2'))!.value).toEqual({ id: 'T2', title: 'theirs' });
  });

  it('keeps removals in order between puts: a ticket removed goes with its comments, one put back returns', async () => {
    const db = await store();
    await apply(db, [
      put('ticket', 'T1', { title: 'here' }),
      put('comment', 'C1', { ticketId: 'T1', body: 'on T1' }),
      put('ticket', 'T3', { title: 'stays' }),
    ]);
    await apply(db, [
      put('ticket', 'T1', { title: 'changed before it left' }),
      remove('ticket', 'T1'),
      put('ticket', 'T4', { title: 'after the removal' }),
      remove('ticket', 'T3'),
      put('ticket', 'T3', { title: 'came back' }),
    ]);
    expect(await db.tickets.get('T1')).toBeUndefined();
    expect(await db.comments.get('C1')).toBeUndefined();
    expect(await db.tickets.get('T4')).toMatchObject({ title: 'after the removal' });
    expect(await db.tickets.get('T3')).toMatchObject({ title: 'came back' });
  });

  it('puts shadows back (removing rows whose confirmed value is none) and forgets them', async () => {
    const db = await store();
    await db.tickets.bulkPut([
      { id: 'T1', title: 'optimistic' },
      { id: 'T2', title: 'created offline' },
    ] as never);
    await db.comments.put({ id: 'C1', ticketId: 'T1', body: 'optimistic' } as never);
    await db.shadows.bulkPut([
      { key: 'tickets|T1', table: 'tickets', id: 'T1', value: { id: 'T1', title: 'confirmed' } },
      { key: 'tickets|T2', table: 'tickets', id: 'T2', value: null },
      { key: 'comments|C1', table: 'comments', id: 'C1', value: null },
    ]);
    await db.transaction('rw', syncTables(db), () => restoreConfirmed(db));
    expect(await db.tickets.toArray()).toEqual([{ id: 'T1', title: 'confirmed' }]);
    expect(await db.comments.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
  });
});
