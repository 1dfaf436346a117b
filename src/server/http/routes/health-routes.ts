import type { FastifyInstance } from 'fastify';
import type { Health } from '../../../shared/api/accounts';
import type { HubContext } from '../../context';

/** Unauthenticated liveness for load balancers and the desktop's "is my hub there" check. */
export function registerHealthRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/health', async (_request, reply) => {
    const up = await ctx.db.ping();
    const body: Health = {
      status: up ? 'ok' : 'degraded',
      version: ctx.config.version,
      database: ctx.db.dialect,
      schemaVersion: ctx.db.schemaVersion,
    };
    return reply
      .code(up ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
