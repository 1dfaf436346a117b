import type { Clock } from '../clock';

export interface RateLimitRule {
  maxFailures: number;
  windowMs: number;
}

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterMs: number };

/**
 * Counts failures per key in a sliding window (login failures per IP+user and
 * per IP). In memory on purpose: it guards one process against guessing; a
 * scaled-out deployment multiplies the budget by the number of hubs, which
 * still leaves online guessing hopeless against scrypt and 10-char passwords.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly rule: RateLimitRule,
    /** Bound on tracked keys, so a flood of random usernames cannot exhaust memory. */
    private readonly maxKeys = 50_000,
  ) {}

  check(key: string): RateLimitVerdict {
    const recent = this.recent(key);
    if (recent.length < this.rule.maxFailures) return { limited: false };
    // The oldest failure that still counts must age out before another try.
    const oldestCounted = recent[recent.length - this.rule.maxFailures] ?? this.clock.now();
    return {
      limited: true,
      retryAfterMs: Math.max(1, oldestCounted + this.rule.windowMs - this.clock.now()),
    };
  }

  recordFailure(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock.now());
    this.failures.delete(key);
    this.failures.set(key, recent);
    if (this.failures.size > this.maxKeys) this.evictOldest();
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.clock.now() - this.rule.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private evictOldest(): void {
    // Map keeps insertion order and recordFailure re-inserts, so the first key is the stalest.
    const first = this.failures.keys().next();
    if (!first.done) this.failures.delete(first.value);
  }
}
