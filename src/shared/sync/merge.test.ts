import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserId } from '../ids';
import { formatHlc, type Hlc } from './hlc';
import {
  mergeField,
  sameValue,
  stampAuthors,
  type CurrentField,
  type IncomingField,
} from './merge';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const ana = 'ana' as UserId;
const bob = 'bob' as UserId;
const cat = 'cat' as UserId;
const h = (ms: number, node = 'n1', counter = 0): Hlc =>
  formatHlc({ wallMs: T0 + ms, counter, nodeId: node });

describe('mergeField', () => {
  it('a sequential edit (base = current stamp) wins without a conflict', () => {
    const r = mergeField(
      { value: 'Printer jam', stamp: { hlc: h(0), by: ana } },
      { value: 'Printer jam on floor 3', hlc: h(10, 'n2'), by: bob, base: h(0) },
    );
    expect(r).toMatchObject({
      value: 'Printer jam on floor 3',
      changed: true,
      lost: null,
      winnerBy: bob,
    });
    expect(r.stamp).toEqual({ hlc: h(10, 'n2'), by: bob });
  });

  it('a newer concurrent edit overwrites and reports the overwritten value to its author', () => {
    const r = mergeField(
      { value: 'A', stamp: { hlc: h(5, 'n1'), by: ana } },
      { value: 'B', hlc: h(10, 'n2'), by: bob, base: h(0) },
    );
    expect(r.value).toBe('B');
    expect(r.lost).toEqual({
      value: 'A',
      by: ana,
      authors: [ana],
      hlc: h(5, 'n1'),
      side: 'current',
    });
  });

  it('an older concurrent edit loses and is reported to the incoming author', () => {
    const r = mergeField(
      { value: 'A', stamp: { hlc: h(10, 'n1'), by: ana } },
      { value: 'B', hlc: h(5, 'n2'), by: bob, base: h(0) },
    );
    expect(r).toMatchObject({ value: 'A', changed: false, winnerBy: ana });
    expect(r.lost).toEqual({
      value: 'B',
      by: bob,
      authors: [bob],
      hlc: h(5, 'n2'),
      side: 'incoming',
    });
  });

  it('ties on wall time and counter are broken by node id', () => {
    const cur: CurrentField<string> = { value: 'A', stamp: { hlc: h(5, 'aaa'), by: ana } };
    const r = mergeField(cur, { value: 'B', hlc: h(5, 'bbb'), by: bob, base: null });
    expect(r.value).toBe('B');
  });

  it('a duplicate delivery of the stored write changes nothing and reports nothing', () => {
    const r = mergeField(
      { value: 'A', stamp: { hlc: h(5), by: ana } },
      { value: 'A', hlc: h(5), by: ana, base: h(0) },
    );
    expect(r).toMatchObject({ changed: false, lost: null });
  });

  it('concurrent writes of the same value are not a conflict', () => {
    const r = mergeField(
      { value: ['vpn', 'urgent'], stamp: { hlc: h(5, 'n1'), by: ana } },
      { value: ['vpn', 'urgent'], hlc: h(9, 'n2'), by: bob, base: h(0) },
    );
    expect(r.lost).toBeNull();
  });

  it('a field never stamped accepts the first write', () => {
    const r = mergeField({ value: null }, { value: 'x', hlc: h(1), by: ana, base: null });
    expect(r).toMatchObject({ value: 'x', changed: true, lost: null });
  });

  it('applying concurrent writes in any order ends in the same value and winning write, and no write vanishes', () => {
    const write = fc.record({
      value: fc.oneof(
        fc.string({ maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constant(null),
      ),
      wall: fc.integer({ min: 0, max: 20 }),
      counter: fc.integer({ min: 0, max: 2 }),
      node: fc.constantFrom('n1', 'n2', 'n3', 'n4'),
    });
    fc.assert(
      fc.property(
        // Distinct stamps: two writes never share one (the node id is in the stamp).
        fc.uniqueArray(write, {
          minLength: 1,
          maxLength: 6,
          selector: (w) => `${w.wall}-${w.counter}-${w.node}`,
        }),
        fc.func(fc.integer()),
        (writes, shuffleKey) => {
          const incoming = writes.map<IncomingField<unknown>>((w) => ({
            value: w.value,
            hlc: h(w.wall, w.node, w.counter),
            by: w.node as UserId,
            base: null,
          }));
          const run = (order: IncomingField<unknown>[]) => {
            const reported: Array<{ value: unknown; authors: UserId[] }> = [];
            const end = order.reduce<CurrentField<unknown>>(
              (cur, inc) => {
                const r = mergeField(cur, inc);
                if (r.lost) reported.push(r.lost);
                return { value: r.value, stamp: r.stamp };
              },
              { value: 'initial' },
            );
            return { end, reported };
          };
          const shuffled = [...incoming].sort(
            (a, b) => shuffleKey(a.hlc) - shuffleKey(b.hlc) || (a.hlc < b.hlc ? -1 : 1),
          );
          const outcomes = [incoming, [...incoming].reverse(), shuffled].map(run);
          // The survivor is the write with the greatest stamp, whatever the order.
          const max = [...incoming].sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0]!;
          for (const { end, reported } of outcomes) {
            expect(end.value).toEqual(max.value);
            expect(end.stamp).toMatchObject({ hlc: max.hlc, by: max.by });
            // Co-authors depend on arrival order (the hub's order decides), but every
            // write either stands in the final stamp or was reported to its author.
            const standing = stampAuthors(end.stamp!);
            for (const w of incoming) {
              const told = reported.some(
                (l) => sameValue(l.value, w.value) && l.authors.includes(w.by),
              );
              const stands = sameValue(end.value, w.value) && standing.includes(w.by);
              expect(told || stands, `${w.by}'s ${JSON.stringify(w.value)}`).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('two concurrent writes with different values always report exactly one loser', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (wa, wb) => {
        const a: IncomingField<string> = { value: 'a', hlc: h(wa, 'na'), by: ana, base: null };
        const b: IncomingField<string> = { value: 'b', hlc: h(wb, 'nb'), by: bob, base: null };
        const first = mergeField<string>({ value: 'start' }, a);
        const second = mergeField<string>({ value: first.value, stamp: first.stamp }, b);
        const winner = a.hlc > b.hlc ? a : b;
        const loser = winner === a ? b : a;
        expect(second.value).toBe(winner.value);
        expect(second.lost).toMatchObject({ value: loser.value, by: loser.by });
      }),
    );
  });
});

describe('mergeField: co-authors of one value', () => {
  // Ben and Dev set impact 1 without seeing each other's edit; Ana then sets 3 without
  // seeing either. Both Ben and Dev must hear that their 1 was overwritten.
  const ben = 'ben' as UserId;
  const dev = 'dev' as UserId;
  const seen = h(0);

  it('a newer write of the same value keeps the earlier author as a co-author', () => {
    const r = mergeField(
      { value: 1, stamp: { hlc: h(5, 'nb'), by: ben } },
      { value: 1, hlc: h(9, 'nd'), by: dev, base: seen },
    );
    expect(r).toMatchObject({ value: 1, changed: true, lost: null, winnerBy: dev });
    expect(r.stamp).toEqual({ hlc: h(9, 'nd'), by: dev, coAuthors: [ben] });
  });

  it('an older write of the same value joins the standing stamp as a co-author', () => {
    const r = mergeField(
      { value: 1, stamp: { hlc: h(9, 'nd'), by: dev } },
      { value: 1, hlc: h(5, 'nb'), by: ben, base: seen },
    );
    expect(r).toMatchObject({ value: 1, changed: true, lost: null, winnerBy: dev });
    expect(r.stamp).toEqual({ hlc: h(9, 'nd'), by: dev, coAuthors: [ben] });
  });

  it('a concurrent overwrite reports the value to every author on the stamp', () => {
    const r = mergeField(
      { value: 1, stamp: { hlc: h(9, 'nd'), by: dev, coAuthors: [ben] } },
      { value: 3, hlc: h(12, 'na'), by: ana, base: seen },
    );
    expect(r.value).toBe(3);
    expect(r.lost).toMatchObject({ value: 1, authors: [dev, ben], side: 'current' });
    expect(r.stamp).toEqual({ hlc: h(12, 'na'), by: ana });
  });

  it('the same arrivals in either order tell both authors', () => {
    const benWrite = { value: 1, hlc: h(5, 'nb'), by: ben, base: seen };
    const devWrite = { value: 1, hlc: h(9, 'nd'), by: dev, base: seen };
    const anaWrite = { value: 3, hlc: h(12, 'na'), by: ana, base: seen };
    for (const [first, second] of [
      [benWrite, devWrite],
      [devWrite, benWrite],
    ] as const) {
      const a = mergeField<number>({ value: 2 }, first);
      const b = mergeField<number>({ value: a.value, stamp: a.stamp }, second);
      const c = mergeField<number>({ value: b.value, stamp: b.stamp }, anaWrite);
      expect([...c.lost!.authors].sort()).toEqual([ben, dev]);
    }
  });

  it('an edit made on the co-authored stamp replaces it knowingly: no conflict, no co-authors', () => {
    const cur: CurrentField<number> = {
      value: 1,
      stamp: { hlc: h(9, 'nd'), by: dev, coAuthors: [ben] },
    };
    for (const value of [3, 1]) {
      const r = mergeField(cur, { value, hlc: h(12, 'na'), by: ana, base: h(9, 'nd') });
      expect(r.lost).toBeNull();
      expect(r.stamp).toEqual({ hlc: h(12, 'na'), by: ana });
    }
  });

  it('an author already on the stamp is not listed again, and the writer is never a co-author', () => {
    const cur: CurrentField<number> = {
      value: 1,
      stamp: { hlc: h(9, 'nd'), by: dev, coAuthors: [ben] },
    };
    for (const by of [dev, ben]) {
      const r = mergeField(cur, { value: 1, hlc: h(5, 'nx'), by, base: seen });
      expect(r).toMatchObject({ changed: false, stamp: cur.stamp, lost: null });
    }
    const later = mergeField(cur, { value: 1, hlc: h(11, 'nb2'), by: ben, base: seen });
    expect(later.stamp).toEqual({ hlc: h(11, 'nb2'), by: ben, coAuthors: [dev] });
    const third = mergeField(cur, { value: 1, hlc: h(4, 'nc'), by: cat, base: seen });
    expect(third.stamp).toEqual({ hlc: h(9, 'nd'), by: dev, coAuthors: [ben, cat] });
  });

  it('a stamp stored before co-authors existed (no key) merges as before', () => {
    const r = mergeField(
      { value: 1, stamp: { hlc: h(9, 'nd'), by: dev } },
      { value: 3, hlc: h(12, 'na'), by: ana, base: seen },
    );
    expect(r.lost).toMatchObject({ by: dev, authors: [dev] });
    expect(Object.keys(r.stamp!)).toEqual(['hlc', 'by']);
  });
});

describe('sameValue', () => {
  it('compares JSON-like values structurally', () => {
    expect(sameValue({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
  });
});
