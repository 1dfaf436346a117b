import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserId } from '../ids';
import { formatHlc, type Hlc } from './hlc';
import { mergeField, sameValue, type CurrentField, type IncomingField } from './merge';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const ana = 'ana' as UserId;
const bob = 'bob' as UserId;
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
    expect(r.lost).toEqual({ value: 'A', by: ana, hlc: h(5, 'n1'), side: 'current' });
  });

  it('an older concurrent edit loses and is reported to the incoming author', () => {
    const r = mergeField(
      { value: 'A', stamp: { hlc: h(10, 'n1'), by: ana } },
      { value: 'B', hlc: h(5, 'n2'), by: bob, base: h(0) },
    );
    expect(r).toMatchObject({ value: 'A', changed: false, winnerBy: ana });
    expect(r.lost).toEqual({ value: 'B', by: bob, hlc: h(5, 'n2'), side: 'incoming' });
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

  it('applying concurrent writes in any order ends in the same value and stamp', () => {
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
        (writes) => {
          const incoming = writes.map<IncomingField<unknown>>((w) => ({
            value: w.value,
            hlc: h(w.wall, w.node, w.counter),
            by: w.node as UserId,
            base: null,
          }));
          const run = (order: IncomingField<unknown>[]) =>
            order.reduce<CurrentField<unknown>>(
              (cur, inc) => {
                const r = mergeField(cur, inc);
                return { value: r.value, stamp: r.stamp };
              },
              { value: 'initial' },
            );
          const forward = run(incoming);
          const backward = run([...incoming].reverse());
          expect(backward).toEqual(forward);
          // The survivor is the write with the greatest stamp.
          const max = [...incoming].sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0]!;
          expect(forward.stamp?.hlc).toBe(max.hlc);
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

describe('sameValue', () => {
  it('compares JSON-like values structurally', () => {
    expect(sameValue({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
  });
});
