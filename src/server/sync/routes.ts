import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import {
  clientIdSchema,
  isSupportedProtocol,
  pullRequestSchema,
  pushRequestV1Schema,
  pushRequestV2Schema,
  SUPPORTED_PROTOCOLS,
  upgradePushRequest,
} from '../../shared/sync/protocol';
import { authOf } from '../auth/auth';
import type { HubContext } from '../context';
import { HubError } from '../http/hub-error';
import { parseInput } from '../http/validate';
import { canSee } from './audience';
import { bootstrapStream } from './bootstrap';
import { compactChangeLog } from './compaction';
import { claimClient } from './clients';
import { throttled, type PokeBus } from './pokes';
import { processPull, PullPageJson } from './pull';
import { processPush } from './push';

/** A push may carry an offline backlog with long descriptions. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

const actorOf = (request: FastifyRequest): Actor => {
  const a = authOf(request);
  return { userId: a.userId, roles: a.roles, queueIds: a.queueIds };
};

const checkProtocol = (protocol: unknown): void => {
  if (!isSupportedProtocol(protocol)) {
    throw new HubError(
      'UNSUPPORTED_PROTOCOL',
      `This hub speaks sync protocol ${SUPPORTED_PROTOCOLS.join(' and ')}; the client sent ${JSON.stringify(protocol ?? null)}. Update the ${Number(protocol) > Math.max(...SUPPORTED_PROTOCOLS) ? 'hub' : 'client'}.`,
    );
  }
};

const protocolOf = (body: unknown): unknown =>
  typeof body === 'object' && body !== null ? (body as { protocol?: unknown }).protocol : undefined;

const compactRequestSchema = z.object({
  /** How many of the newest changes to keep (default 0: compact everything). */
  keepLast: z.number().int().nonnegative().default(0),
});

const bootstrapQuerySchema = z.object({
  clientId: clientIdSchema,
  protocol: z.coerce.number().int(),
});

/** POST push/pull, GET bootstrap (NDJSON) and events (SSE) under /sync/v1. */
export function registerSyncRoutes(app: FastifyInstance, ctx: HubContext, pokes: PokeBus): void {
  const { db, clock } = ctx;
  const pre = { preHandler: ctx.auth.requireAuth };
  // Open event streams, ended before the server closes (else close waits on them forever).
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  app.post('/push', { ...pre, bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    checkProtocol(protocolOf(request.body));
    const body =
      protocolOf(request.body) === 1
        ? upgradePushRequest(parseInput(pushRequestV1Schema, request.body, 'push'))
        : parseInput(pushRequestV2Schema, request.body, 'push');
    return processPush(
      { db, now: () => clock.now(), onCommit: (seq, scope) => pokes.publish(seq, scope) },
      actorOf(request),
      body,
    );
  });

  app.post('/pull', pre, async (request, reply) => {
    checkProtocol(protocolOf(request.body));
    const body = parseInput(pullRequestSchema, request.body, 'pull');
    const res = await processPull(db, actorOf(request), body, clock.now());
    if (!(res instanceof PullPageJson)) return res;
    return reply.type('application/json; charset=utf-8').send(res.json);
  });

  app.get('/bootstrap', pre, async (request, reply) => {
    const query = parseInput(bootstrapQuerySchema, request.query, 'query');
    checkProtocol(query.protocol);
    const actor = actorOf(request);
    await claimClient(db.kysely, query.clientId, actor.userId, clock.now());
    reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store');
    return reply.send(Readable.from(bootstrapStream(db, actor, query.clientId)));
  });

  app.post('/compact', { preHandler: ctx.auth.requireRole('admin') }, async (request) => {
    const { keepLast } = parseInput(compactRequestSchema, request.body ?? {}, 'compact');
    return compactChangeLog(db, keepLast);
  });

  app.get('/events', pre, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    // Poked only for commits whose changes this reader may see (their pull
    // would bring nothing else): on a desk of many queues most commits are
    // someone else's. The reader is read again at every heartbeat, so a
    // change of roles or queues reaches the filter within a heartbeat (the
    // client's periodic sync covers the gap), and a stream whose session was
    // signed out, revoked or disabled ends.
    let reader = actorOf(request);
    const { tokenHash } = authOf(request);
    const stream = throttled((seq) => res.write(`event: poke\ndata: {"seq":${seq}}\n\n`));
    const unsubscribe = pokes.subscribe((seq, scope) => {
      if (scope === null || scope.some((a) => canSee(reader, a))) stream.poke(seq);
    });
    const recheck = async () => {
      const now = await ctx.auth.currentActor(tokenHash).catch(() => reader);
      if (now) reader = now;
      else end();
    };
    const heartbeat = setInterval(() => {
      res.write(': ping\n\n');
      void recheck();
    }, ctx.config.eventHeartbeatMs);
    heartbeat.unref();
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      stream.cancel();
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });
}
