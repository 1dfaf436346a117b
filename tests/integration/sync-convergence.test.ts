import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkInvariants, quiesce } from './sync/invariants';
import { actionArb } from './sync/actions';
import { ENV, verdict } from './sync/replay';
import { runAction } from './sync/run-action';
import { buildWorld, worldTemplate, type WorldTemplate } from './sync/world';

/**
 * The deterministic fault harness of SYNC.md: the real hub over real HTTP,
 * 3–10 clients running the real client sync code on fake IndexedDB, driven
 * by fast-check action sequences with faults (offline stretches of minutes
 * to weeks, expired sessions, clock skew, dropped, duplicated, raced and
 * reordered requests, several clients syncing at once, hub restarts and
 * crashes mid-batch, killed and wiped clients, access changes, log
 * compaction, auto-close). After quiescence every invariant must hold.
 *
 * On PostgreSQL two hub instances share the database and the clients are
 * split between them, so seq allocation in commit order and the client-row
 * lock are exercised by truly concurrent transactions.
 *
 * OUTPOST_SYNC_RUNS raises the number of runs, OUTPOST_SYNC_MINUTES the
 * time allowed for them; a failure, or runs left undone when the time is up,
 * prints the command that replays exactly that seed.
 */
const RUNS = Number(process.env[ENV.runs] ?? 200);
const MINUTES = Number(process.env[ENV.minutes] ?? 12);
const SEED = process.env[ENV.seed] ? Number(process.env[ENV.seed]) : undefined;
const PATH = process.env[ENV.path];
/** A run that hangs (a deadlock, a request nobody answers) fails instead of stalling CI. */
const RUN_TIMEOUT_MS = 120_000;

const suites = [
  { dialect: 'sqlite', instances: 1, suite: 'sqlite' },
  { dialect: 'postgres', instances: 2, suite: 'postgres' },
] as const;

describe.each(suites)('sync convergence under faults ($suite)', ({ dialect, instances, suite }) => {
  const timings: number[] = [];
  let template: WorldTemplate;
  beforeAll(async () => {
    template = await worldTemplate(dialect, instances);
  });
  afterAll(async () => {
    await template?.dispose();
    if (timings.length === 0) return;
    const total = timings.reduce((a, b) => a + b, 0);
    console.info(
      `[sync-convergence ${suite}] ${timings.length} runs in ${(total / 1000).toFixed(1)} s (slowest ${(Math.max(...timings) / 1000).toFixed(1)} s)`,
    );
  });

  it(
    `converges in ${RUNS} seeded runs of 3–10 clients${instances > 1 ? ` on ${instances} hubs` : ''}`,
    async () => {
      const property = fc.asyncProperty(
        fc.integer({ min: 3, max: 10 }),
        // 'medium': lengths spread over 5–40 (the default keeps most runs under 15 steps).
        fc.array(actionArb, { minLength: 5, maxLength: 40, size: 'medium' }),
        async (clientCount, actions) => {
          const started = performance.now();
          const { hub, directory } = await template.start();
          try {
            const world = await buildWorld(hub, clientCount, directory);
            for (const a of actions) await runAction(world, a);
            await quiesce(world);
            await checkInvariants(world);
          } finally {
            await hub.close();
            timings.push(performance.now() - started);
          }
        },
      );
      const details = await fc.check(property, {
        numRuns: RUNS,
        ...(SEED !== undefined && { seed: SEED }),
        ...(PATH && { path: PATH, endOnFailure: true }),
        timeout: RUN_TIMEOUT_MS,
        // Shrinking re-runs whole scenarios; keep it bounded, and count runs
        // left undone when the time is up as a failure, not a pass.
        interruptAfterTimeLimit: MINUTES * 60_000,
        markInterruptAsFailure: true,
      });
      const failure = verdict(details, {
        runs: PATH ? 1 : RUNS,
        suite,
        minutes: MINUTES,
      });
      if (failure) throw new Error(failure, { cause: details.errorInstance });
    },
    // Above the run budget: the run in progress when time is up may still finish and shrink a bit.
    (MINUTES + 4) * 60_000,
  );
});
