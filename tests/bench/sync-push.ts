import { buildBenchPage, launchChromium, openBenchPage, type BenchPage } from './lib/browser';
import { figure, median, type Bench, type BenchContext, type Figure } from './lib/figures';
import { DIALECTS, startBenchHub, type Dialect } from './lib/hub-target';
import { BENCH_PASSWORD, seededOrganisation, type SeededUser } from './lib/seed-cache';
import type { PushBacklogResult } from './lib/sync-bench-api';

/**
 * PERFORMANCE.md "push of an offline backlog, 1,000 mutations: < 2 s", on
 * SQLite and PostgreSQL. In Chromium, with the real client (Dexie store with
 * the app's derived-SLA middleware,
 * outbox, journal, sync engine): an agent bootstraps, queues 1,000 edits
 * while not syncing (creates, field edits, comments, work logs,
 * transitions), then one sync round pushes them and pulls until the hub has
 * acknowledged all. Timed: that round. Baseline in the same run, same page,
 * same hub: the same kind of backlog sent one mutation per HTTP request (the
 * same engine with pushBatch 1: the naive approach).
 */
const COUNT = { small: 100, full: 1000 } as const;
const REPS = { small: 1, full: 3 } as const;
/** Tickets already on the hub, so edits land on a realistic database. */
const SEEDED = { small: 200, full: 2000 } as const;
const BATCHED = 200; // the engine's default push batch
const NAIVE = 1;

/** A Service Desk lead: works the busiest queue, may reassign. */
function pickAgent(): { agent: SeededUser; assignees: string[] } {
  const org = seededOrganisation();
  const desk = org.queues.find((q) => q.name === 'Service Desk')!;
  const agent = org.agents.find(
    (a) => a.roles.includes('lead') && !a.roles.includes('admin') && a.queueIds.includes(desk.id),
  )!;
  const assignees = org.agents
    .filter((a) => a.queueIds.some((q) => agent.queueIds.includes(q)))
    .map((a) => a.id);
  return { agent, assignees };
}

async function measure(
  ctx: BenchContext,
  page: BenchPage,
  dialect: Dialect,
  assignees: string[],
): Promise<{ batched: PushBacklogResult[]; naive: PushBacklogResult[] }> {
  const out = { batched: [] as PushBacklogResult[], naive: [] as PushBacklogResult[] };
  for (let rep = 0; rep < REPS[ctx.scale]; rep++) {
    const order = rep % 2 === 0 ? (['batched', 'naive'] as const) : (['naive', 'batched'] as const);
    for (const kind of order) {
      const dbName = `bench-push-${dialect}-${kind}-${rep}-${Date.now()}`;
      const backlog = await page.call('prepareBacklog', {
        dbName,
        count: COUNT[ctx.scale],
        seed: dbName,
        assignees,
        pushBatch: kind === 'batched' ? BATCHED : NAIVE,
      });
      await page.collectGarbage();
      const r = await page.call('pushBacklog', dbName);
      await page.call('deleteDatabase', dbName);
      await page.call('deleteDatabase', `${dbName}:journal`);
      ctx.log(
        `  ${dialect} ${kind} #${rep + 1}: ${(r.ms / 1000).toFixed(2)} s for ${backlog.pending} (${JSON.stringify(backlog.mix)}); ` +
          `push ${(r.pushMs / 1000).toFixed(2)} s in ${r.pushRequests} requests, pull ${(r.pullMs / 1000).toFixed(2)} s in ${r.pullRequests}; ` +
          `${r.conflicts} refused, ${r.remaining} left`,
      );
      if (r.remaining !== 0) throw new Error(`${r.remaining} mutations were not acknowledged`);
      if (r.conflicts !== 0) {
        throw new Error(`the hub refused ${r.conflicts} mutations of a single offline agent`);
      }
      out[kind].push(r);
    }
  }
  return out;
}

function figures(dialect: Dialect, count: number, r: Awaited<ReturnType<typeof measure>>) {
  const s = (xs: PushBacklogResult[], f: (x: PushBacklogResult) => number) => xs.map(f);
  const batched = s(r.batched, (x) => x.ms / 1000);
  const naive = s(r.naive, (x) => x.ms / 1000);
  const v = median(batched);
  const what = `push ${count.toLocaleString('en')} offline mutations (${dialect})`;
  return [
    figure({
      name: `${what}: until acknowledged by a pull`,
      value: v,
      unit: 's',
      baseline: { name: 'one mutation per HTTP request', value: median(naive) },
      samples: batched,
      budget: count >= 1000 ? { text: '< 2 s', met: v < 2 } : null,
    }),
    figure({
      name: `${what}: of which push requests`,
      value: median(s(r.batched, (x) => x.pushMs / 1000)),
      unit: 's',
      baseline: {
        name: 'push requests, one per mutation',
        value: median(s(r.naive, (x) => x.pushMs / 1000)),
      },
    }),
    figure({
      name: `${what}: mutations/s`,
      value: count / v,
      unit: 'mutations/s',
      baseline: { name: 'one per HTTP request', value: count / median(naive) },
    }),
  ];
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const { agent, assignees } = pickAgent();
  const page = await buildBenchPage();
  const browser = await launchChromium({ bypassCSP: true });
  const out: Figure[] = [];
  try {
    for (const dialect of DIALECTS) {
      const hub = await startBenchHub(dialect, SEEDED[ctx.scale], ctx.log, page.dir);
      try {
        const bench = await openBenchPage(browser, hub.url);
        await bench.call('login', agent.username, BENCH_PASSWORD);
        const r = await measure(ctx, bench, dialect, assignees);
        out.push(...figures(dialect, COUNT[ctx.scale], r));
        await bench.page.close();
      } finally {
        await hub.close();
      }
    }
    return out;
  } finally {
    await browser.close();
    await page.cleanup();
  }
}

export const syncPushBench: Bench = { name: 'sync-push', run };
