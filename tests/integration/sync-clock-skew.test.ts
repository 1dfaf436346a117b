import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import type { Conflict } from '../../src/shared/domain/conflict';
import type { Ticket } from '../../src/shared/domain/ticket';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { wire } from './sync/wire';

const DAY = 86_400_000;

/**
 * A laptop whose clock runs days ahead: the hub pulls its stamps back to its
 * own time (SYNC.md) but must keep its edits, in the order they were made.
 */
describe.each(DIALECTS)('sync with a clock days ahead (%s)', (dialect) => {
  let hub: SyncHub;
  let kit: ReturnType<typeof wire>;
  let queue: string;
  let anaId: string;
  let token: string;

  beforeEach(async () => {
    hub = await startSyncHub(dialect);
    kit = wire(hub);
    queue = await hub.createQueue('Service Desk');
    anaId = (await hub.createUser('ana', ['agent'], [queue])).id;
    token = await kit.login('ana');
  });
  afterEach(async () => {
    await hub.close();
  });

  const create = (id: number, ticketId: string, hlc: string) => ({
    id,
    name: 'incident.create',
    version: 1,
    args: {
      id: ticketId,
      title: 'Printer jam',
      queueId: queue,
      impact: 2,
      urgency: 2,
      requesterId: anaId,
    },
    hlc,
    createdAt: hub.clock.now(),
  });
  const setTitle = (id: number, ticketId: string, title: string, hlc: string, base: string) => ({
    id,
    name: 'ticket.setFields',
    version: 1,
    args: { ticketId, fields: { title }, base: { title: base } },
    hlc,
    createdAt: hub.clock.now(),
  });
  const ticket = async (id: string) => {
    const row = await hub.db.kysely
      .selectFrom('tickets')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.data) as Ticket;
  };

  it('clamps a stamp from a clock days ahead and records that it did', async () => {
    const ahead = kit.stamp(0, 3 * DAY, 'skewed');
    const id = newId();
    const res = await kit.post(
      'push',
      { protocol: 2, clientId: newId(), mutations: [create(1, id, ahead)] },
      token,
    );
    expect(res.json.results[0].status).toBe('applied');
    const row = await hub.db.kysely
      .selectFrom('mutation_results')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.clamped_from).toBe(ahead);
    expect((await ticket(id)).createdAt).toBeLessThanOrEqual(hub.clock.now() + 60_000);
  });

  it('keeps offline edits of one field made half an hour apart in the order they were made', async () => {
    // Offline all morning on a laptop two days ahead: create, retitle, retitle again.
    const id = newId();
    const first = kit.stamp(0, 2 * DAY, 'laptop');
    const second = kit.stamp(0, 2 * DAY + 30 * 60_000, 'laptop');
    const third = kit.stamp(0, 2 * DAY + 60 * 60_000, 'laptop');
    const res = await kit.post(
      'push',
      {
        protocol: 2,
        clientId: newId(),
        mutations: [
          create(1, id, first),
          setTitle(2, id, 'Printer jams on tray 2', second, first),
          setTitle(3, id, 'Printer jams on tray 2 when duplexing', third, second),
        ],
      },
      token,
    );
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const t = await ticket(id);
    expect(t.title).toBe('Printer jams on tray 2 when duplexing');
    expect(
      t.events
        .filter((e) => e.kind === 'field' && e.field === 'title')
        .map((e) => e.kind === 'field' && e.to),
    ).toEqual(['Printer jams on tray 2', 'Printer jams on tray 2 when duplexing']);
    // Sequential edits of one author are not conflicts.
    const conflicts = await hub.db.kysely
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'conflict')
      .execute();
    expect(conflicts.map((c) => JSON.parse(c.data) as Conflict)).toEqual([]);
    // Her desktop, with a correct clock, retitles it later that day having seen it: that wins.
    hub.clock.advance(2 * 60 * 60_000);
    const later = await kit.post(
      'push',
      {
        protocol: 2,
        clientId: newId(),
        mutations: [
          setTitle(1, id, 'Tray 2 roller replaced', kit.stamp(0, 0, 'desk'), t.stamps.title!.hlc),
        ],
      },
      token,
    );
    expect(later.json.results[0].status).toBe('applied');
    expect((await ticket(id)).title).toBe('Tray 2 roller replaced');
  });
});
