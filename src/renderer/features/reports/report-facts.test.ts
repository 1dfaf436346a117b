import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutpostDb } from '../../db/database';
import { ticketPackOf } from '../../db/ticket-packs';
import { rowStoreFor } from '../queues/row-store';
import { storeWith } from '../queues/testing';
import { computeFacts, createFactsCache, localSlaReference, type FactsCache } from './report-facts';
import { H, reportTicket, reportTickets, QA } from './testing';

/**
 * The facts cache over a real local store (fake IndexedDB, derived SLA
 * fields on): what it reads again, and what it keeps, between two reports.
 */
const now = Date.UTC(2025, 5, 20, 12);
let db: OutpostDb;
afterEach(() => db?.close());

const setup = async () => {
  db = await storeWith(reportTickets(now), now);
  const rows = rowStoreFor(db);
  await rows.loaded('all');
  const cache = createFactsCache();
  const run = async (at: number, c: FactsCache = cache) =>
    (await computeFacts(db, rows.rows, c, await localSlaReference(db), {
      nowMs: at,
      timeZone: 'UTC',
      chunk: 3,
      pause: () => Promise.resolve(),
    }))!;
  const reads = vi.spyOn(db.tickets, 'bulkGet');
  const readIds = () => reads.mock.calls.flatMap(([keys]) => keys as string[]);
  return { rows, cache, run, reads, readIds };
};

const byNumber = (facts: { id: string }[]) =>
  Object.fromEntries(facts.map((f) => [Number(f.id.slice(-4)) - 5000, f]));

describe('report facts', () => {
  it('reads every ticket once, in chunks, and measures it with the local SLA reference', async () => {
    const s = await setup();
    const progress: Array<[number, number]> = [];
    const first = await computeFacts(db, s.rows.rows, s.cache, await localSlaReference(db), {
      nowMs: now,
      timeZone: 'UTC',
      chunk: 3,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(first!.facts).toHaveLength(8);
    expect(first!.problems).toEqual([]);
    expect(progress).toEqual([
      [3, 8],
      [6, 8],
      [8, 8],
    ]);
    const f = byNumber(first!.facts);
    // T2: 6 h wall, 1 h 30 m on hold; T6's P3 definition and London calendar came from the store.
    expect(f[2]).toMatchObject({ timeToResolveMs: 4.5 * H, resolutionMade: false });
    expect(f[6]).toMatchObject({ open: true, responseMade: false, resolutionMade: false });
  });

  it('gives packed tickets the same facts, read by id or in one pass over the store', async () => {
    const s = await setup();
    const before = byNumber((await s.run(now, createFactsCache())).facts);
    const packed = (await db.tickets.toArray()).slice(0, 5);
    await db.transaction('rw', db.tickets, db.ticketPacks, async () => {
      await db.ticketPacks.put(ticketPackOf(packed));
      await db.tickets.bulkDelete(packed.map((t) => t.id));
    });
    expect(await db.tickets.count()).toBe(3);
    for (const wholeScanAbove of [0, 1_000]) {
      const run = await computeFacts(
        db,
        s.rows.rows,
        createFactsCache(),
        await localSlaReference(db),
        {
          nowMs: now,
          timeZone: 'UTC',
          chunk: 3,
          pause: () => Promise.resolve(),
          wholeScanAbove,
        },
      );
      expect(byNumber(run!.facts)).toEqual(before);
    }
  });

  it('a later report re-reads nothing unchanged and recomputes open tickets at the new time', async () => {
    const s = await setup();
    expect(byNumber((await s.run(now)).facts)[5]).toMatchObject({ resolutionMade: null });
    s.reads.mockClear();
    const later = await s.run(now + 2 * H);
    expect(s.reads).not.toHaveBeenCalled();
    // T5 was 3 h into a 4 h target; two hours on, it has breached.
    expect(byNumber(later.facts)[5]).toMatchObject({ ageMs: 5 * H, resolutionMade: false });
    expect(later.asOf).toBe(now + 2 * H);
  });

  it('reads again a ticket that changed, and drops one that was deleted', async () => {
    const s = await setup();
    await s.run(now);
    s.reads.mockClear();
    const resolved = reportTicket(now, {
      n: 5,
      ago: 3 * H,
      queueId: QA,
      category: 'Hardware',
      script: [
        [H, 'respond'],
        [H, 'in_progress'],
        [2 * H, 'resolved'],
      ],
    });
    await db.tickets.put(resolved);
    await db.tickets.delete(reportTickets(now)[7]!.id);
    await s.rows.settled();
    const next = await s.run(now);
    expect(s.readIds()).toEqual([resolved.id]);
    expect(next.facts).toHaveLength(7);
    expect(byNumber(next.facts)[5]).toMatchObject({ resolved: true, timeToResolveMs: 2 * H });
    expect(byNumber(next.facts)[8]).toBeUndefined();
  });

  it('starts over when the SLA reference changes, and stops when no longer wanted', async () => {
    const s = await setup();
    await s.run(now);
    s.reads.mockClear();
    const ref = await localSlaReference(db);
    const other = { ...ref, definitions: [], fp: `${ref.fp}-other` };
    const run = await computeFacts(db, s.rows.rows, s.cache, other, {
      nowMs: now,
      timeZone: 'UTC',
    });
    expect(s.readIds()).toHaveLength(8);
    expect(run!.facts.every((f) => f.responseMade === null)).toBe(true);
    const stopped = await computeFacts(db, s.rows.rows, createFactsCache(), ref, {
      nowMs: now,
      timeZone: 'UTC',
      wanted: () => false,
    });
    expect(stopped).toBeNull();
  });
});
