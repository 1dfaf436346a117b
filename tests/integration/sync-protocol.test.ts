import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { MAX_PUSH_BATCH } from '../../src/shared/sync/protocol';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { rowsOf, wire } from './sync/wire';

/** Bad input at the sync endpoints gets a typed answer and disturbs nobody else. */
describe.each(DIALECTS)('sync protocol edges (%s)', (dialect) => {
  let hub: SyncHub;
  let queue: string;
  let anaToken: string;
  let benToken: string;

  let kit: ReturnType<typeof wire>;
  const post = (path: string, body: unknown, token = anaToken) => kit.post(path, body, token);
  const bootstrap = (clientId: string, protocol: number, token = anaToken) =>
    kit.bootstrap(clientId, protocol, token);

  /**
   * Ben's device in the middle of its work: one ticket pushed and everything
   * pulled. After someone else's bad request it must be exactly where it was.
   */
  const bystander = async () => {
    const clientId = newId();
    const begin = (await bootstrap(clientId, 2, benToken)).lines[0]!;
    const first = create(1, newId(), { requesterId: benId });
    const pushed = await post('push', { protocol: 2, clientId, mutations: [first] }, benToken);
    expect(pushed.json.results).toEqual([{ id: 1, status: 'applied' }]);
    const pulled = await post(
      'pull',
      { protocol: 2, clientId, cursor: begin.cursor, aclHash: begin.aclHash },
      benToken,
    );
    expect(pulled.json.changes.map((c: { id: string }) => c.id)).toEqual([first.args.id]);
    return { clientId, cursor: pulled.json.cursor as number, aclHash: begin.aclHash as string };
  };
  const expectUndisturbed = async (b: Awaited<ReturnType<typeof bystander>>) => {
    const pulled = await post(
      'pull',
      { protocol: 2, clientId: b.clientId, cursor: b.cursor, aclHash: b.aclHash },
      benToken,
    );
    expect(pulled.status).toBe(200);
    expect(pulled.json.changes, 'nothing new reached the bystander').toEqual([]);
    expect(pulled.json.lastMutationId).toBe(1);
    const next = create(2, newId(), { requesterId: benId });
    const pushed = await post(
      'push',
      { protocol: 2, clientId: b.clientId, mutations: [next] },
      benToken,
    );
    expect(pushed.json.results, 'the bystander keeps working').toEqual([
      { id: 2, status: 'applied' },
    ]);
    const after = await post(
      'pull',
      { protocol: 2, clientId: b.clientId, cursor: pulled.json.cursor, aclHash: b.aclHash },
      benToken,
    );
    expect(after.json.changes.map((c: { id: string }) => c.id)).toEqual([next.args.id]);
  };
  const hubTicketCount = async () =>
    (await hub.db.kysely.selectFrom('tickets').select('id').execute()).length;

  const stamp = (n = 0) => kit.stamp(n);
  const create = (id: number, ticketId = newId(), extra: Record<string, unknown> = {}) => ({
    id,
    name: 'incident.create',
    version: 1,
    args: {
      id: ticketId,
      title: `Ticket ${id}`,
      queueId: queue,
      impact: 2,
      urgency: 2,
      requesterId: extra.requesterId ?? anaId,
    },
    hlc: stamp(id),
    createdAt: hub.clock.now(),
  });
  let anaId = '';
  let benId = '';

  beforeEach(async () => {
    hub = await startSyncHub(dialect);
    kit = wire(hub);
    queue = await hub.createQueue('Service Desk');
    anaId = (await hub.createUser('ana', ['agent'], [queue])).id;
    benId = (await hub.createUser('ben', ['agent'], [queue])).id;
    anaToken = await kit.login('ana');
    benToken = await kit.login('ben');
  });
  afterEach(async () => {
    await hub.close();
  });

  it('rejects an unsupported protocol version with a message saying which side to update', async () => {
    const ben = await bystander();
    const clientId = newId();
    const tooNew = await post('push', { protocol: 9, clientId, mutations: [create(1)] });
    expect(tooNew.status).toBe(400);
    expect(tooNew.json.error.code).toBe('UNSUPPORTED_PROTOCOL');
    expect(tooNew.json.error.message).toMatch(/protocol 1 and 2.*sent 9.*Update the hub/);
    const tooOld = await post('pull', { protocol: 0, clientId, cursor: 0, aclHash: null });
    expect(tooOld.json.error.message).toMatch(/Update the client/);
    const oldStream = await bootstrap(clientId, 0);
    expect(oldStream.status).toBe(400);
    expect(oldStream.error).toMatchObject({ code: 'UNSUPPORTED_PROTOCOL' });
    expect(oldStream.error?.message).toMatch(/Update the client/);
    expect(await hubTicketCount()).toBe(1);
    await expectUndisturbed(ben);
  });

  it('accepts protocol N−1 (name@version in one string) and answers like protocol N', async () => {
    const clientId = newId();
    const m = create(1);
    const res = await post('push', {
      protocol: 1,
      clientId,
      mutations: [
        { id: 1, name: 'incident.create@1', args: m.args, hlc: m.hlc, createdAt: m.createdAt },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([{ id: 1, status: 'applied' }]);
    const malformed = await post('push', {
      protocol: 1,
      clientId,
      mutations: [{ id: 2, name: 'incident.create', args: {}, hlc: m.hlc, createdAt: 0 }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/ticket\.setFields@1/);
  });

  it('serves bootstrap and pull to a protocol N−1 client exactly as to protocol N', async () => {
    const pusher = newId();
    const first = create(1);
    await post('push', { protocol: 2, clientId: pusher, mutations: [first] });
    const oldClient = newId();
    const newClient = newId();
    const v1 = await bootstrap(oldClient, 1);
    const v2 = await bootstrap(newClient, 2);
    expect(v1.status).toBe(200);
    expect(v1.lines[0]).toMatchObject({ type: 'begin', cursor: v2.lines[0]!.cursor });
    expect(v1.lines[0]!.aclHash).toBe(v2.lines[0]!.aclHash);
    expect(v1.lines.at(-1)).toEqual(v2.lines.at(-1));
    expect(v1.lines.at(-1)).toMatchObject({ type: 'end' });
    expect(rowsOf(v1.lines)).toEqual(rowsOf(v2.lines));
    expect(rowsOf(v1.lines).ticket).toEqual([
      expect.objectContaining({ id: first.args.id, title: 'Ticket 1' }),
    ]);

    // A commit after the bootstrap reaches both through pull, change for change.
    const second = create(2);
    await post('push', {
      protocol: 1,
      clientId: pusher,
      mutations: [
        {
          id: 2,
          name: 'incident.create@1',
          args: second.args,
          hlc: second.hlc,
          createdAt: second.createdAt,
        },
      ],
    });
    const from = { cursor: v1.lines[0]!.cursor, aclHash: v1.lines[0]!.aclHash };
    const pull1 = await post('pull', { protocol: 1, clientId: oldClient, ...from });
    const pull2 = await post('pull', { protocol: 2, clientId: newClient, ...from });
    expect(pull1.status).toBe(200);
    expect(pull1.json).toEqual(pull2.json);
    expect(pull1.json.changes).toEqual([
      expect.objectContaining({ entity: 'ticket', op: 'put', id: second.args.id }),
    ]);
    expect(pull1.json.hasMore).toBe(false);
  });

  it('answers a pull with the stored records as they are: quotes, line breaks and any script survive', async () => {
    const pusher = newId();
    const begin = (await bootstrap(pusher, 2)).lines[0]!;
    const title = 'Printer says "PC LOAD LETTER"\n\\ — Drucker: ünïcödé ✓ \u2028 漢字';
    const first = create(1, newId());
    first.args.title = title;
    await post('push', { protocol: 2, clientId: pusher, mutations: [first, create(2)] });
    const pulled = await post('pull', {
      protocol: 2,
      clientId: pusher,
      cursor: begin.cursor,
      aclHash: begin.aclHash,
    });
    expect(pulled.status).toBe(200);
    const stored = await hub.db.kysely
      .selectFrom('changes')
      .select(['seq', 'entity', 'entity_id', 'op', 'data'])
      .where('seq', '>', begin.cursor)
      .orderBy('seq')
      .execute();
    expect(pulled.json.changes).toEqual(
      stored.map((r) => ({
        seq: Number(r.seq),
        entity: r.entity,
        op: r.op,
        id: r.entity_id,
        data: JSON.parse(r.data!),
      })),
    );
    expect(pulled.json.changes[0].data.title).toBe(title);
    expect(pulled.json).toMatchObject({
      lastMutationId: 2,
      hasMore: false,
      aclHash: begin.aclHash,
    });
    expect(pulled.json.cursor).toBe(Number(stored.at(-1)!.seq));
  });

  it('answers a malformed push as a whole with the field named, and applies nothing', async () => {
    const ben = await bystander();
    const clientId = newId();
    const res = await post('push', {
      protocol: 2,
      clientId,
      mutations: [{ ...create(1), id: 'one' }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION');
    expect(res.json.error.message).toMatch(/mutations\[0\]\.id/);
    const broken = await post('push', '{"protocol": 2, "clientId": ');
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('INVALID_JSON');
    expect(await hubTicketCount(), "only the bystander's ticket").toBe(1);
    await expectUndisturbed(ben);
  });

  it('rejects unknown mutations and bad arguments one by one, as conflicts the author sees', async () => {
    const ben = await bystander();
    const clientId = newId();
    const res = await post('push', {
      protocol: 2,
      clientId,
      mutations: [
        { ...create(1), name: 'incident.explode' },
        { ...create(2), args: { ...create(2).args, impact: 7 } },
        create(3),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(res.json.results[0].error.code).toBe('UNKNOWN_MUTATION');
    expect(res.json.results[1].error).toMatchObject({ code: 'VALIDATION', field: 'impact' });
    const conflicts = await hub.db.kysely
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'conflict')
      .execute();
    expect(conflicts).toHaveLength(2);
    // Ben sees Ana's third ticket (same queue) but none of her conflicts, and keeps working.
    const seen = await post(
      'pull',
      { protocol: 2, clientId: ben.clientId, cursor: ben.cursor, aclHash: ben.aclHash },
      benToken,
    );
    expect(seen.json.changes.map((c: { entity: string }) => c.entity)).toEqual(['ticket']);
    await expectUndisturbed({ ...ben, cursor: seen.json.cursor });
  });

  it('refuses a client id that belongs to another user, without touching that client', async () => {
    const clientId = newId();
    expect((await post('push', { protocol: 2, clientId, mutations: [create(1)] })).status).toBe(
      200,
    );
    const stolen = await post('push', { protocol: 2, clientId, mutations: [create(2)] }, benToken);
    expect(stolen.status).toBe(403);
    expect(stolen.json.error.code).toBe('CLIENT_MISMATCH');
    const pull = await post('pull', { protocol: 2, clientId, cursor: 0, aclHash: 'x' }, benToken);
    expect(pull.status).toBe(403);
    const row = await hub.db.kysely
      .selectFrom('sync_clients')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(Number(row.last_mutation_id)).toBe(1);
  });

  it('refuses an oversized batch with a message saying to split it', async () => {
    const ben = await bystander();
    const clientId = newId();
    const mutations = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => create(i + 1));
    const res = await post('push', { protocol: 2, clientId, mutations });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/at most 500 mutations/);
    const huge = await post('push', {
      protocol: 2,
      clientId,
      mutations: [create(1)],
      pad: 'x'.repeat(9 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await hubTicketCount(), "only the bystander's ticket").toBe(1);
    await expectUndisturbed(ben);
  });

  it('stops a batch at a gap and says which mutation to send next', async () => {
    const clientId = newId();
    const res = await post('push', { protocol: 2, clientId, mutations: [create(1), create(3)] });
    expect(res.json.results).toEqual([{ id: 1, status: 'applied' }]);
    expect(res.json.stopped).toMatchObject({ id: 3, code: 'OUT_OF_ORDER' });
    expect(res.json.stopped.message).toMatch(/from 2/);
  });

  it('pokes every open event stream after a commit', async () => {
    const controller = new AbortController();
    const res = await fetch(`${hub.url}/sync/v1/events`, {
      headers: { authorization: `Bearer ${benToken}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const readUntil = async (marker: string) => {
      while (!seen.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${marker}`);
        seen += decoder.decode(value);
      }
    };
    await readUntil(': connected');
    await post('push', { protocol: 2, clientId: newId(), mutations: [create(1)] });
    await readUntil('event: poke');
    expect(seen).toMatch(/event: poke\ndata: \{"seq":\d+\}/);
    controller.abort();
  });
  it('streams a page of tickets with their comments right after it, by ticket, and links last', async () => {
    const tickets: [string, string] = [newId(), newId()];
    const comment = (id: number, ticketId: string, visibility: 'public' | 'internal') => ({
      id,
      name: 'ticket.addComment',
      version: 1,
      args: { id: newId(), ticketId, body: `Note ${id}`, visibility },
      hlc: stamp(id),
      createdAt: hub.clock.now(),
    });
    // Comments made in turns on the two tickets: their ids interleave.
    const mutations = [
      create(1, tickets[0]),
      create(2, tickets[1], { requesterId: benId }),
      comment(3, tickets[0], 'public'),
      comment(4, tickets[1], 'public'),
      comment(5, tickets[0], 'internal'),
      comment(6, tickets[1], 'internal'),
    ];
    const pushed = await post('push', { protocol: 2, clientId: newId(), mutations });
    expect(pushed.json.results.map((r: { status: string }) => r.status)).toEqual(
      mutations.map(() => 'applied'),
    );
    const { lines } = await bootstrap(newId(), 2);
    const kinds = lines.filter((l) => l.type === 'rows').map((l) => l.entity);
    expect(kinds.indexOf('comment')).toBe(kinds.indexOf('ticket') + 1);
    const comments = lines.find((l) => l.entity === 'comment')!.rows as {
      id: string;
      ticketId: string;
    }[];
    const byTicket = [...comments].sort(
      (a, b) => a.ticketId.localeCompare(b.ticketId) || a.id.localeCompare(b.id),
    );
    expect(comments).toHaveLength(4);
    expect(comments, 'grouped by ticket, then in id order').toEqual(byTicket);
  });
});
