import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  auditListQuerySchema,
  createQueueRequestSchema,
  createUserRequestSchema,
  updateQueueRequestSchema,
  updateUserRequestSchema,
} from '../../../shared/api/accounts';
import { isUuid } from '../../../shared/ids';
import type { Actor } from '../../accounts/accounts-service';
import { listAudit, verifyAudit } from '../../audit/audit-log';
import { authOf } from '../../auth/auth';
import type { HubContext } from '../../context';
import { listQueues, publicQueue } from '../../storage/queues-repo';
import { listUsers, publicUser } from '../../storage/users-repo';
import { HubError } from '../hub-error';
import { parseInput } from '../validate';

const actorOf = (request: FastifyRequest): Actor => {
  const me = authOf(request);
  return { userId: me.userId, tokenHash: me.tokenHash, ip: request.ip };
};

/** The `:id` path parameter, lower-cased; a non-UUID cannot name anything, so it is a 404. */
const idParam = (request: FastifyRequest, kind: 'user' | 'queue'): string => {
  const id = (request.params as { id?: string }).id ?? '';
  if (!isUuid(id)) throw new HubError('NOT_FOUND', `No ${kind} with id ${id}`);
  return id.toLowerCase();
};

/** User, queue and audit administration; every route needs the admin role. */
export function registerAdminRoutes(app: FastifyInstance, ctx: HubContext): void {
  const admin = { preHandler: ctx.auth.requireRole('admin') };

  app.get('/admin/users', admin, async () => ({
    users: (await listUsers(ctx.db.kysely)).map(publicUser),
  }));

  app.post('/admin/users', admin, async (request, reply) => {
    const input = parseInput(createUserRequestSchema, request.body);
    const user = await ctx.accounts.createUser(actorOf(request), input);
    return reply.code(201).send({ user: publicUser(user) });
  });

  app.patch('/admin/users/:id', admin, async (request) => {
    const id = idParam(request, 'user');
    const patch = parseInput(updateUserRequestSchema, request.body);
    const user = await ctx.accounts.updateUser(actorOf(request), id, patch);
    return { user: publicUser(user) };
  });

  app.get('/admin/queues', admin, async () => ({
    queues: (await listQueues(ctx.db.kysely)).map(publicQueue),
  }));

  app.post('/admin/queues', admin, async (request, reply) => {
    const input = parseInput(createQueueRequestSchema, request.body);
    const queue = await ctx.accounts.createQueue(actorOf(request), input);
    return reply.code(201).send({ queue: publicQueue(queue) });
  });

  app.patch('/admin/queues/:id', admin, async (request) => {
    const id = idParam(request, 'queue');
    const patch = parseInput(updateQueueRequestSchema, request.body);
    const queue = await ctx.accounts.updateQueue(actorOf(request), id, patch);
    return { queue: publicQueue(queue) };
  });

  app.get('/admin/audit', admin, async (request) => {
    const q = parseInput(auditListQuerySchema, request.query, 'query string');
    const entries = await listAudit(ctx.db.kysely, {
      limit: q.limit,
      ...(q.before !== undefined && { beforeSeq: q.before }),
    });
    return { entries };
  });

  app.get('/admin/audit/verify', admin, async () => verifyAudit(ctx.db.kysely));
}
