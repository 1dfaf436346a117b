import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutpostDb, type OutpostDb } from '../../db/database';
import { derivedSlaOf } from '../../db/derived-sla';
import { ticketPackOf } from '../../db/ticket-packs';
import type { Ticket } from '../../../shared/domain/ticket';
import { applyConfirmedChanges, syncTables } from '../../sync/local-store';
import { createRowStore, type QueueRowStore } from './row-store';
import { SNAPSHOT_KEY } from './row-snapshot';
import { H, ids, storeWith, T0, ticket } from './testing';

const open: OutpostDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const immediate = {
  setTimeout: (fn: () => void) => setTimeout(fn, 0),
  clearTimeout: (h: unknown) => clearTimeout(h as number),
};

const tickets = [
  ticket({ n: 1, priority: 2 }),
  ticket({ n: 2, state: 'closed' }),
  ticket({ n: 3, state: 'in_progress', assigneeId: ids.agentA }),
  ticket({ n: 4, state: 'resolved' }),
];

const setup = async () => {
  const db = await storeWith(tickets);
  open.push(db);
  return db;
};
/** A second database object on the same store: what another tab would write through. */
const sameStore = async (db: OutpostDb) => {
  const [, origin, user] = /^outpost:(.*):([^:]+)$/.exec(db.name)!;
  const other = openOutpostDb(origin!, user!, undefined, { now: () => T0 + 2 * H });
  open.push(other);
  await other.open();
  return other;
};
const labels = (s: QueueRowStore) => [...s.rows.values()].map((r) => r.label).sort();
/** The labels of the store's open rows, after checking they are exactly its rows that are open. */
const openLabels = (s: QueueRowStore) => {
  const open = [...s.rows.values()].filter((r) => r.open);
  expect([...s.openRows.values()].sort((a, b) => a.label.localeCompare(b.label))).toEqual(
    open.sort((a, b) => a.label.localeCompare(b.label)),
  );
  return open.map((r) => r.label);
};

