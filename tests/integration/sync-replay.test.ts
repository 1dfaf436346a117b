import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayCommand, verdict } from './sync/replay';

/**
 * What the convergence suite prints when it fails: the one command that
 * replays the seed, and that command really replays the same counterexample.
 */
describe('sync convergence failure report', () => {
  const expectations = { runs: 200, suite: 'postgres', minutes: 12 };
  const envOf = (command: string) =>
    Object.fromEntries(
      [...command.matchAll(/(OUTPOST_SYNC_\w+)=("[^"]*"|\S+)/g)].map((m) => [
        m[1]!,
        m[2]!.replace(/^"|"$/g, ''),
      ]),
    );

  it('names the seed and path of a counterexample, and replaying them finds it again', () => {
    const property = fc.property(fc.array(fc.nat(100)), (xs) => xs.every((x) => x < 90));
    const details = fc.check(property, { seed: 4242, numRuns: 200 });
    const message = verdict(details, expectations);
    expect(message).toContain('Convergence failed after');
    expect(message).toContain(`Counterexample: ${JSON.stringify(details.counterexample)}`);
    const command = message!.split('\n').at(-1)!.trim();
    expect(command).toBe(
      `OUTPOST_SYNC_SEED=4242 OUTPOST_SYNC_PATH="${details.counterexamplePath}" npx vitest run tests/integration/sync-convergence.test.ts -t "postgres"`,
    );

    const env = envOf(command);
    const replay = fc.check(property, {
      seed: Number(env.OUTPOST_SYNC_SEED),
      path: env.OUTPOST_SYNC_PATH,
      endOnFailure: true,
    });
    expect(replay.failed).toBe(true);
    expect(replay.counterexample).toEqual(details.counterexample);
  });

  it('fails loudly when the time limit left required runs undone, with the seed to rerun', () => {
    const details = fc.check(
      fc.property(fc.nat(), () => true),
      { seed: 77, numRuns: 200, interruptAfterTimeLimit: 0, markInterruptAsFailure: true },
    );
    const message = verdict(details, expectations);
    expect(message).toMatch(/only 0 of the 200 required runs finished within 12 min/);
    expect(message).toContain('OUTPOST_SYNC_MINUTES');
    expect(message!.split('\n').at(-1)!.trim()).toBe(
      'OUTPOST_SYNC_SEED=77 OUTPOST_SYNC_RUNS=200 npx vitest run tests/integration/sync-convergence.test.ts -t "postgres"',
    );
  });

  it('passes only when every required run passed', () => {
    const details = fc.check(
      fc.property(fc.nat(), () => true),
      { seed: 1, numRuns: 200 },
    );
    expect(verdict(details, expectations)).toBeNull();
    expect(verdict({ ...details, numRuns: 150 }, expectations)).toMatch(
      /150 of the 200 required runs were checked/,
    );
  });

  it('quotes the path so the shell passes it through whole', () => {
    expect(replayCommand({ suite: 'sqlite', seed: -12, path: '3:1:0' })).toBe(
      'OUTPOST_SYNC_SEED=-12 OUTPOST_SYNC_PATH="3:1:0" npx vitest run tests/integration/sync-convergence.test.ts -t "sqlite"',
    );
  });
});
