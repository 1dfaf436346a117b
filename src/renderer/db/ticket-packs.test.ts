import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor';
import { calendar24x7 } from '../../shared/domain/calendar';
import { defaultDomainSettings } from '../../shared/domain/settings';
import { defaultSlaDefinitions } from '../../shared/domain/sla';
import { ids as fx, makeIncident, makeRequest, T0, uuid } from '../../shared/domain/test-fixtures';
import type { Ticket } from '../../shared/domain/ticket';
import type { TicketId, UserId } from '../../shared/ids';
import type { BootstrapLine, Change } from '../../shared/sync/protocol';
import { runBootstrap } from '../sync/bootstrap';
import {
  applyConfirmedChanges,
  restoreConfirmed,
  syncTables,
  writeLocalEffects,
} from '../sync/local-store';
import { freshIndexedDb } from '../sync/test-platform';
import type { SyncTransport } from '../sync/transport';
import { openOutpostDb, openOutpostDbByName, type OutpostDb } from './database';
import { derivedSlaOf, type TicketWrites } from './derived-sla';
import {
  allTicketIds,
  allTickets,
  countTickets,
  createTicketPacker,
  findTickets,
  ticketById,
  ticketsByIds,
  ticketsOfRequester,
  ticketsWrittenAfter,
  TICKET_PACK_SIZE,
} from './ticket-packs';

const open: OutpostDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

/** The raw store (no derived fields), as the sync tests use it. */
const rawStore = async () => {
  const db = openOutpostDbByName(`ticket-packs-${Math.random()}`, freshIndexedDb());
  open.push(db);
  await db.open();
  return db;
};

/** The app's store, with the derived SLA fields and their listeners. */
const appStore = async () => {
  const db = openOutpostDb(`https://packs-${Math.random()}.test`, 'agent', freshIndexedDb(), {
    now: () => T0 + 3_600_000,
  });
  open.push(db);
  await db.open();
  await db.calendars.put(calendar24x7);
  await db.slas.bulkPut([...defaultSlaDefinitions]);
  await db.hubSettings.put({ id: 'domain', value: defaultDomainSettings });
  await derivedSlaOf(db)!.idle();
  return db;
};

const actor: Actor = { userId: fx.agentA, roles: ['agent'], queueIds: [fx.queueA] };

const incident = (n: number, state: string, requester = fx.requester): Ticket =>
  makeIncident({
    id: uuid(n) as TicketId,
    title: `Incident ${n}`,
    state,
    queueId: fx.queueA,
    requesterId: requester,
  });

/** A transport whose bootstrap stream holds these tickets. */
const streaming = (tickets: Ticket[]) =>
  ({
    bootstrap: async () => {
      const lines: BootstrapLine[] = [
        { type: 'begin', cursor: 3, lastMutationId: 0, aclHash: 'acl', protocol: 1 },
        { type: 'rows', entity: 'ticket', rows: tickets },
        { type: 'end', rows: tickets.length },
      ];
      return {
        ok: true,
        value: (async function* () {
          yield* lines;
        })(),
      };
    },
  }) as unknown as SyncTransport;

const load = async (db: OutpostDb, tickets: Ticket[]) => {
  const r = await runBootstrap(db, streaming(tickets), actor, () => T0);
  expect(r.ok).toBe(true);
};

const sortedIds = (rows: readonly ({ id: string } | undefined)[]) =>
  rows.flatMap((r) => (r ? [r.id] : [])).sort();

const change = (ticket: Ticket, op: 'put' | 'remove' = 'put'): Change => ({
  seq: 9,
  entity: 'ticket',
  id: ticket.id,
  op,
  ...(op === 'put' ? { data: ticket } : {}),
});

