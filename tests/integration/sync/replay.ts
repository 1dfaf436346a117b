import type { RunDetails } from 'fast-check';

/** The environment variables the convergence suite reads. */
export const ENV = {
  runs: 'OUTPOST_SYNC_RUNS',
  seed: 'OUTPOST_SYNC_SEED',
  path: 'OUTPOST_SYNC_PATH',
  minutes: 'OUTPOST_SYNC_MINUTES',
} as const;

export const SUITE_FILE = 'tests/integration/sync-convergence.test.ts';

export interface ReplayTarget {
  /** The text `-t` must match to pick this suite only, e.g. "(sqlite)". */
  suite: string;
  seed: number;
  /** fast-check's path to one counterexample; absent to replay the whole sequence of runs. */
  path?: string;
  /** Runs to ask for when replaying a whole sequence. */
  runs?: number;
}

/** The one shell command that replays a seed of the convergence suite. */
export function replayCommand(t: ReplayTarget): string {
  const env = [`${ENV.seed}=${t.seed}`];
  if (t.path) env.push(`${ENV.path}="${t.path}"`);
  else if (t.runs !== undefined) env.push(`${ENV.runs}=${t.runs}`);
  return `${env.join(' ')} npx vitest run ${SUITE_FILE} -t "${t.suite}"`;
}

/**
 * What a finished fast-check check means for CI: null when every required
 * run passed, else the message to fail with. A counterexample and a time-out
 * that left runs undone both fail, and both name the command that replays them.
 */
export function verdict(
  details: Pick<
    RunDetails<unknown>,
    'failed' | 'interrupted' | 'numRuns' | 'seed' | 'counterexamplePath' | 'counterexample'
  > & { errorInstance?: unknown },
  expect: { runs: number; suite: string; minutes: number },
): string | null {
  if (details.failed && details.counterexample !== null) {
    const cause =
      details.errorInstance instanceof Error
        ? details.errorInstance.message
        : String(details.errorInstance ?? 'the property returned false');
    const command = replayCommand({
      suite: expect.suite,
      seed: details.seed,
      ...(details.counterexamplePath !== null && { path: details.counterexamplePath }),
    });
    const cut = details.interrupted ? ' (shrinking was cut short by the time limit)' : '';
    return [
      `Convergence failed after ${details.numRuns} run(s)${cut}.`,
      `Counterexample: ${JSON.stringify(details.counterexample)}`,
      cause,
      '',
      `Replay this run with:\n  ${command}`,
    ].join('\n');
  }
  if (details.failed || details.numRuns < expect.runs) {
    const command = replayCommand({ suite: expect.suite, seed: details.seed, runs: expect.runs });
    const why = details.interrupted
      ? `only ${details.numRuns} of the ${expect.runs} required runs finished within ${expect.minutes} min; the rest were never checked.\nGive them more time (${ENV.minutes}) or find what made runs slow.`
      : `${details.numRuns} of the ${expect.runs} required runs were checked.`;
    return [`Convergence not proven: ${why}`, '', `Replay this sequence with:\n  ${command}`].join(
      '\n',
    );
  }
  return null;
}
