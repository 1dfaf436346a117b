import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessHoursCalendar, calendar24x7 } from '../../shared/domain/calendar';
import type { TicketEvent } from '../../shared/domain/events';
import { defaultDomainSettings } from '../../shared/domain/settings';
import { defaultSlaDefinitions } from '../../shared/domain/sla';
import { actors, ids, makeIncident, T0, uuid } from '../../shared/domain/test-fixtures';
import type { Ticket } from '../../shared/domain/ticket';
import type { TicketId } from '../../shared/ids';
import { restoreConfirmed } from '../sync/local-store';
import { mutateLocally } from '../sync/mutate';
import { openOutpostDb, openOutpostDbByName, outpostDbName, type OutpostDb } from './database';
import {
  ALL_STAMPED_KEY,
  derivedSlaOf,
  installDerivedSla,
  localOnlyTicketFields,
  type TicketWrites,
} from './derived-sla';

const H = 3_600_000;
// T0 is Monday 3 March 2025 09:00 UTC; London is on UTC then.
const london = businessHoursCalendar('Europe/London');
const iso = (ms: number | null | undefined) => (ms == null ? ms : new Date(ms).toISOString());

let open: OutpostDb[] = [];
let n = 0;
const fresh = async (now = T0 + H) => {
  const name = `https://derived-${++n}.test`;
  const db = openOutpostDb(name, 'agent', undefined, { now: () => now });
  open.push(db);
  await db.open();
  await db.calendars.bulkPut([calendar24x7, london]);
  await db.slas.bulkPut([...defaultSlaDefinitions]);
  await db.hubSettings.put({ id: 'domain', value: defaultDomainSettings });
  await derivedSlaOf(db)!.idle();
  return db;
};
afterEach(() => {
  for (const db of open) db.close();
  open = [];
});

/** A P2 incident created at T0: 8 business hours, due Monday 17:00. */
const p2 = (id: string, more: TicketEvent[] = []): Ticket => {
  const base = makeIncident({ id: id as TicketId, priority: 2, impact: 1, urgency: 2 });
  return {
    ...base,
    events: [{ ...base.events[0]!, priority: 2 } as TicketEvent, ...more],
  } as Ticket;
};

