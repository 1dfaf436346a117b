import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabaseHandle } from '../../../tests/fixtures/hub-fixture';
import { MAX_GROUP, WriteGroup, type Sharing } from './write-group';

let h: TestDatabaseHandle;
afterEach(async () => h?.cleanup());

const meta =
  (key: string, value: string) => (trx: Parameters<Parameters<WriteGroup['run']>[0]>[0]) =>
    trx.insertInto('meta').values({ key, value }).execute();

const stored = async (keys: string[]) =>
  (await h.db.kysely.selectFrom('meta').select('key').where('key', 'in', keys).execute()).map(
    (r) => r.key,
  );

describe('write group (SQLite group commit)', () => {
  it('commits the works of one event-loop turn together, and those arriving while it runs next', async () => {
    h = await openTestDatabase('sqlite');
    const group = new WriteGroup(h.db);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = group.run(async (trx) => {
      await meta('first', '1')(trx);
      started();
      await held;
      return 'first';
    });
    const second = group.run(async (trx) => {
      await meta('second', '2')(trx);
      return 'second';
    });
    await running;
    const rest = ['a', 'b', 'c'].map((k) =>
      group.run(async (trx) => {
        await meta(k, k)(trx);
        return k;
      }),
    );
    release();
    expect(await Promise.all([first, second, ...rest])).toEqual(['first', 'second', 'a', 'b', 'c']);
    expect(group.sizes).toEqual([2, 3]);
    expect((await stored(['first', 'second', 'a', 'b', 'c'])).sort()).toEqual([
      'a',
      'b',
      'c',
      'first',
      'second',
    ]);
  });

  it('rolls back a failing work alone; the others of its group are written', async () => {
    h = await openTestDatabase('sqlite');
    const group = new WriteGroup(h.db);
    const first = group.run(meta('kept-1', '1'));
    const failing = group.run(async (trx) => {
      await meta('undone', '1')(trx);
      throw new Error('refused half way');
    });
    const after = group.run(meta('kept-2', '2'));
    await first;
    await expect(failing).rejects.toThrow('refused half way');
    await after;
    expect(group.sizes).toEqual([3]);
    expect((await stored(['kept-1', 'undone', 'kept-2'])).sort()).toEqual(['kept-1', 'kept-2']);
  });

  it('commits a burst in transactions of at most MAX_GROUP works', async () => {
    h = await openTestDatabase('sqlite');
    const group = new WriteGroup(h.db);
    const keys = Array.from({ length: MAX_GROUP + 6 }, (_, i) => `burst-${i}`);
    await Promise.all(keys.map((k) => group.run(meta(k, k))));
    expect(group.sizes).toEqual([MAX_GROUP, 6]);
    expect(await stored(keys)).toHaveLength(keys.length);
  });

  it('fails a work that runs alone with its own transaction, which writes nothing', async () => {
    h = await openTestDatabase('sqlite');
    const group = new WriteGroup(h.db);
    const alone = group.run(async (trx) => {
      await meta('alone', '1')(trx);
      throw new Error('refused');
    });
    await expect(alone).rejects.toThrow('refused');
    expect(group.sizes).toEqual([1]);
    expect(await stored(['alone'])).toEqual([]);
  });

  it('fails every work of a group whose transaction fails, and writes none of them', async () => {
    h = await openTestDatabase('sqlite');
    const group = new WriteGroup(h.db);
    const ok = group.run(meta('lost-1', '1'));
    // Ends the transaction under the group: its savepoint and commit then fail.
    const breaking = group.run(async (trx) => {
      await sql`ROLLBACK`.execute(trx);
    });
    const after = group.run(meta('lost-2', '2'));
    await expect(ok).rejects.toThrow();
    await expect(breaking).rejects.toThrow();
    await expect(after).rejects.toThrow();
    expect(group.sizes).toEqual([3]);
    expect(await stored(['lost-1', 'lost-2'])).toEqual([]);
    // The group goes on with the next works.
    await group.run(meta('later', '1'));
    expect(await stored(['later'])).toEqual(['later']);
  });
});

