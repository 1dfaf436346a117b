import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Role, type User } from '../../shared/domain/accounts';
import type { QueueId, UserId } from '../../shared/ids';
import type { Actor } from '../../shared/domain/actor';
import type { Clock } from '../clock';
import { HubError } from '../http/hub-error';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  insertSession,
  touchSession,
} from '../storage/sessions-repo';
import type { DbExecutor } from '../storage/schema';
import type { StoredUser } from '../storage/users-repo';
import { clearSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies';
import { assertCookieRequestIsSafe } from './csrf';
import { sessionLookup } from './session-lookups';
import { hashSessionToken, newSessionToken } from './tokens';

/** Who is calling, resolved once per request by requireAuth. */
export interface AuthContext {
  userId: UserId;
  username: string;
  roles: Role[];
  queueIds: QueueId[];
  sessionExpiresAt: number;
  /** How the token arrived; cookie requests get CSRF checks. */
  via: 'cookie' | 'bearer';
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireAuth; null on routes that do not authenticate. */
    auth: AuthContext | null;
  }
}

export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface AuthDeps {
  db: DbExecutor;
  clock: Clock;
  sessionTtlMs: number;
}

/** A session is written back at most this often, so polling clients do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

const tokenFrom = (request: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | null => {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) {
      throw new HubError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
    }
    return { token: m[1], via: 'bearer' };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
};

export const isSecureRequest = (request: FastifyRequest): boolean => request.protocol === 'https';

export function createAuth({ db, clock, sessionTtlMs }: AuthDeps) {
  const findSessionWithUser = sessionLookup(db);
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.header(
      'set-cookie',
      sessionCookie(token, {
        secure: isSecureRequest(request),
        maxAgeSeconds: Math.floor(sessionTtlMs / 1000),
      }),
    );

  const clearCookie = (request: FastifyRequest, reply: FastifyReply) =>
    reply.header('set-cookie', clearSessionCookie(isSecureRequest(request)));

  const fail = (
    request: FastifyRequest,
    reply: FastifyReply,
    via: 'cookie' | 'bearer',
    code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED',
    message: string,
  ): never => {
    // A dead cookie is removed so the browser stops sending it.
    if (via === 'cookie') clearCookie(request, reply);
    throw new HubError(code, message);
  };

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<AuthContext> {
    const found = tokenFrom(request);
    if (!found) throw new HubError('UNAUTHENTICATED', 'Sign in to continue');
    if (found.via === 'cookie') assertCookieRequestIsSafe(request);
    const tokenHash = hashSessionToken(found.token);
    const known = await findSessionWithUser(tokenHash);
    const now = clock.now();
    if (!known) {
      return fail(
        request,
        reply,
        found.via,
        'UNAUTHENTICATED',
        'This session is not valid (signed out or revoked); sign in again',
      );
    }
    const { session, user } = known;
    if (session.expiresAt <= now) {
      await deleteSession(db, tokenHash);
      return fail(
        request,
        reply,
        found.via,
        'SESSION_EXPIRED',
        'Your session has expired; sign in again',
      );
    }
    if (user.disabled) {
      await deleteUserSessions(db, session.userId);
      return fail(
        request,
        reply,
        found.via,
        'UNAUTHENTICATED',
        'This account is disabled; ask an administrator',
      );
    }
    let expiresAt = session.expiresAt;
    if (now - session.lastUsedAt >= TOUCH_INTERVAL_MS) {
      expiresAt = now + sessionTtlMs;
      await touchSession(db, tokenHash, now, expiresAt);
      if (found.via === 'cookie') setCookie(request, reply, found.token);
    }
    return {
      userId: user.id,
      username: user.username,
      roles: user.roles,
      queueIds: user.queueIds,
      sessionExpiresAt: expiresAt,
      via: found.via,
      tokenHash,
    };
  }

  /** preHandler: rejects unauthenticated requests and sets `request.auth`. */
  const requireAuth: PreHandler = async (request, reply) => {
    request.auth = await authenticate(request, reply);
  };

  /** preHandler: requireAuth plus the role (admin implies every role). */
  const requireRole =
    (role: Role): PreHandler =>
    async (request, reply) => {
      if (!request.auth) await requireAuth(request, reply);
      if (!request.auth || !hasRole(request.auth, role)) {
        throw new HubError('FORBIDDEN', `This needs the ${role} role`);
      }
    };

  /** Creates a session for a user who just proved who they are; sets the web cookie too. */
  async function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    user: StoredUser | User,
  ): Promise<{ token: string; expiresAt: number }> {
    const token = newSessionToken();
    const now = clock.now();
    const expiresAt = now + sessionTtlMs;
    // Sweeping here keeps the table small without a timer; the index makes it cheap.
    await deleteExpiredSessions(db, now);
    await insertSession(db, {
      tokenHash: hashSessionToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      lastUsedAt: now,
    });
    setCookie(request, reply, token);
    return { token, expiresAt };
  }

  /** Signs out whatever session the request carries (even an expired one) and clears the cookie. */
  async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const found = tokenFrom(request);
    if (found?.via === 'cookie') assertCookieRequestIsSafe(request);
    if (found) await deleteSession(db, hashSessionToken(found.token));
    clearCookie(request, reply);
  }

  /**
   * The session's user as they are now (roles and queues), or null once the
   * session is signed out, revoked, expired or its account disabled: for
   * long-lived requests (event streams) to notice what changed since they
   * were authenticated. Reads only; it does not extend the session.
   */
  async function currentActor(tokenHash: string): Promise<Actor | null> {
    const known = await findSessionWithUser(tokenHash);
    if (!known || known.session.expiresAt <= clock.now() || known.user.disabled) return null;
    const { user } = known;
    return { userId: user.id, roles: user.roles, queueIds: user.queueIds };
  }

  return { requireAuth, requireRole, startSession, endSession, currentActor };
}

export type Auth = ReturnType<typeof createAuth>;

/** The caller of a route guarded by requireAuth. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new HubError('UNAUTHENTICATED', 'Sign in to continue');
  return request.auth;
}
