import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  normalizePairingCode,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
} from '../../shared/api/pairing';
import { FailureLimiter, type RateLimitRule } from '../auth/rate-limiter';
import type { Clock } from '../clock';

/**
 * The host's pairing codes. One code is active at a time: making a new one
 * withdraws the old. A code is valid for a few minutes, works once, and is
 * withdrawn after a handful of wrong guesses from anywhere, so guessing its
 * 31^8 (≈ 8.5·10^11) values online is hopeless.
 */
export interface PairingCodeInfo {
  code: string;
  issuedAt: number;
  expiresAt: number;
}

export type PairingStatus =
  | { state: 'none' }
  | { state: 'active'; code: PairingCodeInfo }
  | { state: 'expired'; code: PairingCodeInfo }
  | { state: 'used'; code: PairingCodeInfo; usedAt: number }
  | { state: 'withdrawn'; code: PairingCodeInfo; reason: string };

export type PairingVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'wrong' | 'expired' | 'used' | 'withdrawn' | 'rate_limited';
      message: string;
      retryAfterMs?: number;
    };

export interface PairingLimits {
  ttlMs: number;
  /** Wrong codes per client address. */
  perIp: RateLimitRule;
  /** Wrong codes in total before the active code is withdrawn. */
  maxWrongPerCode: number;
}

export const DEFAULT_PAIRING_LIMITS: PairingLimits = {
  ttlMs: 10 * 60_000,
  perIp: { maxFailures: 5, windowMs: 10 * 60_000 },
  maxWrongPerCode: 10,
};

export const newPairingCodeText = (pick: (n: number) => number = randomInt): string =>
  Array.from(
    { length: PAIRING_CODE_LENGTH },
    () => PAIRING_ALPHABET[pick(PAIRING_ALPHABET.length)],
  ).join('');

const equalCodes = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const minutesText = (ms: number) => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};

export class PairingCodes {
  private status: PairingStatus = { state: 'none' };
  private wrong = 0;
  private readonly perIp: FailureLimiter;

  constructor(
    private readonly clock: Clock,
    private readonly limits: PairingLimits = DEFAULT_PAIRING_LIMITS,
    private readonly generate: () => string = () => newPairingCodeText(),
  ) {
    this.perIp = new FailureLimiter(clock, limits.perIp);
  }

  /** Makes a new code, withdrawing any earlier one. */
  issue(): PairingCodeInfo {
    const issuedAt = this.clock.now();
    const code = { code: this.generate(), issuedAt, expiresAt: issuedAt + this.limits.ttlMs };
    this.status = { state: 'active', code };
    this.wrong = 0;
    return code;
  }

  /** Stops the active code from working (host mode stopped, LAN sharing off). */
  withdraw(reason: string): void {
    const status = this.current();
    if (status.state === 'active') this.status = { state: 'withdrawn', code: status.code, reason };
  }

  current(): PairingStatus {
    if (this.status.state === 'active' && this.clock.now() >= this.status.code.expiresAt) {
      this.status = { state: 'expired', code: this.status.code };
    }
    return this.status;
  }

  /**
   * Checks a code without using it up (the password check comes next and may
   * fail). Wrong codes count against the caller's address and the code.
   */
  check(input: string, ip: string): PairingVerdict {
    const limited = this.perIp.check(ip);
    if (limited.limited) {
      return {
        ok: false,
        reason: 'rate_limited',
        message: `Too many wrong pairing codes from this device; try again in ${minutesText(limited.retryAfterMs)}`,
        retryAfterMs: limited.retryAfterMs,
      };
    }
    const code = normalizePairingCode(input);
    const status = this.current();
    if (status.state !== 'none' && equalCodes(code, status.code.code)) {
      switch (status.state) {
        case 'active':
          return { ok: true };
        case 'expired':
          return {
            ok: false,
            reason: 'expired',
            message:
              'This pairing code has expired; ask for a new one (Settings → Host mode → New pairing code on the host)',
          };
        case 'used':
          return {
            ok: false,
            reason: 'used',
            message:
              'This pairing code was already used; each code pairs one device. Ask for a new one.',
          };
        case 'withdrawn':
          return {
            ok: false,
            reason: 'withdrawn',
            message: `This pairing code no longer works (${status.reason}); ask for a new one`,
          };
      }
    }
    this.perIp.recordFailure(ip);
    if (status.state === 'active' && ++this.wrong >= this.limits.maxWrongPerCode) {
      this.status = {
        state: 'withdrawn',
        code: status.code,
        reason: 'too many wrong codes were tried',
      };
    }
    return {
      ok: false,
      reason: 'wrong',
      message: 'Wrong pairing code: check it against the code shown on the host',
    };
  }

  /** Uses the code up; false when it is no longer active (another device was quicker). */
  consume(input: string): boolean {
    const status = this.current();
    if (status.state !== 'active' || !equalCodes(normalizePairingCode(input), status.code.code)) {
      return false;
    }
    this.status = { state: 'used', code: status.code, usedAt: this.clock.now() };
    return true;
  }
}
