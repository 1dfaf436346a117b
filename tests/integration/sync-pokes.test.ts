import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_PREFIX } from '../../src/shared/api/accounts';
import { newId } from '../../src/shared/ids';
import { currentSeq } from '../../src/server/sync/change-log';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { wire } from './sync/wire';

/** An open event stream and the seqs of the pokes it received, in order. */
async function openStream(hubUrl: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${hubUrl}/sync/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const s = { text: '', pokes: [] as number[], ended: false };
  const finished = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        s.text += decoder.decode(value, { stream: true });
        s.pokes = [...s.text.matchAll(/event: poke\ndata: \{"seq":(\d+)\}/g)].map((m) => +m[1]!);
      }
    } catch {
      // aborted by the test
    }
    s.ended = true;
  })();
  // Subscribed to the bus in the same step as this line was written.
  await vi.waitFor(() => expect(s.text).toContain(': connected'));
  return {
    state: s,
    finished,
    close: () => controller.abort(),
  };
}

describe.each(DIALECTS)('event stream pokes (%s)', (dialect) => {
  let hub: SyncHub;
  const streams: { close(): void }[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await hub?.close();
  });

  const setUp = async (heartbeatMs?: number) => {
    hub = await startSyncHub(
      dialect,
      heartbeatMs ? { config: { eventHeartbeatMs: heartbeatMs } } : {},
    );
    const kit = wire(hub);
    const queueA = await hub.createQueue('Service Desk');
    const queueB = await hub.createQueue('Network');
    const ids = {
      ana: (await hub.createUser('ana', ['agent'], [queueA])).id,
      ben: (await hub.createUser('ben', ['agent'], [queueB])).id,
      ria: (await hub.createUser('ria', ['requester'], [])).id,
      rob: (await hub.createUser('rob', ['requester'], [])).id,
    };
    const tokens = {
      ana: await kit.login('ana'),
      ben: await kit.login('ben'),
      ria: await kit.login('ria'),
      rob: await kit.login('rob'),
    };
    const open = async (token: string) => {
      const s = await openStream(hub.url, token);
      streams.push(s);
      return s;
    };
    /** `who` opens a ticket in `queueId` for `requester` and returns the seq its commit reached. */
    const createTicket = async (who: keyof typeof tokens, queueId: string, requesterId: string) => {
      const res = await kit.post(
        'push',
        {
          protocol: 2,
          clientId: newId(),
          mutations: [
            kit.incidentCreate(1, {
              ticketId: newId(),
              title: 'Printer jam',
              queueId,
              requesterId,
            }),
          ],
        },
        tokens[who],
      );
      expect(res.json.results).toEqual([{ id: 1, status: 'applied' }]);
      return currentSeq(hub.db.kysely);
    };
    return { kit, queueA, queueB, ids, tokens, open, createTicket };
  };

  it('pokes only the streams whose reader may see what a commit changed', async () => {
    const { queueA, queueB, ids, tokens, open, createTicket } = await setUp();
    const [ana, ben, ria, rob, admin] = await Promise.all([
      open(tokens.ana),
      open(tokens.ben),
      open(tokens.ria),
      open(tokens.rob),
      open(hub.adminToken),
    ]);
    // Ana opens a ticket in her queue for Ria.
    const s1 = await createTicket('ana', queueA, ids.ria);
    for (const [who, s] of Object.entries({ ana, ria, admin })) {
      await vi.waitFor(() => expect({ who, first: s.state.pokes[0] }).toEqual({ who, first: s1 }));
    }
    // Ben works another queue and Rob did not ask: the first poke each gets is
    // for a later commit they may see, not Ana's.
    const s2 = await createTicket('ben', queueB, ids.rob);
    expect(s2).toBeGreaterThan(s1);
    for (const [who, s] of Object.entries({ ben, rob })) {
      await vi.waitFor(() => expect(s.state.pokes.length).toBeGreaterThan(0));
      expect({ who, first: s.state.pokes[0] }).toEqual({ who, first: s2 });
    }
    await vi.waitFor(() => expect(admin.state.pokes).toContain(s2));
  });

  it('follows a change of the reader’s queues, and ends once the session is signed out', async () => {
    const { queueA, queueB, ids, tokens, open, createTicket } = await setUp(50);
    const ben = await open(tokens.ben);
    await hub.setQueues(ids.ben, [queueA, queueB]);
    // Within a heartbeat the stream reads Ben's queues again; until then a
    // commit in queue A does not poke him. Bounded: 100 tries.
    let reached = false;
    for (let i = 0; i < 100 && !reached; i++) {
      const seq = await createTicket('ana', queueA, ids.ria);
      reached = await vi
        .waitFor(() => expect(ben.state.pokes.some((p) => p >= seq)).toBe(true), {
          timeout: 200,
          interval: 10,
        })
        .then(
          () => true,
          () => false,
        );
    }
    expect(reached, 'a commit in the queue Ben joined pokes him').toBe(true);
    const out = await fetch(`${hub.url}${API_PREFIX}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.ben}` },
    });
    expect(out.status).toBeLessThan(300);
    await ben.finished;
    expect(ben.state.ended).toBe(true);
  });
});
