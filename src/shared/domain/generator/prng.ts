/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so the data set is the same
 * for the same seed on every machine and in every runtime. Math.random would make
 * benchmarks and bug reports impossible to reproduce.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T;
  /** A log-normal duration around `medianMs` (spread σ in log space): long tails, like real work. */
  logNormal(medianMs: number, sigma: number): number;
  /** A fresh, independent stream derived from this one (for a sub-generator). */
  fork(label: string): Rng;
}

const splitmix32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
};

/** FNV-1a of a string, to turn text seeds and fork labels into numbers. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

export const createRng = (seed: number | string): Rng => {
  const sm = splitmix32(typeof seed === 'string' ? hashString(seed) : seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => u32() / 4294967296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) {
        r -= w;
        if (r < 0) return v;
      }
      return pairs[pairs.length - 1]![0];
    },
    logNormal: (median, sigma) => {
      // Box–Muller; 1 − next() keeps the logarithm finite.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
    fork: (label) => createRng((u32() ^ hashString(label)) >>> 0),
  };
  return rng;
};

/**
 * A UUIDv7 from a given time and the PRNG: time-ordered like the ids clients make
 * (so generated tickets index like real ones) but reproducible.
 */
export const seededUuidV7 = (rng: Rng, ms: number): string => {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const time = hex(Math.floor(ms), 12);
  const r = () => Math.floor(rng.next() * 0x10000);
  const variant = (0x8000 | (r() & 0x3fff)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(r() & 0xfff, 3)}-${variant}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`;
};
