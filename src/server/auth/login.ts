import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import { HubError } from '../http/hub-error';
import type { Database } from '../storage/schema';
import { findUserByUsername, updateUserRow, type StoredUser } from '../storage/users-repo';
import { hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password';
import { FailureLimiter, type RateLimitRule } from './rate-limiter';

export interface LoginLimits {
  /** Failures per client IP and username. */
  perUser: RateLimitRule;
  /** Failures per client IP over all usernames (an office behind NAT shares one). */
  perIp: RateLimitRule;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUser: { maxFailures: 5, windowMs: 15 * 60_000 },
  perIp: { maxFailures: 30, windowMs: 15 * 60_000 },
};

export interface LoginDeps {
  db: Kysely<Database>;
  clock: Clock;
  scrypt: ScryptParams;
  limits: LoginLimits;
}

/** One message for every wrong-credentials case, so it never says which part was wrong. */
export const INVALID_CREDENTIALS_MESSAGE = 'Wrong username or password';

const MAX_AUDITED_USERNAME = 64;

export function createLogin({ db, clock, scrypt, limits }: LoginDeps) {
  const perUser = new FailureLimiter(clock, limits.perUser);
  const perIp = new FailureLimiter(clock, limits.perIp);
  // Unknown usernames are checked against this hash so they cost as much
  // time as known ones and response timing does not reveal which exist.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64url'), scrypt));

  const limited = (retryAfterMs: number): HubError => {
    const seconds = Math.ceil(retryAfterMs / 1000);
    const minutes = Math.ceil(seconds / 60);
    return new HubError(
      'RATE_LIMITED',
      `Too many failed sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      { retryAfterSeconds: seconds },
      { headers: { 'retry-after': String(seconds) } },
    );
  };

  async function recordFailure(ip: string, username: string, reason: string, userId?: string) {
    perUser.recordFailure(`${ip}|${username}`);
    perIp.recordFailure(ip);
    await appendAudit(db, clock.now(), {
      actorId: userId ?? null,
      action: 'auth.login_failed',
      target: userId ? `user:${userId}` : null,
      details: { username: username.slice(0, MAX_AUDITED_USERNAME), ip, reason },
    });
  }

  /** Checks the credentials; returns the user or throws the HubError to send. */
  async function login(input: { username: string; password: string }, ip: string) {
    const username = input.username.trim().toLowerCase();
    for (const verdict of [perUser.check(`${ip}|${username}`), perIp.check(ip)]) {
      if (verdict.limited) throw limited(verdict.retryAfterMs);
    }
    const user = await findUserByUsername(db, username);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummy()));
    if (!user || !ok) {
      await recordFailure(ip, username, user ? 'wrong_password' : 'unknown_user', user?.id);
      throw new HubError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
    }
    if (user.disabled) {
      // Only someone who knows the password learns the account is disabled.
      await recordFailure(ip, username, 'disabled', user.id);
      throw new HubError(
        'FORBIDDEN',
        'This account is disabled; ask an administrator to enable it',
      );
    }
    perUser.reset(`${ip}|${username}`);
    const now = clock.now();
    if (needsRehash(user.passwordHash, scrypt)) {
      await updateUserRow(
        db,
        user.id,
        { passwordHash: await hashPassword(input.password, scrypt) },
        now,
      );
    }
    await appendAudit(db, now, {
      actorId: user.id,
      action: 'auth.login',
      target: `user:${user.id}`,
      details: { ip },
    });
    return user satisfies StoredUser;
  }

  /** Re-checks the current password of a signed-in user (password change). */
  async function checkPassword(user: StoredUser, password: string, ip: string): Promise<void> {
    const key = `${ip}|${user.username}`;
    const verdict = perUser.check(key);
    if (verdict.limited) throw limited(verdict.retryAfterMs);
    if (!(await verifyPassword(password, user.passwordHash))) {
      perUser.recordFailure(key);
      throw new HubError('INVALID_CREDENTIALS', 'The current password is wrong', [
        { path: 'currentPassword', message: 'wrong password' },
      ]);
    }
  }

  return { login, checkPassword };
}

export type Login = ReturnType<typeof createLogin>;
