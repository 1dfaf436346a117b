import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable, type Bench, type Figure, type Scale } from './lib/figures';
import { REPO_ROOT } from './lib/seed-cache';
import { queuesBench } from './queues';
import { searchBench } from './search';
import { syncBootstrapBench } from './sync-bootstrap';
import { syncLoadBench } from './sync-load';
import { syncPushBench } from './sync-push';

/**
 * `npm run bench [-- --scale small|full] [--only name,name]`
 *
 * Runs the registered benchmarks one after another, prints a table of their
 * figures (each next to a baseline measured in the same run) and merges them
 * into bench-results.json by bench name. Benchmarks never assert wall-clock
 * limits: budgets are reported, not enforced. The exit code is non-zero only
 * when a benchmark could not run (an error, lost or mismatched data).
 *
 * To add a benchmark: export `{ name, run(ctx): Promise<Figure[]> }` from a
 * module in tests/bench and list it here.
 */
const registry: readonly Bench[] = [
  syncBootstrapBench,
  syncPushBench,
  syncLoadBench,
  searchBench,
  queuesBench,
];

interface BenchRecord {
  name: string;
  scale: Scale;
  ok: boolean;
  error?: string;
  seconds: number;
  finishedAt: string;
  figures: Figure[];
}

const HELP = `Usage: npm run bench -- [--scale small|full] [--only name[,name]] [--out file]
  --scale   small: tiny sizes that prove each bench works (CI); full: PERFORMANCE.md sizes
            (default: $OUTPOST_BENCH_SCALE or full)
  --only    run only these benchmarks: ${registry.map((b) => b.name).join(', ')}
  --out     results file (default bench-results.json in the repository root)
Hub benchmarks run on SQLite and PostgreSQL; OUTPOST_BENCH_DIALECTS=postgres (or sqlite) runs one.
OUTPOST_BENCH_LOAD_CLIENTS=N runs sync-load with N clients instead of 50 (to find where a machine saturates).
OUTPOST_BENCH_HUB_NODE_ARGS passes node flags to the benchmarked hub (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
OUTPOST_BENCH_PROFILE_DIR=dir saves a Chromium CPU profile of the queues bench's timed 20k-row scroll there
  (queues-scroll.cpuprofile; open it in Chrome DevTools' Performance panel).
OUTPOST_BENCH_TRACE_DIR=dir saves a Chromium trace of that scroll there (queues-scroll.trace.json) and logs
  the main thread's time per frame by phase (script, style, layout, paint).
OUTPOST_BENCH_POUCH=0 leaves PouchDB out of sync-bootstrap (it adds about five minutes), for A/B runs of Outpost.
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const scale = values.scale ?? process.env.OUTPOST_BENCH_SCALE ?? 'full';
  if (scale !== 'small' && scale !== 'full') {
    process.stderr.write(`bench: --scale must be small or full (got ${scale})\n`);
    return 2;
  }
  const only =
    values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  const unknown = only?.filter((n) => !registry.some((b) => b.name === n)) ?? [];
  if (unknown.length) {
    process.stderr.write(`bench: no benchmark named ${unknown.join(', ')}\n${HELP}`);
    return 2;
  }
  const selected = registry.filter((b) => !only || only.includes(b.name));
  const out = values.out ?? join(REPO_ROOT, 'bench-results.json');
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const records: BenchRecord[] = [];
  for (const bench of selected) {
    log(`\n▶ ${bench.name} (${scale})`);
    const started = Date.now();
    let record: BenchRecord;
    try {
      const figures = await bench.run({ scale, log: (m) => log(`[${bench.name}] ${m}`) });
      record = { name: bench.name, scale, ok: true, seconds: 0, finishedAt: '', figures };
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`✗ ${bench.name} failed: ${error}`);
      record = {
        name: bench.name,
        scale,
        ok: false,
        error,
        seconds: 0,
        finishedAt: '',
        figures: [],
      };
    }
    record.seconds = Math.round((Date.now() - started) / 100) / 10;
    record.finishedAt = new Date().toISOString();
    records.push(record);
    saveResults(out, records);
  }
  process.stdout.write(
    `\n${formatTable(records.map((r) => ({ bench: r.name, figures: r.figures })))}`,
  );
  const failed = records.filter((r) => !r.ok);
  if (failed.length) process.stderr.write(`\nFailed: ${failed.map((r) => r.name).join(', ')}\n`);
  process.stderr.write(`Results written to ${out}\n`);
  return failed.length ? 1 : 0;
}

/** Merges this run's records into the results file, replacing older runs of the same benches. */
function saveResults(file: string, records: readonly BenchRecord[]): void {
  let previous: BenchRecord[] = [];
  if (existsSync(file)) {
    try {
      previous =
        (JSON.parse(readFileSync(file, 'utf8')) as { benches?: BenchRecord[] }).benches ?? [];
    } catch {
      previous = [];
    }
  }
  const names = new Set(records.map((r) => r.name));
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const benches = [...previous.filter((r) => !names.has(r.name)), ...records];
  writeFileSync(file, `${JSON.stringify({ machine, benches }, null, 2)}\n`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
