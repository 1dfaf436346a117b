import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { availableTransitions } from '../../src/shared/domain/workflow/transitions';
import type { Ticket } from '../../src/shared/domain/ticket';
import { allTickets, ticketById } from '../../src/renderer/db/ticket-packs';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { createIncident, TestClient } from './sync/test-client';

/**
 * Packed tickets (src/renderer/db/ticket-packs.ts) through the real hub over
 * HTTP: a first sync packs a closed ticket, a re-bootstrap replaces an older
 * row with the packed copy, and a reader who loses the queue loses the pack.
 */
describe.each(DIALECTS)('packed tickets end to end (%s)', (dialect) => {
  let hub: SyncHub;
  let queue: string;

  beforeEach(async () => {
    hub = await startSyncHub(dialect);
    queue = await hub.createQueue('Service Desk');
  });
  afterEach(async () => {
    await hub.close();
  });

  const agent = async (name: string, queueIds: string[]) => {
    await hub.createUser(name, ['agent'], queueIds);
    const c = new TestClient(hub, { name, username: name, password: 'sync-harness-password' });
    await c.signIn();
    await c.open();
    return c;
  };

  const cancelledIncident = async (c: TestClient, title: string) => {
    const id = await createIncident(c, queue, title);
    const t = (await c.db.tickets.get(id)) as Ticket;
    const cancel = availableTransitions(t, c.actor).find((o) => o.to === 'cancelled');
    expect(cancel, 'incidents can be cancelled from new').toBeDefined();
    const r = await c.mutate({
      name: 'ticket.transition',
      version: 1,
      args: { ticketId: id, from: t.state, to: 'cancelled' },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    await c.engine.syncOnce();
    return id;
  };

  it('a first sync packs a cancelled ticket; a re-bootstrap replaces the older row; losing the queue removes it', async () => {
    const ana = await agent('ana', [queue]);
    const ben = await agent('ben', [queue]);
    const open = await createIncident(ana, queue, 'Still open');
    const id = await cancelledIncident(ana, 'Duplicate of the VPN outage');

    // Ben's first sync comes after the cancel reached the hub.
    await ben.engine.syncOnce();
    expect(await ben.db.tickets.get(id)).toBeUndefined();
    expect(await ben.db.ticketPacks.count()).toBe(1);
    expect((await ticketById(ben.db, id))?.state).toBe('cancelled');
    expect((await ben.db.tickets.get(open))?.title).toBe('Still open');

    // Ana has it as a row (she wrote it). A queue change re-bootstraps her:
    // the packed copy replaces the row, and she still sees it once.
    expect(await ana.db.tickets.get(id)).toBeDefined();
    const other = await hub.createQueue('Network');
    await hub.setQueues(ana.actor.userId, [queue, other]);
    await ana.engine.syncOnce();
    expect(await ana.db.tickets.get(id)).toBeUndefined();
    expect((await ticketById(ana.db, id))?.title).toBe('Duplicate of the VPN outage');
    expect((await allTickets(ana.db)).filter((t) => t.id === id)).toHaveLength(1);

    // Ben leaves the queue: the packed ticket leaves his device with the rest.
    await hub.setQueues(ben.actor.userId, []);
    await ben.engine.syncOnce();
    expect(await ticketById(ben.db, id)).toBeUndefined();
    expect(await ben.db.ticketPacks.count()).toBe(0);
    expect(await allTickets(ben.db)).toEqual([]);
  });
});
