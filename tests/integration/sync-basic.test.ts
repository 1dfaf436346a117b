import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseFor } from '../../src/shared/sync/mutations/set-fields';
import { SyncFailure } from '../../src/renderer/sync/engine';
import { childById, childrenOf } from '../../src/renderer/db/child-packs';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { createIncident as logIncident, TestClient } from './sync/test-client';

describe.each(DIALECTS)('sync end to end (%s)', (dialect) => {
  let hub: SyncHub;
  let queue: string;
  let ana: TestClient;
  let ben: TestClient;

  beforeEach(async () => {
    hub = await startSyncHub(dialect);
    queue = await hub.createQueue('Service Desk');
    await hub.createUser('ana', ['agent'], [queue]);
    await hub.createUser('ben', ['agent'], [queue]);
    ana = new TestClient(hub, { name: 'ana', username: 'ana', password: 'sync-harness-password' });
    ben = new TestClient(hub, { name: 'ben', username: 'ben', password: 'sync-harness-password' });
    for (const c of [ana, ben]) {
      await c.signIn();
      await c.open();
    }
  });
  afterEach(async () => {
    await hub.close();
  });

  const createIncident = (c: TestClient, title: string) => logIncident(c, queue, title);

  it('an incident made offline reaches another agent with a hub number', async () => {
    ana.online = false;
    const id = await createIncident(ana, 'VPN drops every few minutes');
    expect(await ana.trySync()).toBe(false);
    expect(await ana.db.outbox.count()).toBe(1);
    ana.online = true;
    await ana.engine.syncOnce();
    await ben.engine.syncOnce();
    const seen = await ben.db.tickets.get(id);
    expect(seen?.title).toBe('VPN drops every few minutes');
    expect(seen?.number).toMatch(/^INC\d{7}$/);
    expect(await ana.db.outbox.count()).toBe(0);
    expect((await ana.db.tickets.get(id))?.number).toBe(seen?.number);
  });

  it('concurrent title edits converge and the loser sees a conflict', async () => {
    const id = await createIncident(ana, 'Printer jam');
    await ana.engine.syncOnce();
    await ben.engine.syncOnce();
    ana.online = false;
    const t = (await ana.db.tickets.get(id))!;
    await ana.mutate({
      name: 'ticket.setFields',
      version: 1,
      args: {
        ticketId: id,
        fields: { title: 'Printer jam on floor 2' },
        base: baseFor(t, { title: 1 }),
      },
    });
    hub.clock.advance(5_000);
    const tb = (await ben.db.tickets.get(id))!;
    await ben.mutate({
      name: 'ticket.setFields',
      version: 1,
      args: {
        ticketId: id,
        fields: { title: 'Printer jam (toner)' },
        base: baseFor(tb, { title: 1 }),
      },
    });
    await ben.engine.syncOnce();
    ana.online = true;
    await ana.engine.syncOnce();
    await ben.engine.syncOnce();
    const a = await ana.db.tickets.get(id);
    const b = await ben.db.tickets.get(id);
    expect(a?.title).toBe('Printer jam (toner)');
    expect(b?.title).toBe(a?.title);
    const conflicts = await ana.db.conflicts.toArray();
    expect(conflicts.map((c) => c.field)).toContain('title');
    expect(await ben.db.conflicts.count()).toBe(0);
  });

  it('a comment pushed twice (lost response) exists once', async () => {
    const id = await createIncident(ana, 'Mail bounce');
    await ana.engine.syncOnce();
    const cid = ana.newId();
    await ana.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: { id: cid, ticketId: id, body: 'Looking', visibility: 'public' },
    });
    ana.faults = [{ fault: 'drop-response', on: 'push' }];
    expect(await ana.trySync()).toBe(false);
    await ana.engine.syncOnce();
    await ben.engine.syncOnce();
    expect(await childrenOf(ben.db, 'comments', [id])).toHaveLength(1);
    const rows = await hub.db.kysely
      .selectFrom('ticket_children')
      .select('id')
      .where('ticket_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("moving a ticket out of an agent's queues removes it from that agent", async () => {
    const other = await hub.createQueue('Network');
    const id = await createIncident(ana, 'Switch down');
    await ana.engine.syncOnce();
    await ben.engine.syncOnce();
    expect(await ben.db.tickets.get(id)).toBeDefined();
    // Ana gains the other queue and moves the ticket there; Ben is only in the first.
    await hub.setQueues(ana.actor.userId, [queue, other]);
    await ana.engine.syncOnce();
    const t = (await ana.db.tickets.get(id))!;
    const r = await ana.mutate({
      name: 'ticket.setFields',
      version: 1,
      args: { ticketId: id, fields: { queueId: other }, base: baseFor(t, { queueId: 1 }) },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    await ana.engine.syncOnce();
    await ben.engine.syncOnce();
    expect(await ben.db.tickets.get(id)).toBeUndefined();
    expect((await ana.db.tickets.get(id))?.queueId).toBe(other);
  });

  it('a wiped local database replays its journal without duplicating', async () => {
    const id = await createIncident(ana, 'Laptop fan noise');
    await ana.engine.syncOnce();
    ana.online = false;
    const cid = ana.newId();
    await ana.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: { id: cid, ticketId: id, body: 'Still noisy', visibility: 'internal' },
    });
    await ana.wipeDatabase();
    expect(await ana.db.tickets.count()).toBe(0);
    ana.online = true;
    await ana.engine.syncOnce();
    expect(await childById(ana.db, 'comments', cid)).toBeDefined();
    await ben.engine.syncOnce();
    expect(await childrenOf(ben.db, 'comments', [id])).toHaveLength(1);
  });

  it('three weeks offline, past the session lifetime: the agent signs in again and nothing is lost', async () => {
    const id = await createIncident(ana, 'Field kit GPS fails');
    await ana.engine.syncOnce();
    ana.online = false;
    const t = (await ana.db.tickets.get(id))!;
    await ana.mutate({
      name: 'ticket.setFields',
      version: 1,
      args: { ticketId: id, fields: { title: 'GPS fails' }, base: baseFor(t, { title: 1 }) },
    });
    const cid = ana.newId();
    await ana.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: { id: cid, ticketId: id, body: 'Swapped antenna', visibility: 'public' },
    });
    hub.clock.advance(21 * 86_400_000);
    ana.online = true;
    const expired = await ana.engine.syncOnce().catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(SyncFailure);
    expect((expired as SyncFailure).sessionLost).toBe(true);
    expect(await ana.db.outbox.count(), 'edits kept while signed out').toBe(2);

    await ana.sync(); // signs in again, as the app asks the user to, then syncs
    expect(await ana.db.outbox.count()).toBe(0);
    await ben.sync();
    expect((await ben.db.tickets.get(id))?.title).toBe('GPS fails');
    expect((await childrenOf(ben.db, 'comments', [id])).map((c) => c.body)).toEqual([
      'Swapped antenna',
    ]);
  });

  it('admin changes to queues and users reach clients through the pull', async () => {
    await ana.engine.syncOnce();
    expect((await ana.db.queues.get(queue))?.name).toBe('Service Desk');
    const r = await hub.api('PATCH', `/admin/queues/${queue}`, { name: 'Service Desk EMEA' });
    expect(r.status).toBe(200);
    const carol = await hub.createUser('carol', ['agent'], [queue]);
    await ana.engine.syncOnce();
    expect((await ana.db.queues.get(queue))?.name).toBe('Service Desk EMEA');
    expect((await ana.db.users.get(carol.id))?.username).toBe('carol');
  });
});
