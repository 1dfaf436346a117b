import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, startTestHub, type TestHub } from '../../../tests/fixtures/hub-fixture';
import { newId } from '../../shared/ids';
import { formatHlc } from '../../shared/sync/hlc';
import { SYNC_PREFIX } from '../../shared/sync/protocol';
import { openHubBlobStore } from './blob-routes';
import { withBlobTables } from './blob-tables';
import { CHUNK_BYTES } from './pg-blob-store';

const PW = 'a decent password';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Bytes that differ in every chunk, so a reordered or repeated chunk changes the hash. */
const bytes = (n: number, seed = 1): Buffer => {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
};

describe.each(DIALECTS)('attachment blobs on %s', (dialect) => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  /** Two queues, an agent in each, and a requester; returns their tokens and ids. */
  const start = async () => {
    hub = await startTestHub(dialect);
    const admin = (await hub.setupAdmin()).token;
    const queue = async (name: string) =>
      (await hub.api('POST', '/admin/queues', { token: admin, body: { name } })).json().queue
        .id as string;
    const desk = await queue('Service Desk');
    const network = await queue('Network');
    const user = async (username: string, roles: string[], queueIds: string[]) => {
      const res = await hub.api('POST', '/admin/users', {
        token: admin,
        body: { username, displayName: username, password: PW, roles, queueIds },
      });
      expect(res.statusCode).toBe(201);
      return { id: res.json().user.id as string, token: await hub.login(username, PW) };
    };
    return {
      desk,
      ana: await user('ana', ['agent'], [desk]),
      ben: await user('ben', ['agent'], [network]),
      rita: await user('rita', ['requester'], []),
    };
  };

  let mutationId = 0;
  const clientId = newId<string>();
  /** Pushes mutations as one client of `token`'s user, as a laptop would. */
  const push = async (token: string, mutations: { name: string; args: unknown }[]) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: `${SYNC_PREFIX}/push`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        protocol: 2,
        clientId: newId<string>(),
        mutations: mutations.map((m, i) => ({
          id: i + 1,
          name: m.name,
          version: 1,
          args: m.args,
          hlc: formatHlc({ wallMs: hub.clock.now(), counter: ++mutationId, nodeId: clientId }),
          createdAt: hub.clock.now(),
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const r of res.json().results) expect(r.status, JSON.stringify(r)).toBe('applied');
  };

  /** An incident in the desk queue raised for rita, with one attachment of `content`. */
  const ticketWith = async (
    who: { id: string; token: string },
    requesterId: string,
    queueId: string,
    content: Buffer,
    name = 'screenshot.png',
  ) => {
    const ticketId = newId<string>();
    await push(who.token, [
      {
        name: 'incident.create',
        args: { id: ticketId, title: 'Printer jam', queueId, impact: 2, urgency: 2, requesterId },
      },
      {
        name: 'ticket.attach',
        args: {
          id: newId(),
          ticketId,
          name,
          size: content.length,
          mime: 'image/png',
          sha256: sha(content),
        },
      },
    ]);
    return ticketId;
  };

  const put = (
    sha256: string,
    body: Buffer | Readable,
    token?: string,
    headers: Record<string, string> = {},
  ) =>
    hub.app.inject({
      method: 'PUT',
      url: `/blobs/${sha256}`,
      headers: {
        'content-type': 'image/png',
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      payload: body,
    });
  const get = (sha256: string, token?: string, ticket?: string) =>
    hub.app.inject({
      method: 'GET',
      url: `/blobs/${sha256}${ticket ? `?ticket=${ticket}` : ''}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('stores an upload once, answers a repeated upload the same, and streams it back', async () => {
    const { ana, rita, desk } = await start();
    // Several chunks and a ragged tail: chunk boundaries must not show in the bytes.
    const content = bytes(CHUNK_BYTES * 2 + 12_345);
    const ticketId = await ticketWith(ana, rita.id, desk, content);

    const first = await put(sha(content), content, ana.token);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({
      sha256: sha(content),
      size: content.length,
      mime: 'image/png',
      created: true,
    });
    const again = await put(sha(content), content, rita.token);
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(false);

    for (const [who, hint] of [
      [ana, ticketId],
      [rita, undefined],
    ] as const) {
      const res = await get(sha(content), who.token, hint);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-length']).toBe(String(content.length));
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="screenshot.png"; filename*=UTF-8''screenshot.png`,
      );
      expect(sha(res.rawPayload)).toBe(sha(content));
    }
  });

  it('streams an upload body that arrives in small pieces, and keeps a zero-byte file', async () => {
    const { ana, rita, desk } = await start();
    const content = bytes(300_000, 7);
    await ticketWith(ana, rita.id, desk, content, 'trace.log');
    const pieces = Array.from({ length: 30 }, (_, i) =>
      content.subarray(i * 10_000, (i + 1) * 10_000),
    );
    const res = await put(sha(content), Readable.from(pieces), ana.token, {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mime).toBe('text/plain');
    const back = await get(sha(content), ana.token);
    expect(back.rawPayload.equals(content)).toBe(true);
    expect(back.headers['content-type']).toBe('text/plain');

    const empty = Buffer.alloc(0);
    await ticketWith(ana, rita.id, desk, empty, 'empty.txt');
    expect((await put(sha(empty), empty, ana.token)).statusCode).toBe(201);
    const none = await get(sha(empty), ana.token);
    expect(none.statusCode).toBe(200);
    expect(none.rawPayload.length).toBe(0);
  });

  it('refuses bytes that do not hash to the address, naming both hashes, and stores nothing', async () => {
    const { ana, rita, desk } = await start();
    const content = bytes(50_000);
    await ticketWith(ana, rita.id, desk, content);
    const tampered = Buffer.from(content);
    tampered[100] = tampered[100]! ^ 0xff;
    const res = await put(sha(content), tampered, ana.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(res.json().error.message).toContain(`their SHA-256 is ${sha(tampered)}`);
    expect(res.json().error.message).toContain(`not ${sha(content)}`);
    const after = await get(sha(content), ana.token);
    expect(after.statusCode).toBe(404);
    expect(after.json().error.message).toMatch(/screenshot\.png has not reached the hub yet/);
  });

  it('refuses a file over 256 MiB with 413, by its declared length or while streaming', async () => {
    const { ana } = await start();
    const declared = await put('a'.repeat(64), Buffer.alloc(10), ana.token, {
      'content-length': String(256 * 1024 * 1024 + 1),
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(declared.json().error.message).toMatch(/256 MiB attachment limit/);

    // No length announced: the store counts as it reads and stops past the limit, keeping
    // nothing. (Exercised on the store with a small limit: 256 MiB through inject is slow.)
    const store = await openHubBlobStore(hub.db, () => hub.clock.now());
    const big = bytes(100_000);
    const r = await store.put(
      {
        sha256: sha(big),
        mime: 'text/plain',
        by: ana.id,
        at: hub.clock.now(),
        maxBytes: 64 * 1024,
      },
      Readable.from([big.subarray(0, 40_000), big.subarray(40_000)]),
    );
    expect(r).toEqual({ ok: false, error: 'too-large', maxBytes: 64 * 1024 });
    expect(await store.stat(sha(big))).toBeNull();
    const leftovers = await withBlobTables(hub.db.kysely)
      .selectFrom('blob_chunks')
      .selectAll()
      .execute();
    expect(leftovers).toEqual([]);
  });

  it('needs a signed-in user for both directions', async () => {
    const { ana, rita, desk } = await start();
    const content = bytes(1000);
    await ticketWith(ana, rita.id, desk, content);
    const up = await put(sha(content), content);
    expect(up.statusCode).toBe(401);
    expect(up.json().error.code).toBe('UNAUTHENTICATED');
    expect((await get(sha(content))).statusCode).toBe(401);
  });

  it('hides content from users who cannot see a ticket that references it', async () => {
    const { ana, ben, rita, desk } = await start();
    const content = bytes(2000);
    const ticketId = await ticketWith(ana, rita.id, desk, content);
    expect((await put(sha(content), content, ana.token)).statusCode).toBe(201);

    // ben works another queue: for him the blob does not exist, even with the ticket's id.
    for (const hint of [undefined, ticketId]) {
      const res = await get(sha(content), ben.token, hint);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('No attachment you can see has this content');
    }
    // Stored content no ticket references is not readable by anyone.
    const loose = bytes(10, 99);
    expect((await put(sha(loose), loose, ana.token)).statusCode).toBe(201);
    expect((await get(sha(loose), ana.token)).statusCode).toBe(404);
  });

  it('rejects a malformed address with a message naming it', async () => {
    const { ana } = await start();
    const res = await put('not-a-hash', Buffer.from('x'), ana.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/sha256 must be 64 lower-case hex digits/);
  });

  it('accepts a cookie upload only with the raw-upload header from its own origin', async () => {
    const { ana, rita, desk } = await start();
    const content = bytes(500);
    await ticketWith(ana, rita.id, desk, content);
    const cookie = `outpost_session=${ana.token}`;
    const plain = await hub.app.inject({
      method: 'PUT',
      url: `/blobs/${sha(content)}`,
      headers: { cookie, 'content-type': 'image/png' },
      payload: content,
    });
    expect(plain.statusCode).toBe(403);
    const marked = await hub.app.inject({
      method: 'PUT',
      url: `/blobs/${sha(content)}`,
      headers: { cookie, 'content-type': 'image/png', 'x-outpost-upload': '1' },
      payload: content,
    });
    expect(marked.statusCode, marked.body).toBe(201);
  });
});
