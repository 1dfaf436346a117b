/**
 * What every benchmark reports (PERFORMANCE.md): a figure next to a baseline
 * measured in the same run on the same machine, because absolute times on a
 * shared 2-core machine move from run to run while ratios hold.
 */
export type Scale = 'small' | 'full';

export interface Figure {
  /** What was measured, e.g. "bootstrap 100k tickets: wall time". */
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is compared with. */
  baseline: { name: string; value: number } | null;
  /** value / baseline.value (how many times the baseline). */
  ratio: number | null;
  /** The PERFORMANCE.md budget and whether this run met it. Informational: never fails a run. */
  budget?: { text: string; met: boolean } | null;
  /** Every repetition when `value` is their median. */
  samples?: number[];
  note?: string;
}

export interface BenchContext {
  scale: Scale;
  /** Progress lines for the person watching (stderr). */
  log(message: string): void;
}

/** One entry of the registry in tests/bench/run.ts. */
export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Nearest-rank percentile (p in 0..100) of a sample. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
};

/** Rounds to a few significant digits so tables and JSON stay readable. */
export const round = (x: number, digits = 3): number => {
  if (!Number.isFinite(x) || x === 0) return x;
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(x * factor) / factor;
};

export interface FigureInput {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number } | null;
  budget?: { text: string; met: boolean } | null;
  samples?: readonly number[];
  note?: string;
}

/** Builds a figure, computing the ratio to its baseline. */
export const figure = (f: FigureInput): Figure => ({
  name: f.name,
  value: round(f.value),
  unit: f.unit,
  baseline: f.baseline ? { name: f.baseline.name, value: round(f.baseline.value) } : null,
  ratio:
    f.baseline && f.baseline.value !== 0 && Number.isFinite(f.baseline.value)
      ? round(f.value / f.baseline.value)
      : null,
  ...(f.budget !== undefined && { budget: f.budget }),
  ...(f.samples && { samples: f.samples.map((s) => round(s)) }),
  ...(f.note !== undefined && { note: f.note }),
});

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** A fixed-width table: figure, value, baseline, ratio, budget. */
export function formatTable(results: readonly { bench: string; figures: readonly Figure[] }[]) {
  const rows: string[][] = [['bench', 'figure', 'value', 'baseline (same run)', 'ratio', 'budget']];
  for (const r of results) {
    for (const f of r.figures) {
      rows.push([
        r.bench,
        f.name,
        `${f.value} ${f.unit}`,
        f.baseline ? `${f.baseline.value} ${f.unit} (${f.baseline.name})` : '',
        f.ratio === null ? '' : `${f.ratio}×`,
        f.budget ? `${f.budget.met ? 'ok' : 'OVER'}: ${f.budget.text}` : '',
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
    .join('\n')
    .concat('\n');
}
