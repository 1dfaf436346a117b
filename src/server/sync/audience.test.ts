import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import type { Actor } from '../../shared/domain/actor';
import type { QueueId, UserId } from '../../shared/ids';
import type { DbExecutor } from '../storage/schema';
import {
  canSee,
  childAudience,
  compiledPerReader,
  globalAudience,
  ticketAudience,
  userAudience,
  visibleTo,
  type Audience,
} from './audience';
import { appendChanges } from './change-log';

const reader = (userId: string, roles: Actor['roles'], queueIds: string[] = []): Actor => ({
  userId: userId as UserId,
  roles,
  queueIds: queueIds as QueueId[],
});

const ticket = (queueId: string, requesterId: string) =>
  ticketAudience({ queueId: queueId as QueueId, requesterId: requesterId as UserId });

/** A change for each kind of audience, in queues q1..q3, requested by r1 or r2. */
const audiences: [string, Audience][] = [
  ['q1 by r1', ticket('q1', 'r1')],
  ['q2 by r2', ticket('q2', 'r2')],
  ['q3 by r1', ticket('q3', 'r1')],
  ['q1 internal note', childAudience(ticket('q1', 'r1'), true)],
  ['q2 public comment', childAudience(ticket('q2', 'r2'), false)],
  ['global', globalAudience()],
  ['global internal', globalAudience(true)],
  ['conflict of a1', userAudience('a1')],
  ['conflict of r2', userAudience('r2')],
];

/** Readers of every shape, two of the same shape (staff, two queues) with different queues. */
const readers: [string, Actor][] = [
  ['admin', reader('ad', ['admin'])],
  ['a1 on q1, q2', reader('a1', ['agent'], ['q1', 'q2'])],
  ['a2 on q2, q3', reader('a2', ['agent', 'lead'], ['q2', 'q3'])],
  ['a3 on q3', reader('a3', ['agent'], ['q3'])],
  ['a4 on no queue', reader('a4', ['agent'])],
  ['r1', reader('r1', ['requester'])],
  ['r2', reader('r2', ['requester'], ['q2'])],
];

const visibleIds = (db: DbExecutor, who: Actor, after: number) =>
  db
    .selectFrom('changes')
    .select('entity_id')
    .where('seq', '>', after)
    .where(visibleTo(who))
    .orderBy('seq');

describe.each(DIALECTS)(
  'reader filters (visibleTo, compiledPerReader, canSee) on %s',
  (dialect) => {
    let h: TestDatabaseHandle;
    afterEach(async () => h?.cleanup());

    it('give each reader what visibleTo gives them; compiled once per shape', async () => {
      h = await openTestDatabase(dialect);
      const k = h.db.kysely;
      const before = await k
        .selectFrom('changes')
        .select((eb) => eb.fn.max('seq').as('max'))
        .executeTakeFirst();
      const after = Number(before?.max ?? 0);
      await k.transaction().execute((trx) =>
        appendChanges(
          trx,
          audiences.map(([id, audience]) => ({
            entity: 'ticket',
            id,
            op: 'put',
            data: '{}',
            audience,
          })),
          1,
        ),
      );
      let builds = 0;
      const compiled = compiledPerReader((db: DbExecutor, who: Actor, from: number) => {
        builds++;
        return visibleIds(db, who, from);
      });
      // Twice round, so every reader after the first of its shape runs a statement built for another.
      for (const round of [1, 2]) {
        for (const [name, who] of readers) {
          const expected = (await visibleIds(k, who, after).execute()).map((r) => r.entity_id);
          const got = (await compiled(k, who, after)).map((r) => r.entity_id);
          expect({ round, name, got }).toEqual({ round, name, got: expected });
        }
      }
      expect(builds).toBe(5);
      // canSee, which decides whom a commit pokes, agrees with the SQL for every reader.
      for (const [name, who] of readers) {
        const expected = (await visibleIds(k, who, after).execute()).map((r) => r.entity_id);
        const seenInJs = audiences.filter(([, a]) => canSee(who, a)).map(([id]) => id);
        expect({ name, seenInJs }).toEqual({ name, seenInJs: expected });
      }
      // What the shapes decide, spelled out for two readers that share one.
      const seen = async (who: Actor) => (await compiled(k, who, after)).map((r) => r.entity_id);
      expect(await seen(readers[1]![1])).toEqual([
        'q1 by r1',
        'q2 by r2',
        'q1 internal note',
        'q2 public comment',
        'global',
        'global internal',
        'conflict of a1',
      ]);
      expect(await seen(readers[2]![1])).toEqual([
        'q2 by r2',
        'q3 by r1',
        'q2 public comment',
        'global',
        'global internal',
      ]);
    });
  },
);
