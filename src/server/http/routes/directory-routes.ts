import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context';
import { listQueues, publicQueue } from '../../storage/queues-repo';
import { listUsers, publicUser } from '../../storage/users-repo';

/** Who and which queues exist: every signed-in user needs this to assign and route tickets. */
export function registerDirectoryRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/queues', { preHandler: ctx.auth.requireAuth }, async () => ({
    queues: (await listQueues(ctx.db.kysely)).map(publicQueue),
  }));

  app.get('/users', { preHandler: ctx.auth.requireAuth }, async () => ({
    users: (await listUsers(ctx.db.kysely)).map(publicUser),
  }));
}
