import type { FastifyInstance } from 'fastify';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  type Session,
} from '../../../shared/api/accounts';
import { authOf } from '../../auth/auth';
import { assertSameOrigin } from '../../auth/csrf';
import type { HubContext } from '../../context';
import { findUserById, publicUser } from '../../storage/users-repo';
import { HubError } from '../hub-error';
import { parseInput } from '../validate';

export function registerAuthRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { auth } = ctx;

  app.post('/auth/login', async (request, reply) => {
    // Login sets a cookie, so a foreign page must not be able to sign a
    // victim's browser into the attacker's account (login CSRF).
    assertSameOrigin(request);
    const input = parseInput(loginRequestSchema, request.body);
    const user = await ctx.login.login(input, request.ip);
    const session = await auth.startSession(request, reply, user);
    const body: Session = { ...session, user: publicUser(user) };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.post('/auth/logout', async (request, reply) => {
    await auth.endSession(request, reply);
    return reply.code(204).send();
  });

  app.get('/auth/me', { preHandler: auth.requireAuth }, async (request, reply) => {
    const me = authOf(request);
    const user = await findUserById(ctx.db.kysely, me.userId);
    if (!user) throw new HubError('UNAUTHENTICATED', 'Sign in to continue');
    return reply
      .header('cache-control', 'no-store')
      .send({ user: publicUser(user), expiresAt: me.sessionExpiresAt });
  });

  app.post('/auth/password', { preHandler: auth.requireAuth }, async (request, reply) => {
    const me = authOf(request);
    const input = parseInput(changePasswordRequestSchema, request.body);
    const user = await findUserById(ctx.db.kysely, me.userId);
    if (!user) throw new HubError('UNAUTHENTICATED', 'Sign in to continue');
    await ctx.login.checkPassword(user, input.currentPassword, request.ip);
    await ctx.accounts.changeOwnPassword(
      { userId: me.userId, tokenHash: me.tokenHash },
      input.newPassword,
    );
    return reply.code(204).send();
  });
}