describe('derived SLA fields in the local store', () => {
  it('mark open tickets only with openState, so its index holds the open ones', async () => {
    const db = await fresh();
    const closedAt = (id: string) =>
      ({
        ...p2(id, [
          {
            kind: 'state',
            at: T0 + 1000,
            by: ids.agentA,
            from: 'new',
            to: 'closed',
          } as TicketEvent,
        ]),
        state: 'closed',
      }) as Ticket;
    await db.tickets.bulkPut([p2(uuid(1)), closedAt(uuid(2))]);
    expect((await db.tickets.get(uuid(1)))?.openState).toBe('new');
    expect((await db.tickets.get(uuid(2)))?.openState).toBeUndefined();
    expect(await db.tickets.where('openState').anyOf(['new']).primaryKeys()).toEqual([uuid(1)]);
    // Written again closed (a row read back carries its old openState): it leaves the index.
    const row = (await db.tickets.get(uuid(1)))!;
    await db.tickets.put({ ...row, state: 'closed' } as Ticket);
    expect((await db.tickets.get(uuid(1)))?.openState).toBeUndefined();
    expect(await db.tickets.where('openState').aboveOrEqual('').count()).toBe(0);
  });

  it('are stored with a ticket put through any write path', async () => {
    const db = await fresh();
    await db.tickets.put(p2(uuid(1)));
    const row = await db.tickets.get(uuid(1));
    expect(row?.slaPhase).toBe('running');
    expect(iso(row?.slaDueAt)).toBe('2025-03-03T17:00:00.000Z');
    expect(row?.localSeq).toBeGreaterThan(0);

    await db.tickets.bulkPut([p2(uuid(2)), p2(uuid(3))]);
    const rows = await db.tickets.filter((t) => (t.slaDueAt ?? 0) > 0).toArray();
    expect(rows.map((r) => r.id).sort()).toEqual([uuid(1), uuid(2), uuid(3)]);

    // An update that puts the ticket on hold for the caller pauses the clock.
    const held = p2(uuid(2), [
      {
        kind: 'state',
        at: T0 + 1000,
        by: ids.agentA,
        from: 'new',
        to: 'on_hold',
        holdReason: 'awaiting_caller',
      },
    ]);
    await db.tickets.update(uuid(2), { events: held.events, state: 'on_hold' });
    expect(await db.tickets.get(uuid(2))).toMatchObject({ slaPhase: 'paused', slaDueAt: null });
    await db.tickets.where('id').equals(uuid(3)).modify({ events: held.events });
    expect((await db.tickets.get(uuid(3)))?.slaPhase).toBe('paused');
    // Later writes count up, so a view can ask what changed since it last looked.
    const seqs = (await db.tickets.orderBy('localSeq').toArray()).map((r) => r.id);
    expect(seqs.slice(-2)).toEqual([uuid(2), uuid(3)]);
  });

  it('number writes by the device clock even when the SLA clock is fixed', async () => {
    const db = openOutpostDbByName(`https://derived-${++n}.test`);
    open.push(db);
    let wall = 1_700_000_000_000;
    installDerivedSla(db, { now: () => T0, seqClock: () => wall });
    await db.tickets.put(p2(uuid(1)));
    wall += 5_000;
    await db.tickets.put(p2(uuid(2)));
    const seqs = (await db.tickets.orderBy('localSeq').toArray()).map((r) => r.localSeq);
    // µs of the device clock: five seconds apart, not T0 for both.
    expect(seqs).toEqual([1_700_000_000_000_000, 1_700_000_005_000_000]);
  });

  it('are recomputed for every row when a calendar changes', async () => {
    const db = await fresh();
    await db.tickets.bulkPut([p2(uuid(1)), p2(uuid(2))]);
    // The desk now works 09:00–13:00 only: 8 business hours end Tuesday 13:00.
    const short = {
      ...london,
      week: {
        ...london.week,
        mon: [{ start: '09:00', end: '13:00' }],
        tue: [{ start: '09:00', end: '13:00' }],
      },
    };
    await db.calendars.put(short);
    await derivedSlaOf(db)!.idle();
    const rows = await db.tickets.toArray();
    expect(rows.map((r) => iso(r.slaDueAt))).toEqual([
      '2025-03-04T13:00:00.000Z',
      '2025-03-04T13:00:00.000Z',
    ]);
    expect(new Set(rows.map((r) => r.slaFp))).toEqual(new Set([derivedSlaOf(db)!.reference().fp]));
  });

  it('follow SLA definitions and the hold reasons that pause the clock', async () => {
    const db = await fresh();
    const held = p2(uuid(1), [
      {
        kind: 'state',
        at: T0 + H,
        by: ids.agentA,
        from: 'new',
        to: 'on_hold',
        holdReason: 'awaiting_vendor',
      },
    ]);
    await db.tickets.put(held);
    expect((await db.tickets.get(uuid(1)))?.slaPhase).toBe('paused');

    await db.hubSettings.put({
      id: 'domain',
      value: {
        ...defaultDomainSettings,
        holdReasons: defaultDomainSettings.holdReasons.map((r) => ({ ...r, pausesSla: false })),
      },
    });
    await derivedSlaOf(db)!.idle();
    expect((await db.tickets.get(uuid(1)))?.slaPhase).toBe('running');

    // P2 resolution target raised to 16 business hours: due Tuesday 17:00.
    await db.slas.put({ ...defaultSlaDefinitions[1]!, resolutionMs: 16 * H });
    await derivedSlaOf(db)!.idle();
    expect(iso((await db.tickets.get(uuid(1)))?.slaDueAt)).toBe('2025-03-04T17:00:00.000Z');
  });

  it('are filled in for rows written before they existed', async () => {
    const name = outpostDbName('https://legacy.test', 'agent');
    const raw = openOutpostDbByName(name);
    await raw.open();
    await raw.calendars.bulkPut([calendar24x7, london]);
    await raw.slas.bulkPut([...defaultSlaDefinitions]);
    await raw.tickets.bulkPut([p2(uuid(1)), p2(uuid(2))]);
    expect((await raw.tickets.get(uuid(1)))?.slaPhase).toBeUndefined();
    raw.close();

    const db = openOutpostDb('https://legacy.test', 'agent', undefined, { now: () => T0 + H });
    open.push(db);
    await db.open();
    await derivedSlaOf(db)!.idle();
    const rows = await db.tickets.toArray();
    expect(rows.map((r) => r.slaPhase)).toEqual(['running', 'running']);
    expect(await db.localCache.get(ALL_STAMPED_KEY)).toBeDefined();
  });

  it('count the rows to find unstamped ones only until a pass has found none', async () => {
    const name = 'https://stamped.test';
    const first = openOutpostDb(name, 'agent', undefined, { now: () => T0 + H });
    open.push(first);
    await first.open();
    await first.tickets.bulkPut([p2(uuid(1)), p2(uuid(2))]);
    const firstCount = vi.spyOn(first.tickets, 'count');
    await derivedSlaOf(first)!.idle();
    first.close();
    // Counting every row on each open held up app start by about a second at 100k rows.
    const again = openOutpostDb(name, 'agent', undefined, { now: () => T0 + H });
    open.push(again);
    const againCount = vi.spyOn(again.tickets, 'count');
    await again.open();
    await derivedSlaOf(again)!.idle();
    expect(againCount).not.toHaveBeenCalled();
    expect(firstCount.mock.calls.length + againCount.mock.calls.length).toBeLessThanOrEqual(1);
    expect((await again.tickets.toArray()).every((r) => typeof r.slaFp === 'string')).toBe(true);
  });

  it('tells listeners about committed ticket writes only', async () => {
    const db = await fresh();
    const seen: TicketWrites[] = [];
    derivedSlaOf(db)!.onTicketWrites((w) => seen.push(w));
    await db.tickets.put(p2(uuid(1)));
    await db
      .transaction('rw', db.tickets, async () => {
        await db.tickets.put(p2(uuid(2)));
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    await db.tickets.delete(uuid(1));
    expect(seen.map((w) => [w.puts.map((t) => t.id), w.deletes])).toEqual([
      [[uuid(1)], []],
      [[], [uuid(1)]],
    ]);
    expect(seen[0]!.puts[0]!.slaPhase).toBe('running');
  });

  it('never reach the outbox, and come back after a rebase restores a row', async () => {
    const db = await fresh();
    await db.tickets.put(p2(uuid(1)));
    const ticket = (await db.tickets.get(uuid(1)))!;
    const r = await mutateLocally(
      db,
      {
        name: 'ticket.setFields',
        version: 1,
        args: { ticketId: uuid(1), fields: { title: 'VPN drops hourly' }, base: { title: null } },
      },
      actors.agentA,
      T0 + 2 * H,
    );
    expect(r.ok).toBe(true);
    const entry = (await db.outbox.toArray())[0]!;
    const sent = JSON.stringify(entry);
    for (const f of localOnlyTicketFields) expect(sent).not.toContain(`"${f}"`);
    expect((await db.tickets.get(uuid(1)))?.title).toBe('VPN drops hourly');
    expect(ticket.slaPhase).toBe('running');

    await db.transaction('rw', db.tickets, db.shadows, () => restoreConfirmed(db));
    const restored = await db.tickets.get(uuid(1));
    expect(restored?.title).toBe('VPN drops every 10 minutes');
    expect(restored?.slaPhase).toBe('running');
  });
});
