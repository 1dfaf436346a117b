import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { globalAudience } from './audience';
import { appendChanges, currentSeq, SEQ_AT_COMMIT, type PendingChange } from './change-log';

const change = (id: string): PendingChange => ({
  entity: 'user',
  id,
  op: 'put',
  data: JSON.stringify({ id }),
  audience: globalAudience(),
});

/** A promise with its resolve, to hold a transaction open until the test says so. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

const logged = async (handle: TestDatabaseHandle): Promise<[number, string][]> =>
  (
    await handle.db.kysely
      .selectFrom('changes')
      .select(['seq', 'entity_id'])
      .orderBy('seq')
      .execute()
  ).map((r): [number, string] => [Number(r.seq), r.entity_id]);

describe.each(DIALECTS)('change log (%s)', (dialect) => {
  let handle: TestDatabaseHandle;
  afterEach(async () => handle?.cleanup());

  it('numbers one transaction’s changes in the order they were written, after the newest', async () => {
    handle = await openTestDatabase(dialect);
    const k = handle.db.kysely;
    const before = await currentSeq(k);
    const written = await k
      .transaction()
      .execute((trx) => appendChanges(trx, [change('a'), change('b'), change('c')], 1));
    expect(written).toBe(dialect === 'postgres' ? SEQ_AT_COMMIT : before + 3);
    // After COMMIT the newest seq is the last one written (what the poke bus reads).
    expect(await currentSeq(k)).toBe(before + 3);
    expect((await logged(handle)).slice(-3)).toEqual([
      [before + 1, 'a'],
      [before + 2, 'b'],
      [before + 3, 'c'],
    ]);
    expect(await k.transaction().execute((trx) => appendChanges(trx, [], 1))).toBeNull();
  });

  it.runIf(dialect === 'postgres')(
    'gives the transaction that commits first the smaller seqs, whichever wrote first, and holds no seq while it runs',
    async () => {
      handle = await openTestDatabase(dialect);
      const k = handle.db.kysely;
      const before = await currentSeq(k);
      const slow = gate();
      const wrote = gate();
      // The first writer appends, then stays open (a hub busy elsewhere).
      const first = k.transaction().execute(async (trx) => {
        await appendChanges(trx, [change('early-writer')], 1);
        wrote.open();
        await slow.opened;
      });
      await wrote.opened;
      // A second writer appends and commits meanwhile: it is not held up by the first…
      await k.transaction().execute((trx) => appendChanges(trx, [change('late-writer')], 2));
      // …and a reader sees its change with the next seq, no gap to fill later.
      expect((await logged(handle)).filter(([seq]) => seq > before)).toEqual([
        [before + 1, 'late-writer'],
      ]);
      expect(await currentSeq(k)).toBe(before + 1);
      slow.open();
      await first;
      expect((await logged(handle)).filter(([seq]) => seq > before)).toEqual([
        [before + 1, 'late-writer'],
        [before + 2, 'early-writer'],
      ]);
    },
  );

  it.runIf(dialect === 'postgres')(
    'leaves no change and no seq behind when the transaction rolls back',
    async () => {
      handle = await openTestDatabase(dialect);
      const k = handle.db.kysely;
      const before = await currentSeq(k);
      await expect(
        k.transaction().execute(async (trx) => {
          await appendChanges(trx, [change('undone')], 1);
          throw new Error('refused later in the transaction');
        }),
      ).rejects.toThrow('refused later');
      expect(await currentSeq(k)).toBe(before);
      expect((await logged(handle)).filter(([seq]) => seq > before)).toEqual([]);
      await k.transaction().execute((trx) => appendChanges(trx, [change('next')], 2));
      expect((await logged(handle)).filter(([seq]) => seq > before)).toEqual([
        [before + 1, 'next'],
      ]);
    },
  );
});
