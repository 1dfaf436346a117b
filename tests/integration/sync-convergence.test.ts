import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DIALECTS } from '../fixtures/hub-fixture';
import { checkInvariants, quiesce } from './sync/invariants';
import { startSyncHub } from './sync/sync-hub';
import { buildWorld, runAction, type Action } from './sync/world';

/**
 * The deterministic fault harness of SYNC.md: the real hub over real HTTP,
 * 3–10 clients running the real client sync code on fake IndexedDB, driven
 * by fast-check action sequences with faults (offline stretches, clock skew,
 * dropped requests and responses, duplicated and reordered pushes, hub
 * restarts and crashes mid-batch, killed and wiped clients, access changes,
 * log compaction). After quiescence every invariant must hold.
 *
 * OUTPOST_SYNC_RUNS raises the number of runs; a failure prints the command
 * that replays exactly that run.
 */
const RUNS = Number(process.env.OUTPOST_SYNC_RUNS ?? 200);
const SEED = process.env.OUTPOST_SYNC_SEED ? Number(process.env.OUTPOST_SYNC_SEED) : undefined;
const PATH = process.env.OUTPOST_SYNC_PATH;

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      c: fc.nat(9),
      queue: fc.nat(2),
      impact: fc.constantFrom(1 as const, 2 as const, 3 as const),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      c: fc.nat(9),
      t: fc.nat(20),
      field: fc.constantFrom(
        'title' as const,
        'impact' as const,
        'urgency' as const,
        'category' as const,
      ),
      v: fc.nat(20),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      c: fc.nat(9),
      t: fc.nat(20),
      queue: fc.nat(2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      c: fc.nat(9),
      t: fc.nat(20),
      u: fc.nat(3),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('transition' as const),
      c: fc.nat(9),
      t: fc.nat(20),
      to: fc.nat(4),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      c: fc.nat(9),
      t: fc.nat(20),
      internal: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('work' as const),
      c: fc.nat(9),
      t: fc.nat(20),
      minutes: fc.integer({ min: 1, max: 240 }),
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('sync' as const), c: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('offline' as const), c: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('online' as const), c: fc.nat(9) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('fault' as const),
      c: fc.nat(9),
      fault: fc.constantFrom(
        'drop-request' as const,
        'drop-response' as const,
        'duplicate' as const,
      ),
      on: fc.constantFrom(
        'push' as const,
        'push' as const,
        'pull' as const,
        'bootstrap' as const,
        'any' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('replay' as const), c: fc.nat(9), back: fc.nat(5) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('skew' as const),
      c: fc.nat(9),
      days: fc.integer({ min: -3, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.integer({ min: 1, max: 600 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), c: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wipe' as const), c: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('crash' as const),
      c: fc.nat(9),
      after: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('access' as const),
      u: fc.nat(3),
      queues: fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
);

describe.each(DIALECTS)('sync convergence under faults (%s)', (dialect) => {
  it(`converges in ${RUNS} seeded runs of 3–10 clients`, async () => {
    const property = fc.asyncProperty(
      fc.integer({ min: 3, max: 10 }),
      fc.array(actionArb, { minLength: 5, maxLength: 40 }),
      async (clientCount, actions) => {
        const hub = await startSyncHub(dialect);
        try {
          const world = await buildWorld(hub, clientCount);
          for (const a of actions) await runAction(world, a);
          await quiesce(world);
          await checkInvariants(world);
        } finally {
          await hub.close();
        }
      },
    );
    try {
      await fc.assert(property, {
        numRuns: RUNS,
        ...(SEED !== undefined && { seed: SEED }),
        ...(PATH && { path: PATH, endOnFailure: true }),
        // Shrinking re-runs whole scenarios; keep it bounded.
        interruptAfterTimeLimit: 15 * 60_000,
      });
    } catch (e) {
      const text = String((e as Error).message);
      const seed = /seed: (-?\d+)/.exec(text)?.[1];
      const path = /path: "([^"]*)"/.exec(text)?.[1];
      throw new Error(
        `${text}\n\nReplay this run with:\n  OUTPOST_SYNC_SEED=${seed} OUTPOST_SYNC_PATH="${path}" npx vitest run tests/integration/sync-convergence.test.ts -t "${dialect}"\n`,
        { cause: e },
      );
    }
  });
});
