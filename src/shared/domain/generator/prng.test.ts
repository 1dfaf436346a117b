import { describe, expect, it } from 'vitest';
import { isUuid } from '../../ids';
import { createRng, hashString, seededUuidV7 } from './prng';

const take = (seed: number | string, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('seeded PRNG', () => {
  it('repeats for the same seed and differs for another', () => {
    expect(take(42, 20)).toEqual(take(42, 20));
    expect(take('outpost', 20)).toEqual(take('outpost', 20));
    expect(take(42, 20)).not.toEqual(take(43, 20));
    expect(hashString('a')).not.toBe(hashString('b'));
  });

  it('stays in range and covers it evenly', () => {
    const rng = createRng(1);
    const counts = [0, 0, 0, 0, 0, 0];
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 60_000; i++) {
      const x = rng.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      counts[rng.int(0, 5)]!++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // Each face of a fair die within 5 % of 10,000.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('picks by weight, never picks from nothing, and draws log-normal around the median', () => {
    const rng = createRng(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
    expect(() => rng.pick([])).toThrow(/empty/);
    const draws = Array.from({ length: 10_001 }, () => rng.logNormal(100, 0.8)).sort(
      (a, b) => a - b,
    );
    expect(draws[5000]).toBeGreaterThan(90);
    expect(draws[5000]).toBeLessThan(110);
    expect(draws[0]).toBeGreaterThan(0);
  });

  it('forks independent but reproducible streams', () => {
    const a = createRng(5);
    const b = createRng(5);
    const fa = a.fork('x');
    const fb = b.fork('x');
    expect([fa.next(), fa.next()]).toEqual([fb.next(), fb.next()]);
    expect(createRng(5).fork('x').next()).not.toBe(createRng(5).fork('y').next());
  });

  it('makes time-ordered UUIDv7 ids', () => {
    const rng = createRng(3);
    const t = Date.UTC(2025, 0, 1);
    const a = seededUuidV7(rng, t);
    const b = seededUuidV7(rng, t + 1);
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('7');
    expect('89ab').toContain(a[19]);
    expect(a.slice(0, 13).replace('-', '')).toBe(t.toString(16).padStart(12, '0'));
    expect(a < b).toBe(true);
  });
});
