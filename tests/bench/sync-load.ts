import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createRng } from '../../src/shared/domain/generator/prng';
import { newId } from '../../src/shared/ids';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol';
import { figure, percentile, type Bench, type BenchContext, type Figure } from './lib/figures';
import { signIn, type HubSession } from './lib/hub-client';
import { DIALECTS, startBenchHub, type BenchHub, type Dialect } from './lib/hub-target';
import { BENCH_PASSWORD, seededOrganisation, type SeededUser } from './lib/seed-cache';
import { cpuSecondsOfCommand } from './lib/processes';
import { httpText } from './lib/light-http';
import { SimClient, type SimStats } from './lib/sim-client';

/**
 * PERFORMANCE.md "hub: 50 clients, 10 mutations/s each: p95 push/pull < 100 ms,
 * zero errors", on SQLite and PostgreSQL. The hub runs in its own process;
 * 50 simulated agents (seeded agents, so their queues overlap like a real
 * desk's) run in this one, speaking the protocol the real engine speaks
 * (pushing each edit as it is made, pulling on every SSE poke) over plain
 * node:http, like the /health probe (lib/light-http.ts). Edits
 * are the agent mix (creates, field edits, comments, work logs, transitions)
 * on the tickets each agent's queues share.
 *
 * Baselines in the same run: GET /health round trips sampled under the same
 * load (what any request costs then), and one client alone on the idle hub.
 */
