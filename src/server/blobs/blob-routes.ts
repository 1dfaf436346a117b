import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { mimeSchema, sha256Schema } from '../../shared/domain/attachment';
import type { Actor } from '../../shared/domain/actor';
import { ticketIdSchema } from '../../shared/domain/ticket';
import { authOf } from '../auth/auth';
import type { HubContext } from '../context';
import { HubError } from '../http/hub-error';
import { parseInput } from '../http/validate';
import type { HubDatabase } from '../storage/database';
import { findVisibleAttachment } from './blob-access';
import { MAX_BLOB_BYTES, type BlobStore } from './blob-store';
import { withBlobTables } from './blob-tables';
import { createFileBlobStore } from './file-blob-store';
import { createPgBlobStore } from './pg-blob-store';

export { BLOB_PREFIX } from '../../shared/api/blobs';

/** SQLite hubs keep blobs in `<data dir>/blobs`, the folder of their database file. */
async function sqliteBlobRoot(db: HubDatabase): Promise<string> {
  const r = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(db.kysely);
  const file = r.rows[0]?.file ?? '';
  if (!file) {
    throw new Error(
      'attachments need a file-backed SQLite database (an in-memory one has no data dir)',
    );
  }
  return join(dirname(file), 'blobs');
}

export async function openHubBlobStore(db: HubDatabase, now: () => number): Promise<BlobStore> {
  const bdb = withBlobTables(db.kysely);
  return db.dialect === 'postgres'
    ? createPgBlobStore(bdb, now)
    : createFileBlobStore(bdb, await sqliteBlobRoot(db), now);
}

const paramsSchema = z.object({ sha256: sha256Schema });
const querySchema = z.object({ ticket: ticketIdSchema.optional() });

const mimeOf = (header: string | undefined): string => {
  const parsed = mimeSchema.safeParse((header ?? '').split(';')[0]?.trim());
  return parsed.success ? parsed.data : 'application/octet-stream';
};

/**
 * The upload as chunks. Stopping early (too large) must not destroy the
 * request stream: that would reset the connection before the client reads the
 * 413. Left alone, Node discards the rest of the body after the answer.
 */
const keepAlive = (stream: Readable | undefined): AsyncIterable<Uint8Array> =>
  stream
    ? { [Symbol.asyncIterator]: () => stream.iterator({ destroyOnReturn: false }) }
    : { [Symbol.asyncIterator]: async function* () {} };

const formatMiB = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

/** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
export const contentDisposition = (name: string): string => {
  const ascii = basename(name)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

const actorOf = (auth: ReturnType<typeof authOf>): Actor => ({
  userId: auth.userId,
  roles: auth.roles,
  queueIds: auth.queueIds,
});

/**
 * PUT/GET /blobs/{sha256} (SYNC.md): content-addressed attachment bytes.
 * Upload bodies are raw bytes, streamed to storage and hashed on the way;
 * downloads stream back and need a visible ticket that references the blob.
 */
export async function registerBlobRoutes(
  app: FastifyInstance,
  ctx: HubContext,
  store?: BlobStore,
): Promise<void> {
  const blobs = store ?? (await openHubBlobStore(ctx.db, () => ctx.clock.now()));
  const maxBytes = MAX_BLOB_BYTES;

  // Bodies here are files of any type, read as a stream by the handler; the
  // hub's JSON parser must not touch them (an attached .json is still bytes).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.put('/:sha256', { preHandler: ctx.auth.requireAuth }, async (request, reply) => {
    const { sha256 } = parseInput(paramsSchema, request.params, 'address');
    const auth = authOf(request);
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      throw new HubError(
        'PAYLOAD_TOO_LARGE',
        `The file is ${formatMiB(declared)}, larger than the ${formatMiB(maxBytes)} attachment limit`,
      );
    }
    const body = keepAlive(request.body as Readable | undefined);
    const r = await blobs.put(
      {
        sha256,
        mime: mimeOf(request.headers['content-type']),
        by: auth.userId,
        at: ctx.clock.now(),
        maxBytes,
      },
      body,
    );
    if (!r.ok && r.error === 'too-large') {
      throw new HubError(
        'PAYLOAD_TOO_LARGE',
        `The file is larger than the ${formatMiB(maxBytes)} attachment limit; nothing was stored`,
      );
    }
    if (!r.ok) {
      throw new HubError(
        'BAD_REQUEST',
        `The uploaded bytes do not match the address: their SHA-256 is ${r.actual} (${r.size} bytes), not ${sha256}. Nothing was stored; upload the file again.`,
        { expected: sha256, actual: r.actual, size: r.size },
      );
    }
    return reply.code(r.created ? 201 : 200).send({
      sha256,
      size: r.meta.size,
      mime: r.meta.mime,
      created: r.created,
    });
  });

  app.get('/:sha256', { preHandler: ctx.auth.requireAuth }, async (request, reply) => {
    const { sha256 } = parseInput(paramsSchema, request.params, 'address');
    const { ticket } = parseInput(querySchema, request.query, 'query');
    const actor = actorOf(authOf(request));
    const seen = await findVisibleAttachment(
      withBlobTables(ctx.db.kysely),
      actor,
      sha256,
      ticket ?? null,
    );
    // Unknown content and content on tickets the caller cannot see look the same.
    if (!seen) throw new HubError('NOT_FOUND', 'No attachment you can see has this content');
    const meta = await blobs.stat(sha256);
    const stream = meta ? await blobs.read(sha256) : null;
    if (!meta || !stream) {
      throw new HubError(
        'NOT_FOUND',
        `${seen.name} has not reached the hub yet: the device it was attached on has not uploaded it`,
        { pending: true },
      );
    }
    return reply
      .header('content-type', meta.mime)
      .header('content-length', String(meta.size))
      .header('content-disposition', contentDisposition(seen.name))
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', `"${sha256}"`)
      .send(stream);
  });
}