describe('packed tickets', () => {
  it('fill packs of TICKET_PACK_SIZE and name the tickets and types they hold', () => {
    const packer = createTicketPacker();
    const full = Array.from({ length: TICKET_PACK_SIZE }, (_, i) =>
      packer.add(incident(i + 1, 'closed', (i % 2 ? fx.requester : fx.agentB) as UserId)),
    ).filter((p) => p !== null);
    expect(full).toHaveLength(1);
    expect(full[0]!.ticketIds).toHaveLength(TICKET_PACK_SIZE);
    expect(full[0]!.types).toEqual(['incident']);
    expect(packer.rest()).toBeNull();
  });

  it('are what a first sync makes of closed, cancelled and rejected tickets; open ones stay rows', async () => {
    const db = await rawStore();
    const tickets = [
      incident(1, 'new'),
      incident(2, 'closed'),
      incident(3, 'cancelled'),
      incident(4, 'resolved'),
      incident(5, 'closed', fx.agentB),
    ];
    await load(db, tickets);
    expect(sortedIds(await db.tickets.toArray())).toEqual([uuid(1), uuid(4)]);
    expect((await db.ticketPacks.toArray()).flatMap((p) => p.ticketIds).sort()).toEqual(
      [uuid(2), uuid(3), uuid(5)].sort(),
    );
    // Every read sees each ticket once, packed or not.
    expect(sortedIds(await allTickets(db))).toEqual(sortedIds(tickets));
    expect(await countTickets(db)).toBe(5);
    expect([...(await allTicketIds(db))].sort()).toEqual(sortedIds(tickets));
    expect((await ticketById(db, uuid(2)))?.title).toBe('Incident 2');
    expect((await ticketById(db, uuid(1)))?.title).toBe('Incident 1');
    expect(await ticketById(db, uuid(99))).toBeUndefined();
    const some = await ticketsByIds(db, [uuid(5), uuid(99), uuid(1)]);
    expect(some.map((t) => t?.id)).toEqual([uuid(5), undefined, uuid(1)]);
    expect(sortedIds(await ticketsOfRequester(db, fx.requester))).toEqual(
      [uuid(1), uuid(2), uuid(3), uuid(4)].sort(),
    );
  });

  it('lose to a row written later, in every read', async () => {
    const db = await rawStore();
    await load(db, [incident(1, 'new'), incident(2, 'closed'), incident(3, 'closed')]);
    // The hub moved ticket 2 to another requester after the first sync.
    const moved = { ...incident(2, 'closed', fx.agentB), title: 'Renamed' };
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [change(moved)]);
    });
    expect((await ticketById(db, uuid(2)))?.title).toBe('Renamed');
    expect((await ticketsByIds(db, [uuid(2)]))[0]?.title).toBe('Renamed');
    const all = await allTickets(db);
    expect(all.filter((t) => t.id === uuid(2)).map((t) => t.title)).toEqual(['Renamed']);
    // The older packed copy still names the old requester: it must not answer for it.
    expect(sortedIds(await ticketsOfRequester(db, fx.requester))).toEqual([uuid(1), uuid(3)]);
    expect(sortedIds(await ticketsOfRequester(db, fx.agentB))).toEqual([uuid(2)]);
    expect(await countTickets(db)).toBe(3);
  });

  it('leave every read when the hub removes them, and an emptied pack goes', async () => {
    const db = await rawStore();
    await load(db, [incident(1, 'closed'), incident(2, 'closed')]);
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [change(incident(1, 'closed'), 'remove')]);
    });
    expect(await ticketById(db, uuid(1))).toBeUndefined();
    expect(sortedIds(await allTickets(db))).toEqual([uuid(2)]);
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [change(incident(2, 'closed'), 'remove')]);
    });
    expect(await db.ticketPacks.count()).toBe(0);
    expect(await countTickets(db)).toBe(0);
  });

  it('are replaced by the next bootstrap: rows of now packed tickets go, and tickets not sent go', async () => {
    const db = await rawStore();
    await load(db, [incident(1, 'closed'), incident(2, 'closed'), incident(3, 'new')]);
    const firstPacks = await db.ticketPacks.toCollection().primaryKeys();
    // Ticket 3 closes on the hub and ticket 1 is taken away; the next load says so.
    await load(db, [incident(2, 'closed'), { ...incident(3, 'closed'), title: 'Closed now' }]);
    expect(await db.ticketPacks.where(':id').anyOf(firstPacks).count()).toBe(0);
    expect(await db.tickets.count()).toBe(0);
    expect(sortedIds(await allTickets(db))).toEqual([uuid(2), uuid(3)]);
    expect((await ticketById(db, uuid(3)))?.title).toBe('Closed now');
  });

  it('are the confirmed value a local edit keeps, and come back when it is undone', async () => {
    const db = await rawStore();
    await load(db, [incident(1, 'closed')]);
    const edited = { ...incident(1, 'closed'), title: 'Edited here' };
    await db.transaction('rw', syncTables(db), async () => {
      await writeLocalEffects(db, [{ type: 'put', entity: 'ticket', value: edited }]);
    });
    expect((await ticketById(db, uuid(1)))?.title).toBe('Edited here');
    expect((await db.shadows.toArray()).map((s) => (s.value as Ticket).title)).toEqual([
      'Incident 1',
    ]);
    await db.transaction('rw', syncTables(db), async () => {
      await restoreConfirmed(db);
    });
    expect((await ticketById(db, uuid(1)))?.title).toBe('Incident 1');
  });

  it('are candidates for a link after the rows, up to the limit asked', async () => {
    const db = await rawStore();
    const request = makeRequest({ id: uuid(9) as TicketId, state: 'closed' } as never) as Ticket;
    await load(db, [incident(1, 'new'), incident(2, 'closed'), incident(3, 'closed'), request]);
    const all = await findTickets(db, ['incident'], () => true, 10);
    expect(sortedIds(all)).toEqual([uuid(1), uuid(2), uuid(3)]);
    expect((await findTickets(db, ['incident'], () => true, 2)).map((t) => t.id)[0]).toBe(uuid(1));
    expect(await findTickets(db, ['incident'], () => true, 2)).toHaveLength(2);
    expect(sortedIds(await findTickets(db, ['request'], () => true, 10))).toEqual([uuid(9)]);
  });
});