/** OUTPOST_BENCH_LOAD_CLIENTS sets the full run's count, to find where a machine saturates (the budget is for 50). */
const CLIENTS = { small: 8, full: Number(process.env.OUTPOST_BENCH_LOAD_CLIENTS ?? 50) } as const;
const RATE = 10;
const SECONDS = { small: 4, full: 60 } as const;
const SOLO_SECONDS = { small: 2, full: 10 } as const;
const SEEDED = { small: 200, full: 2000 } as const;
/** Open tickets created in each queue before the run, so every agent has shared work. */
const OPEN_PER_QUEUE = { small: 3, full: 10 } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The admin opens tickets in every queue (one push), like a morning's intake. */
async function openTickets(hub: BenchHub, admin: HubSession, perQueue: number) {
  const org = seededOrganisation();
  const now = Date.now();
  const mutations = org.queues.flatMap((q, qi) =>
    Array.from({ length: perQueue }, (_, i) => ({
      name: 'incident.create',
      version: 1,
      args: {
        id: newId(),
        title: `${q.name}: intake ticket ${i + 1}`,
        description: 'Opened before the load run so agents share work in every queue.',
        queueId: q.id,
        impact: 2,
        urgency: 2,
        requesterId: admin.actor.userId,
      },
      hlc: `${String(now).padStart(15, '0')}-${String(qi * perQueue + i).padStart(6, '0')}-setup`,
      createdAt: now,
    })),
  );
  const clientId = newId();
  for (let i = 0; i < mutations.length; i += 500) {
    const res = await fetch(`${hub.url}/sync/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: PROTOCOL_VERSION,
        clientId,
        mutations: mutations.slice(i, i + 500).map((m, j) => ({ ...m, id: i + j + 1 })),
      }),
    });
    if (res.status !== 200) throw new Error(`setup push: ${res.status} ${await res.text()}`);
  }
}

/** CLIENTS seeded agents picked at random (seeded), and who each may assign to. */
function pickAgents(n: number): { agent: SeededUser; assignees: string[] }[] {
  const org = seededOrganisation();
  const rng = createRng('sync-load');
  const pool = org.agents.filter((a) => !a.roles.includes('admin'));
  const picked: SeededUser[] = [];
  while (picked.length < n && pool.length > 0) {
    picked.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!);
  }
  return picked.map((agent) => ({
    agent,
    assignees: org.agents
      .filter((a) => a.queueIds.some((q) => agent.queueIds.includes(q)))
      .map((a) => a.id),
  }));
}

/** GET /health every 100 ms while `on()`; its latencies are the load's baseline. */
function healthProbe(url: string) {
  const ms: number[] = [];
  const errors: string[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await httpText(`${url}/health`);
        if (res.status !== 200) errors.push(`health: HTTP ${res.status}`);
        ms.push(performance.now() - t0);
      } catch (e) {
        errors.push(`health: ${(e as Error).message}`);
      }
      await sleep(100);
    }
  })();
  return {
    ms,
    errors,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

interface LoadResult {
  dialect: Dialect;
  clients: number;
  seconds: number;
  solo: SimStats;
  all: SimStats;
  healthMs: number[];
  hubCpuPercent: number;
  /** PostgreSQL's server processes (0 on SQLite, which runs inside the hub). */
  databaseCpuPercent: number;
  /** This process: the simulated clients, which share the machine with the hub. */
  clientsCpuPercent: number;
  loopDelayP99Ms: number;
}

const merge = (list: SimStats[]): SimStats => ({
  pushMs: list.flatMap((s) => s.pushMs),
  pullMs: list.flatMap((s) => s.pullMs),
  seenMs: list.flatMap((s) => s.seenMs),
  errors: list.flatMap((s) => s.errors),
  applied: list.reduce((n, s) => n + s.applied, 0),
  rejected: list.reduce((n, s) => n + s.rejected, 0),
  made: list.reduce((n, s) => n + s.made, 0),
});

async function measure(ctx: BenchContext, dialect: Dialect): Promise<LoadResult> {
  const { scale } = ctx;
  const hub = await startBenchHub(dialect, SEEDED[scale], ctx.log);
  const clients: SimClient[] = [];
  try {
    const org = seededOrganisation();
    const admin = await signIn(hub.url, org.admin.username, BENCH_PASSWORD);
    await openTickets(hub, admin, OPEN_PER_QUEUE[scale]);
    for (const [i, { agent, assignees }] of pickAgents(CLIENTS[scale]).entries()) {
      const session = await signIn(hub.url, agent.username, BENCH_PASSWORD);
      clients.push(new SimClient(hub.url, session, assignees, `load-${dialect}-${i}`));
    }
    // Baseline: one client alone on the otherwise idle hub (the others not yet
    // connected, so its commits poke and pull no one else).
    const solo = clients[0]!;
    await solo.start();
    solo.recording = true;
    solo.run(RATE);
    await sleep(SOLO_SECONDS[scale] * 1000);
    solo.recording = false;
    await solo.drain();
    const soloStats = solo.resetStats();
    await Promise.all(clients.slice(1).map((c) => c.start()));
    ctx.log(`  ${dialect}: ${clients.length} clients bootstrapped and listening for pokes`);

    const probe = healthProbe(hub.url);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = hub.cpuSeconds();
    const db0 = dialect === 'postgres' ? cpuSecondsOfCommand('postgres') : 0;
    const clients0 = process.cpuUsage();
    const t0 = performance.now();
    for (const c of clients) {
      c.recording = true;
      c.run(RATE);
    }
    await sleep(SECONDS[scale] * 1000);
    for (const c of clients) c.recording = false;
    const seconds = (performance.now() - t0) / 1000;
    const hubCpuPercent = ((hub.cpuSeconds() - cpu0) / seconds) * 100;
    const databaseCpuPercent =
      dialect === 'postgres' ? ((cpuSecondsOfCommand('postgres') - db0) / seconds) * 100 : 0;
    const used = process.cpuUsage(clients0);
    const clientsCpuPercent = ((used.user + used.system) / 1e6 / seconds) * 100;
    loop.disable();
    await probe.stop();
    await Promise.all(clients.map((c) => c.drain()));
    const all = merge(clients.map((c) => c.stats));
    all.errors.push(...probe.errors);
    return {
      dialect,
      clients: clients.length,
      seconds,
      solo: soloStats,
      all,
      healthMs: probe.ms,
      hubCpuPercent,
      databaseCpuPercent,
      clientsCpuPercent,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
  } finally {
    for (const c of clients) c.stop();
    await hub.close();
  }
}

function figures(r: LoadResult): Figure[] {
  const what = `${r.clients} clients × ${RATE} mutations/s, ${Math.round(r.seconds)} s (${r.dialect})`;
  const p = (xs: number[], q: number) => percentile(xs, q);
  const health = { name: '/health p95 under the same load', value: p(r.healthMs, 95) };
  const out: Figure[] = [];
  for (const kind of ['push', 'pull'] as const) {
    const xs = kind === 'push' ? r.all.pushMs : r.all.pullMs;
    const alone = kind === 'push' ? r.solo.pushMs : r.solo.pullMs;
    out.push(
      figure({
        name: `${what}: ${kind} p95 (${xs.length} requests)`,
        value: p(xs, 95),
        unit: 'ms',
        baseline: health,
        budget: r.clients >= 50 ? { text: 'p95 < 100 ms', met: p(xs, 95) < 100 } : null,
      }),
      figure({
        name: `${what}: ${kind} p95 vs one client alone`,
        value: p(xs, 95),
        unit: 'ms',
        baseline: { name: `${kind} p95, one client on an idle hub`, value: p(alone, 95) },
      }),
      figure({
        name: `${what}: ${kind} p50`,
        value: p(xs, 50),
        unit: 'ms',
        baseline: { name: '/health p50 under load', value: p(r.healthMs, 50) },
      }),
      figure({
        name: `${what}: ${kind} p99`,
        value: p(xs, 99),
        unit: 'ms',
        baseline: { name: '/health p99 under load', value: p(r.healthMs, 99) },
      }),
    );
  }
  const offered = r.clients * RATE;
  out.push(
    figure({
      name: `${what}: an edit shows on the clients that see its ticket, p95 (${r.all.seenMs.length} deliveries)`,
      value: p(r.all.seenMs, 95),
      unit: 'ms',
      baseline: {
        name: 'one client alone on an idle hub (its own edits coming back)',
        value: p(r.solo.seenMs, 95),
      },
      note: `from the edit being made (its HLC time, which the hub keeps as the ticket's updatedAt) until a client's pull brought it: waiting in the author's outbox, push, poke, pull; p50 ${p(r.all.seenMs, 50).toFixed(0)} ms`,
    }),
    figure({
      name: `${what}: errors`,
      value: r.all.errors.length,
      unit: 'count',
      baseline: null,
      budget: r.clients >= 50 ? { text: '0 errors', met: r.all.errors.length === 0 } : null,
      ...(r.all.errors.length > 0 && { note: [...new Set(r.all.errors)].slice(0, 5).join(' | ') }),
    }),
    figure({
      name: `${what}: mutations applied/s`,
      value: r.all.applied / r.seconds,
      unit: 'mutations/s',
      baseline: { name: 'offered rate', value: offered },
    }),
    figure({
      name: `${what}: refused by the rules (conflicts, not errors)`,
      value: r.all.rejected,
      unit: 'count',
      baseline: { name: 'mutations made', value: r.all.made },
    }),
    figure({
      name: `${what}: hub CPU`,
      value: r.hubCpuPercent,
      unit: '% of a core',
      baseline: null,
      note: `load generator event-loop delay p99 ${r.loopDelayP99Ms.toFixed(1)} ms`,
    }),
    // The clients run on the same machine as the hub (and PostgreSQL): when
    // the three together use every core, latencies include waiting for a CPU.
    figure({
      name: `${what}: CPU of hub + database + simulated clients`,
      value: r.hubCpuPercent + r.databaseCpuPercent + r.clientsCpuPercent,
      unit: '% of a core',
      baseline: { name: "the machine's cores", value: cpus().length * 100 },
      note: `hub ${r.hubCpuPercent.toFixed(0)} %, database ${r.dialect === 'postgres' ? `${r.databaseCpuPercent.toFixed(0)} %` : 'inside the hub'}, simulated clients ${r.clientsCpuPercent.toFixed(0)} %`,
    }),
  );
  return out;
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const dialect of DIALECTS) {
    const r = await measure(ctx, dialect);
    ctx.log(
      `  ${dialect}: push p95 ${percentile(r.all.pushMs, 95).toFixed(1)} ms (${r.all.pushMs.length}), ` +
        `pull p95 ${percentile(r.all.pullMs, 95).toFixed(1)} ms (${r.all.pullMs.length}), ` +
        `seen p95 ${percentile(r.all.seenMs, 95).toFixed(0)} ms, ` +
        `/health p95 ${percentile(r.healthMs, 95).toFixed(1)} ms, errors ${r.all.errors.length}, ` +
        `applied ${r.all.applied}, refused ${r.all.rejected}, hub CPU ${r.hubCpuPercent.toFixed(0)}%`,
    );
    out.push(...figures(r));
  }
  return out;
}

export const syncLoadBench: Bench = { name: 'sync-load', run };