describe('the queue row store', () => {
  it('loads the open tickets first, then the rest', async () => {
    const db = await setup();
    const store = createRowStore(db, { chunk: 1, timers: immediate });
    await store.loaded('open');
    expect(labels(store)).toEqual(expect.arrayContaining(['INC0000001', 'INC0000003']));
    await store.loaded('all');
    expect(labels(store)).toEqual(['INC0000001', 'INC0000002', 'INC0000003', 'INC0000004']);
    expect(store.view().status).toEqual({ loaded: 'all', progress: null, error: null });
    const p2 = store.rows.get(tickets[0]!.id)!;
    expect(p2).toMatchObject({ open: true, slaPhase: 'running', priority: 2 });
    expect(new Date(p2.slaDueAt!).toISOString()).toBe('2025-03-03T17:00:00.000Z');
  });

  it('follows writes made through the same database at once, without re-reading', async () => {
    const db = await setup();
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    const seen = vi.fn();
    store.subscribe(seen);
    const read = vi.spyOn(db.tickets, 'bulkGet');
    await db.tickets.put({ ...tickets[0]!, title: 'VPN down for all of sales' });
    await db.tickets.delete(tickets[1]!.id);
    await store.settled();
    expect(store.rows.get(tickets[0]!.id)?.title).toBe('VPN down for all of sales');
    expect(store.rows.has(tickets[1]!.id)).toBe(false);
    expect(read).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
  });

  it("shows a local edit's preview at once, keeps it out of snapshots, and takes it back if withdrawn", async () => {
    const db = await setup();
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    await store.save();
    const handle = derivedSlaOf(db)!;
    const before = store.rows.get(tickets[0]!.id)!;
    const fresh = ticket({ n: 7, title: 'Created, not yet committed' });

    const settle = handle.preview([{ ...tickets[0]!, title: 'Previewed title' }, fresh]);
    expect(store.rows.get(tickets[0]!.id)?.title).toBe('Previewed title');
    expect(store.rows.get(fresh.id)?.title).toBe('Created, not yet committed');
    // A snapshot taken now would keep a row that may never be written.
    await store.save();
    const saved = await db.localCache.get(SNAPSHOT_KEY);
    await db.tickets.put({ ...tickets[2]!, title: 'Written meanwhile' });
    await store.save();
    expect(await db.localCache.get(SNAPSHOT_KEY)).toEqual(saved);

    settle(false);
    expect(store.rows.get(tickets[0]!.id)).toBe(before);
    expect(store.rows.has(fresh.id)).toBe(false);
    // Nothing in flight any more: the next save writes.
    await store.save();
    expect(await db.localCache.get(SNAPSHOT_KEY)).not.toEqual(saved);
  });

  it('lets the committed write replace a preview, which a late withdrawal then leaves alone', async () => {
    const db = await setup();
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    const settle = derivedSlaOf(db)!.preview([{ ...tickets[0]!, title: 'Previewed' }]);
    await db.tickets.put({ ...tickets[0]!, title: 'Committed' });
    expect(store.rows.get(tickets[0]!.id)?.title).toBe('Committed');
    settle(false);
    expect(store.rows.get(tickets[0]!.id)?.title).toBe('Committed');
  });

  it('keeps its open rows apart, through loads, edits, previews, deletions and other tabs', async () => {
    const db = await setup();
    const store = createRowStore(db, { chunk: 1, timers: immediate });
    await store.loaded('open');
    expect(openLabels(store)).toEqual(['INC0000001', 'INC0000003']);
    await store.loaded('all');
    expect(openLabels(store)).toEqual(['INC0000001', 'INC0000003']);
    // Closed, reopened, deleted.
    await db.tickets.put({ ...tickets[0]!, state: 'closed' });
    await db.tickets.put({ ...tickets[3]!, state: 'in_progress' });
    await db.tickets.delete(tickets[2]!.id);
    expect(openLabels(store)).toEqual(['INC0000004']);
    // A preview that closes it, withdrawn: open again.
    const settle = derivedSlaOf(db)!.preview([{ ...tickets[3]!, state: 'closed' }]);
    expect(openLabels(store)).toEqual([]);
    settle(false);
    expect(openLabels(store)).toEqual(['INC0000004']);
    // Another tab opens a new one.
    const other = await sameStore(db);
    await other.tickets.put(ticket({ n: 9 }));
    await store.settled();
    expect(openLabels(store)).toEqual(['INC0000004', 'INC0000009']);
    // Reloaded from scratch (from the snapshot): the same.
    await store.save();
    store.retry();
    await store.loaded('all');
    expect(openLabels(store)).toEqual(['INC0000004', 'INC0000009']);
  });

  it('reads in what another tab wrote', async () => {
    const db = await setup();
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    const other = await sameStore(db);
    await other.tickets.put(ticket({ n: 9, title: 'Written elsewhere' }));
    await other.tickets.delete(tickets[0]!.id);
    await store.settled();
    expect(store.rows.get(ticket({ n: 9 }).id)?.title).toBe('Written elsewhere');
    expect(store.rows.has(tickets[0]!.id)).toBe(false);
  });

  it('tells a view which rows changed since the version it read, by any path', async () => {
    const db = await setup();
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    await store.settled();
    const read = store.view().version;
    expect(store.changedSince(read)!.size).toBe(0);
    const settle = derivedSlaOf(db)!.preview([{ ...tickets[0]!, title: 'Previewed' }]);
    expect([...store.changedSince(read)!]).toEqual([tickets[0]!.id]);
    settle(false);
    await db.tickets.delete(tickets[1]!.id);
    const other = await sameStore(db);
    await other.tickets.put({ ...tickets[2]!, title: 'Written elsewhere' });
    await store.settled();
    expect([...store.changedSince(read)!].sort()).toEqual(
      [tickets[0]!.id, tickets[1]!.id, tickets[2]!.id].sort(),
    );
    // A view that read later is told only what came after.
    await store.settled();
    const later = store.view().version;
    await db.tickets.put({ ...tickets[3]!, title: 'Last' });
    expect([...store.changedSince(later)!]).toEqual([tickets[3]!.id]);
    // Reloaded from scratch: no list of changes can cover that.
    store.retry();
    expect(store.changedSince(later)).toBeNull();
  });

  it('starts from its snapshot next time, with what changed since applied', async () => {
    const db = await setup();
    const first = createRowStore(db, { timers: immediate });
    await first.loaded('all');
    await first.save();
    expect(await db.localCache.get(SNAPSHOT_KEY)).toBeTruthy();

    // Meanwhile (no store open): one ticket changes, one is removed, one is added.
    await db.tickets.put({ ...tickets[2]!, title: 'Changed while closed' });
    await db.tickets.delete(tickets[3]!.id);
    await db.tickets.put(ticket({ n: 5, title: 'New while closed' }));

    const fullReads = vi.spyOn(db.tickets, 'orderBy');
    const next = createRowStore(db, { timers: immediate });
    await next.loaded('all');
    await vi.waitFor(() => expect(next.rows.size).toBe(4));
    expect(fullReads).not.toHaveBeenCalledWith(':id');
    expect(next.rows.get(tickets[2]!.id)?.title).toBe('Changed while closed');
    expect(next.rows.has(tickets[3]!.id)).toBe(false);
    expect(next.rows.get(ticket({ n: 5 }).id)?.title).toBe('New while closed');
  });

  it('from its snapshot, lets open queues paint before re-reading what was written since', async () => {
    const db = await setup();
    const first = createRowStore(db, { timers: immediate });
    await first.loaded('all');
    await first.save();
    await db.tickets.put({ ...tickets[0]!, title: 'Changed after the snapshot' });

    // Hold the catch-up read (rows by localSeq) until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const where = db.tickets.where.bind(db.tickets);
    vi.spyOn(db.tickets, 'where').mockImplementation(((index: string) => {
      const clause = where(index);
      if (index !== 'localSeq') return clause;
      return {
        above: (seq: number) => ({
          limit: (n: number) => ({
            toArray: async () => {
              await held;
              return clause.above(seq).limit(n).toArray();
            },
          }),
        }),
      };
    }) as never);

    const next = createRowStore(db, { timers: immediate });
    await next.loaded('open');
    expect(next.view().status.loaded).toBe('open');
    expect(labels(next)).toEqual(['INC0000001', 'INC0000002', 'INC0000003', 'INC0000004']);
    expect(next.rows.get(tickets[0]!.id)?.title).not.toBe('Changed after the snapshot');
    release();
    await next.loaded('all');
    expect(next.rows.get(tickets[0]!.id)?.title).toBe('Changed after the snapshot');
  });

  it('picks up recomputed SLA fields when a calendar changes', async () => {
    const db = await setup();
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    const before = store.rows.get(tickets[0]!.id)!.slaDueAt;
    const cal = (await db.calendars.toArray()).find((c) => c.timeZone === 'Europe/London')!;
    await db.calendars.put({ ...cal, holidays: ['2025-03-03'] });
    await derivedSlaOf(db)!.idle();
    await store.settled();
    const after = store.rows.get(tickets[0]!.id)!.slaDueAt;
    expect(after).not.toBe(before);
    // Monday is now a holiday: 8 business hours run Tuesday 09:00–17:00.
    expect(new Date(after!).toISOString()).toBe('2025-03-04T17:00:00.000Z');
  });

  it('holds packed tickets as rows: loaded, replaced by a newer row, back when it goes, gone when removed', async () => {
    const db = await setup();
    const six = ticket({ n: 6, state: 'closed', title: 'Packed six' });
    const packs = (list: Ticket[]) =>
      db.transaction('rw', db.ticketPacks, db.tickets, async () => {
        await db.ticketPacks.put(ticketPackOf(list));
      });
    await packs([six, ticket({ n: 7, state: 'cancelled' })]);
    const store = createRowStore(db, { timers: immediate });
    await store.loaded('all');
    expect(labels(store)).toEqual([
      'INC0000001',
      'INC0000002',
      'INC0000003',
      'INC0000004',
      'INC0000006',
      'INC0000007',
    ]);
    expect(store.rows.get(six.id)).toMatchObject({ title: 'Packed six', open: false });

    await db.tickets.put({ ...six, title: 'Row six' });
    expect(store.rows.get(six.id)?.title).toBe('Row six');
    // The row goes where the packs are seen (a bootstrap, a rebase): the packed copy shows again.
    await db.transaction('rw', db.tickets, db.ticketPacks, async () => {
      await db.tickets.delete(six.id);
    });
    expect(store.rows.get(six.id)?.title).toBe('Packed six');
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [{ seq: 1, entity: 'ticket', op: 'remove', id: six.id }]);
    });
    expect(store.rows.has(six.id)).toBe(false);
    // Its own pack writes are not read again; another tab's pack is.
    const fullReads = vi.spyOn(db.tickets, 'toCollection');
    await packs([ticket({ n: 9, state: 'closed', title: 'Packed here' })]);
    await store.settled();
    expect(store.rows.get(ticket({ n: 9 }).id)?.title).toBe('Packed here');
    expect(fullReads).not.toHaveBeenCalled();
    const other = await sameStore(db);
    await other.transaction('rw', other.ticketPacks, other.tickets, async () => {
      await other.ticketPacks.put(ticketPackOf([ticket({ n: 10, state: 'closed' })]));
    });
    await vi.waitFor(() => expect(store.rows.has(ticket({ n: 10 }).id)).toBe(true));

    // Next start: from the snapshot, with a pack written since read in.
    await store.save();
    await packs([ticket({ n: 8, state: 'rejected', title: 'Packed after' })]);
    const next = createRowStore(db, { timers: immediate });
    await next.loaded('all');
    await next.settled();
    expect(labels(next)).toEqual([
      'INC0000001',
      'INC0000002',
      'INC0000003',
      'INC0000004',
      'INC0000007',
      'INC0000008',
      'INC0000009',
      'INC0000010',
    ]);
  });

  it('reports a failed read and recovers on retry', async () => {
    const db = await setup();
    const get = vi.spyOn(db.localCache, 'get').mockRejectedValueOnce(new Error('disk is full'));
    const store = createRowStore(db, { timers: immediate, onError: () => undefined });
    await store.loaded('all');
    expect(store.view().status.error).toBe('The local tickets could not be read: disk is full');
    get.mockRestore();
    store.retry();
    await store.loaded('all');
    expect(store.view().status.error).toBeNull();
    expect(store.rows.size).toBe(4);
  });
});