describe('write group on PostgreSQL', () => {
  it('runs each work in a transaction of its own (PostgreSQL runs them side by side)', async () => {
    h = await openTestDatabase('postgres');
    const group = new WriteGroup(h.db);
    const failing = group.run(async (trx) => {
      await meta('pg-undone', '1')(trx);
      throw new Error('refused');
    });
    const ok = group.run(meta('pg-kept', '1'));
    await expect(failing).rejects.toThrow('refused');
    await ok;
    expect(group.sizes).toEqual([]);
    expect(await stored(['pg-undone', 'pg-kept'])).toEqual(['pg-kept']);
  });
});

describe('write group on PostgreSQL with sharing', () => {
  /** Works defer meta rows to the group's close, which writes them in one statement. */
  interface Shared {
    needs: string[];
    deferred: { key: string; value: string }[];
  }
  const opened: string[][] = [];
  const sharing: Sharing<Shared, string> = {
    key: (need) => need,
    open: async (trx, needs) => {
      await sql`select 1`.execute(trx);
      opened.push([...needs]);
      return { needs: [...needs], deferred: [] };
    },
    close: async (trx, shared) => {
      if (shared.deferred.length > 0)
        await trx.insertInto('meta').values(shared.deferred).execute();
    },
  };
  const defer = (key: string) => async (_trx: unknown, shared: Shared | null) => {
    shared!.deferred.push({ key, value: key });
    return key;
  };

  it('shares one transaction, one open and one close among the works of a turn; a key waits for the next', async () => {
    h = await openTestDatabase('postgres');
    opened.length = 0;
    const group = new WriteGroup(h.db, sharing);
    const done = await Promise.all([
      group.run(defer('s-a'), 'client-a'),
      group.run(defer('s-b'), 'client-b'),
      group.run(defer('s-a2'), 'client-a'),
    ]);
    expect(done).toEqual(['s-a', 's-b', 's-a2']);
    // The second work of client-a waits for the next transaction.
    expect(group.sizes).toEqual([2, 1]);
    expect(opened).toEqual([['client-a', 'client-b'], ['client-a']]);
    expect((await stored(['s-a', 's-b', 's-a2'])).sort()).toEqual(['s-a', 's-a2', 's-b']);
  });

  it('rolls a failed group back and runs each work again alone: only the failing one fails', async () => {
    h = await openTestDatabase('postgres');
    opened.length = 0;
    const group = new WriteGroup(h.db, sharing);
    const first = group.run(async (trx, shared) => {
      // Written at once, then rolled back with the group, then written again.
      await meta('f-direct', '1')(trx);
      return defer('f-first')(trx, shared);
    }, 'c1');
    const failing = group.run(async (trx, shared) => {
      await defer('f-failing')(trx, shared);
      throw new Error('refused');
    }, 'c2');
    const last = group.run(defer('f-last'), 'c3');
    await expect(failing).rejects.toThrow('refused');
    expect(await first).toBe('f-first');
    expect(await last).toBe('f-last');
    expect(group.sizes).toEqual([3]);
    expect(opened).toEqual([['c1', 'c2', 'c3'], ['c1'], ['c2'], ['c3']]);
    expect((await stored(['f-direct', 'f-first', 'f-failing', 'f-last'])).sort()).toEqual([
      'f-direct',
      'f-first',
      'f-last',
    ]);
  });

  it('fails a lone work whose close fails, and writes nothing of it', async () => {
    h = await openTestDatabase('postgres');
    await h.db.kysely.insertInto('meta').values({ key: 'taken', value: '0' }).execute();
    const group = new WriteGroup(h.db, sharing);
    const clash = group.run(async (trx, shared) => {
      await meta('clash-direct', '1')(trx);
      return defer('taken')(trx, shared);
    }, 'c1');
    await expect(clash).rejects.toThrow();
    expect(await stored(['clash-direct'])).toEqual([]);
  });
});
