import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setupRequestSchema, type Session, type SetupStatus } from '../../../shared/api/accounts';
import { assertSameOrigin } from '../../auth/csrf';
import type { HubContext } from '../../context';
import { countUsers, publicUser } from '../../storage/users-repo';
import { HubError } from '../hub-error';
import { parseInput } from '../validate';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * True when the TCP peer is this machine. A request relayed by a local
 * reverse proxy also arrives from 127.0.0.1, so forwarding headers disqualify it.
 */
export function isLocalRequest(request: FastifyRequest): boolean {
  const peer = request.socket.remoteAddress ?? '';
  const relayed = Object.keys(request.headers).some(
    (h) => h.startsWith('x-forwarded-') || h === 'forwarded' || h === 'x-real-ip' || h === 'via',
  );
  return LOOPBACK.test(peer) && !relayed;
}

// The names a browser on the hub machine itself uses for it; any port.
const LOOPBACK_HOST = /^(127\.0\.0\.1|\[::1\]|localhost)(:\d{1,5})?$/i;

/**
 * True when the Host header names this machine. A DNS-rebinding page reaches
 * 127.0.0.1 from a browser on the hub machine under its own domain name, so
 * its socket is local and its Origin matches its Host: only the Host value
 * itself tells it apart. The raw header is read, never a forwarded one.
 */
export function isLoopbackHost(request: FastifyRequest): boolean {
  return LOOPBACK_HOST.test(request.headers.host ?? '');
}

const canSetupFrom = (request: FastifyRequest): boolean =>
  isLocalRequest(request) && isLoopbackHost(request);

/** First run: the first administrator is created from the hub machine itself. */
export function registerSetupRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/setup', async (request): Promise<SetupStatus> => {
    const needsSetup = (await countUsers(ctx.db.kysely)) === 0;
    return { needsSetup, canSetupHere: needsSetup && canSetupFrom(request) };
  });

  app.post('/setup', async (request, reply) => {
    assertSameOrigin(request);
    // Cheap early answer; createFirstAdmin re-checks under a lock.
    if ((await countUsers(ctx.db.kysely)) > 0) {
      throw new HubError('SETUP_DONE', 'Set-up is already complete: sign in instead');
    }
    if (!isLocalRequest(request)) {
      throw new HubError(
        'SETUP_LOCAL_ONLY',
        'The first administrator can only be created on the hub machine itself: open this page at http://127.0.0.1 there',
      );
    }
    if (!isLoopbackHost(request)) {
      throw new HubError(
        'SETUP_LOCAL_ONLY',
        `The first administrator can only be created through a loopback address, not through the name "${(request.headers.host ?? '').slice(0, 100)}": open this page at http://127.0.0.1 on the hub machine`,
      );
    }
    const input = parseInput(setupRequestSchema, request.body);
    const user = await ctx.accounts.createFirstAdmin(input, 'setup', {
      userId: null,
      ip: request.ip,
    });
    // Signed in straight away: the next thing an admin does is create queues and users.
    const session = await ctx.auth.startSession(request, reply, user);
    const body: Session = { ...session, user: publicUser(user) };
    return reply.code(201).send(body);
  });
}
