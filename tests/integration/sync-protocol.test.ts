import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { formatHlc } from '../../src/shared/sync/hlc';
import { MAX_PUSH_BATCH } from '../../src/shared/sync/protocol';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';

/** Bad input at the sync endpoints gets a typed answer and disturbs nobody else. */
describe.each(DIALECTS)('sync protocol edges (%s)', (dialect) => {
  let hub: SyncHub;
  let queue: string;
  let anaToken: string;
  let benToken: string;

  const login = async (username: string) => {
    const res = await fetch(`${hub.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'sync-harness-password' }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const post = async (path: string, body: unknown, token = anaToken) => {
    const res = await fetch(`${hub.url}/sync/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, any> };
  };
  const stamp = (n = 0) => formatHlc({ wallMs: hub.clock.now(), counter: n, nodeId: 'node-a' });
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

  beforeEach(async () => {
    hub = await startSyncHub(dialect);
    queue = await hub.createQueue('Service Desk');
    anaId = (await hub.createUser('ana', ['agent'], [queue])).id;
    await hub.createUser('ben', ['agent'], [queue]);
    anaToken = await login('ana');
    benToken = await login('ben');
  });
  afterEach(async () => {
    await hub.close();
  });

  it('rejects an unsupported protocol version with a message saying which side to update', async () => {
    const clientId = newId();
    const tooNew = await post('push', { protocol: 9, clientId, mutations: [] });
    expect(tooNew.status).toBe(400);
    expect(tooNew.json.error.code).toBe('UNSUPPORTED_PROTOCOL');
    expect(tooNew.json.error.message).toMatch(/protocol 1 and 2.*sent 9.*Update the hub/);
    const tooOld = await post('pull', { protocol: 0, clientId, cursor: 0, aclHash: null });
    expect(tooOld.json.error.message).toMatch(/Update the client/);
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

  it('answers a malformed push as a whole with the field named, and applies nothing', async () => {
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
    expect(await hub.db.kysely.selectFrom('tickets').select('id').execute()).toHaveLength(0);
  });

  it('rejects unknown mutations and bad arguments one by one, as conflicts the author sees', async () => {
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
  });

  it('stops a batch at a gap and says which mutation to send next', async () => {
    const clientId = newId();
    const res = await post('push', { protocol: 2, clientId, mutations: [create(1), create(3)] });
    expect(res.json.results).toEqual([{ id: 1, status: 'applied' }]);
    expect(res.json.stopped).toMatchObject({ id: 3, code: 'OUT_OF_ORDER' });
    expect(res.json.stopped.message).toMatch(/from 2/);
  });

  it('clamps a stamp from a clock days ahead and records that it did', async () => {
    const clientId = newId();
    const ahead = formatHlc({
      wallMs: hub.clock.now() + 3 * 86_400_000,
      counter: 0,
      nodeId: 'skewed',
    });
    const res = await post('push', {
      protocol: 2,
      clientId,
      mutations: [{ ...create(1), hlc: ahead }],
    });
    expect(res.json.results[0].status).toBe('applied');
    const row = await hub.db.kysely
      .selectFrom('mutation_results')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.clamped_from).toBe(ahead);
    const t = await hub.db.kysely.selectFrom('tickets').select('data').executeTakeFirstOrThrow();
    expect((JSON.parse(t.data) as { createdAt: number }).createdAt).toBeLessThanOrEqual(
      hub.clock.now() + 60_000,
    );
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
});
