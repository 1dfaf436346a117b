import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { FailureLimiter } from './rate-limiter';

const MIN = 60_000;

describe('FailureLimiter', () => {
  it('limits after the allowed failures and says when to retry', () => {
    const clock = createManualClock(0);
    const l = new FailureLimiter(clock, { maxFailures: 3, windowMs: 15 * MIN });
    for (let i = 0; i < 3; i++) {
      expect(l.check('k').limited).toBe(false);
      l.recordFailure('k');
      clock.advance(MIN);
    }
    const v = l.check('k');
    expect(v).toEqual({ limited: true, retryAfterMs: 12 * MIN });
    expect(l.check('other').limited).toBe(false);
  });

  it('forgets failures once they leave the window', () => {
    const clock = createManualClock(0);
    const l = new FailureLimiter(clock, { maxFailures: 2, windowMs: 10 * MIN });
    l.recordFailure('k');
    clock.advance(5 * MIN);
    l.recordFailure('k');
    expect(l.check('k').limited).toBe(true);
    clock.advance(5 * MIN);
    expect(l.check('k').limited).toBe(false);
  });

  it('reset clears a key (successful sign-in)', () => {
    const clock = createManualClock(0);
    const l = new FailureLimiter(clock, { maxFailures: 1, windowMs: MIN });
    l.recordFailure('k');
    expect(l.check('k').limited).toBe(true);
    l.reset('k');
    expect(l.check('k').limited).toBe(false);
  });

  it('keeps a bounded number of keys', () => {
    const clock = createManualClock(0);
    const l = new FailureLimiter(clock, { maxFailures: 1, windowMs: MIN }, 3);
    for (const k of ['a', 'b', 'c', 'd']) l.recordFailure(k);
    expect(l.check('a').limited).toBe(false);
    expect(l.check('d').limited).toBe(true);
  });
});
