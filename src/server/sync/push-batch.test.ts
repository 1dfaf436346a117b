import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabaseHandle } from '../../../tests/fixtures/hub-fixture';
import { ticketAudience } from './audience';
import type { PendingChange } from './change-log';
import { PushBatch, pushNeed, type ChildRow } from './push-batch';

let h: TestDatabaseHandle;
afterEach(async () => h?.cleanup());

const child = (id: string, ticketId = 'T1'): ChildRow => ({
  id,
  entity: 'comment',
  ticket_id: ticketId,
  other_ticket_id: null,
  internal: 0,
  created_at: 1,
  data: JSON.stringify({ id, body: `text of ${id}` }),
});

const changeOf = (row: ChildRow): PendingChange => ({
  entity: 'comment',
  id: row.id,
  op: 'put',
  data: row.data,
  audience: ticketAudience({ queueId: 'Q1' as never, requesterId: 'U1' as never }),
});

/** As a push does: the child, then (if the batch takes it) its change row at the push's end. */
const add = (batch: PushBatch, row: ChildRow): boolean => {
  const rows = [changeOf(row)];
  const taken = batch.insertChild(row, rows);
  if (taken) batch.finish([], null, rows, 1);
  return taken;
};

/** Runs `steps` with a batch in one transaction, then the batch's writes and COMMIT. */
const inBatch = (
  steps: (batch: PushBatch, trx: Parameters<typeof PushBatch.open>[0]) => Promise<void>,
) =>
  h.db.kysely.transaction().execute(async (trx) => {
    const batch = await PushBatch.open(trx, [
      { clientId: 'c1', ticketIds: [], records: [], numbers: ['INC', 'INC', 'CHG'] },
    ]);
    await steps(batch, trx);
    await batch.close(trx);
  });

const logged = async () =>
  (
    await h.db.kysely.selectFrom('changes').select(['entity_id', 'seq']).orderBy('seq').execute()
  ).map((r) => r.entity_id);

const children = async () =>
  (await h.db.kysely.selectFrom('ticket_children').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );

describe("a push chunk's need", () => {
  it('names the tickets, articles and configuration items it reads and the numbers it takes', () => {
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const mutation = (name: string, args: unknown) => ({ id: 1, name, version: 1, args }) as never;
    const need = pushNeed('c1', [
      mutation('ticket.link', {
        fromId: id(1),
        kind: 'documented_in',
        to: { kind: 'article', id: id(2) },
      }),
      mutation('ticket.link', { fromId: id(1), kind: 'affects', to: { kind: 'ci', id: id(3) } }),
      mutation('change.create', {}),
    ]);
    expect(need).toEqual({
      clientId: 'c1',
      ticketIds: [id(1), id(1)],
      records: [
        { entity: 'article', id: id(2) },
        { entity: 'ci', id: id(3) },
      ],
      numbers: ['CHG'],
    });
  });
});

describe('push batch (PostgreSQL)', () => {
  it('logs a child once, in order, and only if its id was free', async () => {
    h = await openTestDatabase('postgres');
    const taken = child('taken');
    await h.db.kysely.insertInto('ticket_children').values(taken).execute();
    const first = child('a');
    const again = { ...child('a'), data: '{"forged":true}' };
    const last = child('b');
    await inBatch(async (batch) => {
      expect(add(batch, first)).toBe(true);
      // A second child with the same id in the group is refused, as when inserted at once.
      expect(add(batch, again)).toBe(false);
      // An id already stored: inserted with the batch's end, so its change is dropped there.
      expect(add(batch, taken)).toBe(true);
      expect(add(batch, last)).toBe(true);
    });
    expect(await children()).toEqual(['a', 'b', 'taken']);
    expect(await logged()).toEqual(['a', 'b']);
    const stored = await h.db.kysely
      .selectFrom('ticket_children')
      .select('data')
      .where('id', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(stored.data).toBe(first.data);
  });

  it('keeps the changes of children written early (before a read), and drops those already there', async () => {
    h = await openTestDatabase('postgres');
    const taken = child('taken');
    await h.db.kysely.insertInto('ticket_children').values(taken).execute();
    const early = child('early');
    const late = child('late');
    await inBatch(async (batch, trx) => {
      add(batch, early);
      add(batch, taken);
      await batch.writeChildren(trx);
      add(batch, late);
    });
    expect(await children()).toEqual(['early', 'late', 'taken']);
    expect(await logged()).toEqual(['early', 'late']);
  });

  it('takes the numbers its pushes will need up front, and none beyond them', async () => {
    h = await openTestDatabase('postgres');
    await inBatch(async (batch) => {
      const inc = [batch.takeNumber('INC'), batch.takeNumber('INC')];
      expect(inc[0]).toBeGreaterThan(0);
      expect(inc[1]).toBe(inc[0]! + 1);
      expect(batch.takeNumber('INC')).toBeUndefined();
      expect(batch.takeNumber('CHG')).toBeGreaterThan(0);
      expect(batch.takeNumber('REQ')).toBeUndefined();
    });
  });

  it('locks the articles and configuration items its pushes read, and no others', async () => {
    h = await openTestDatabase('postgres');
    const record = (entity: string, id: string) => ({
      entity,
      id,
      user_id: null,
      updated_at: 1,
      data: JSON.stringify({ id }),
    });
    await h.db.kysely
      .insertInto('records')
      .values([
        record('article', 'A1'),
        record('article', 'A2'),
        record('ci', 'C1'),
        record('ci', 'A1'),
      ])
      .execute();
    /** The records another transaction can lock now (skipping those held). */
    const free = () =>
      h.db.kysely.transaction().execute(async (other) => {
        const { rows } = await sql<{ key: string }>`
          select entity || ':' || id as key from records order by key for update skip locked
        `.execute(other);
        return rows.map((r) => r.key);
      });
    expect(await free()).toEqual(['article:A1', 'article:A2', 'ci:A1', 'ci:C1']);
    await h.db.kysely.transaction().execute(async (trx) => {
      const batch = await PushBatch.open(trx, [
        { clientId: 'c1', ticketIds: [], records: [{ entity: 'ci', id: 'C1' }], numbers: [] },
        {
          clientId: 'c2',
          ticketIds: [],
          records: [
            { entity: 'article', id: 'A1' },
            { entity: 'ci', id: 'C1' },
          ],
          numbers: [],
        },
      ]);
      // Held from the batch's first statement until COMMIT; the same id as a CI is not.
      expect(await free()).toEqual(['article:A2', 'ci:A1']);
      await batch.close(trx);
    });
    expect(await free()).toEqual(['article:A1', 'article:A2', 'ci:A1', 'ci:C1']);
  });
});