describe('packed tickets in the app store', () => {
  it('get the derived SLA fields, and listeners hear the packed tickets without a row', async () => {
    const db = await appStore();
    const heard: TicketWrites[] = [];
    derivedSlaOf(db)!.onTicketWrites((w) => heard.push(w));
    await load(db, [incident(1, 'new'), incident(2, 'closed'), incident(3, 'closed')]);
    // (The stream held no calendars, so the load purged them: packs are recomputed.)
    await derivedSlaOf(db)!.idle();
    const [pack] = await db.ticketPacks.toArray();
    expect(pack!.slaFp).toBe(derivedSlaOf(db)!.reference().fp);
    expect(pack!.localSeq).toBeGreaterThan(0);
    for (const t of pack!.tickets) {
      expect(t.slaFp).toBe(pack!.slaFp);
      expect(t.localSeq).toBeLessThanOrEqual(pack!.localSeq!);
      expect(t.openState).toBeUndefined();
    }
    expect(new Set(sortedIds(heard.flatMap((w) => w.puts)))).toEqual(
      new Set([uuid(1), uuid(2), uuid(3)]),
    );

    // A pack rewritten (reference data changed) while ticket 2 has a newer row: not heard.
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [change({ ...incident(2, 'closed'), title: 'Row' })]);
    });
    heard.length = 0;
    await db.transaction('rw', db.ticketPacks, db.tickets, async () => {
      await db.ticketPacks.put((await db.ticketPacks.toArray())[0]!);
    });
    expect(sortedIds(heard.flatMap((w) => w.puts))).toEqual([uuid(3)]);
  });

  it('tell listeners of a row replaced by its packed copy as that copy, and of a removal', async () => {
    const db = await appStore();
    await load(db, [incident(1, 'new'), incident(2, 'closed')]);
    await derivedSlaOf(db)!.idle();
    const last = new Map<string, string>();
    derivedSlaOf(db)!.onTicketWrites((w) => {
      for (const t of w.puts) last.set(t.id, t.title);
      for (const id of w.deletes) last.set(id, 'deleted');
    });
    // Ticket 1 closed on the hub: the next load packs it and deletes its older row.
    await load(db, [{ ...incident(1, 'closed'), title: 'Closed now' }, incident(2, 'closed')]);
    expect(await db.tickets.count()).toBe(0);
    expect(last.get(uuid(1))).toBe('Closed now');
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [change(incident(1, 'closed'), 'remove')]);
    });
    expect(last.get(uuid(1))).toBe('deleted');
    expect(await ticketById(db, uuid(1))).toBeUndefined();
  });

  it('rewrites packs computed with older SLA reference data', async () => {
    const db = await appStore();
    await load(db, [incident(2, 'closed')]);
    const before = (await db.ticketPacks.toArray())[0]!.slaFp;
    await db.slas.clear();
    await derivedSlaOf(db)!.idle();
    const after = (await db.ticketPacks.toArray())[0]!;
    expect(after.slaFp).not.toBe(before);
    expect(after.slaFp).toBe(derivedSlaOf(db)!.reference().fp);
    expect(after.tickets[0]!.slaFp).toBe(after.slaFp);
  });

  it('are found by what was written after a local write counter', async () => {
    const db = await appStore();
    await load(db, [incident(1, 'new'), incident(2, 'closed')]);
    await derivedSlaOf(db)!.idle();
    const seen: string[] = [];
    await ticketsWrittenAfter(db, 0, 100, (batch) => void seen.push(...batch.map((t) => t.id)));
    expect(seen.sort()).toEqual([uuid(1), uuid(2)]);
    const top = Math.max(
      ...[...(await db.ticketPacks.toArray()), ...(await db.tickets.toArray())].map(
        (r) => r.localSeq!,
      ),
    );
    seen.length = 0;
    await ticketsWrittenAfter(db, top, 100, (batch) => void seen.push(...batch.map((t) => t.id)));
    expect(seen).toEqual([]);
  });
});
