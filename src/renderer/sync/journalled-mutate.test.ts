import { describe, expect, it } from 'vitest';
import type { TicketId } from '../../shared/ids';
import { baseFor } from '../../shared/sync/mutations/set-fields';
import { derivedSlaOf, type TicketWrites } from '../db/derived-sla';
import { createIndexedDbJournal, type JournalEntry, type MutationJournal } from './journal';
import { JournalWriteError } from './journalled-mutate';
import { readSyncMeta } from './sync-meta';
import { createFakeSyncHub, incidentArgs, openDevice } from './sync-test-kit';
import { freshIndexedDb } from './test-platform';

/** The tab dies right after the journal write: nothing after it runs. */
class TabKilled extends Error {
  constructor() {
    super('tab killed');
  }
}

/**
 * The real IndexedDB journal with a hook after each append. A hook that
 * throws stands for the process ending at that point: the append has been
 * written, and the code after it (the Dexie commit) never runs.
 */
const hookedJournal = (
  name: string,
  deps: ReturnType<typeof freshIndexedDb>,
  after: (entry: JournalEntry) => Promise<void>,
): MutationJournal => {
  const real = createIndexedDbJournal(name, deps);
  return {
    ...real,
    async append(entry) {
      await real.append(entry);
      await after(entry);
    },
  };
};

const setup = async () => {
  const hub = createFakeSyncHub();
  const deps = freshIndexedDb();
  const first = openDevice(hub, { deps });
  const ticketId = incidentArgs(hub).id as TicketId;
  const created = await first.engine.mutate({
    name: 'incident.create',
    version: 1,
    args: incidentArgs(hub, { id: ticketId }),
  });
  expect(created.ok).toBe(true);
  await first.engine.syncOnce();
  first.db.close();
  return { hub, deps, ticketId };
};

const retitle = (ticket: { id: string } & Parameters<typeof baseFor>[0], title: string) => ({
  name: 'ticket.setFields',
  version: 1,
  args: { ticketId: ticket.id, fields: { title }, base: baseFor(ticket, { title }) },
});

describe('journal before commit', () => {
  it('brings back, once, an edit whose tab died between the journal write and the commit', async () => {
    const { hub, deps, ticketId } = await setup();
    // Ana is offline; her tab dies right after journalling her edit.
    hub.offline = true;
    let kill = true;
    const journal = hookedJournal('device', deps, async () => {
      if (kill) throw new TabKilled();
    });
    const dying = openDevice(hub, { deps, journal });
    const ticket = (await dying.db.tickets.get(ticketId))!;
    await expect(dying.engine.mutate(retitle(ticket, 'Printer on floor 3 jams'))).rejects.toThrow(
      /tab killed/,
    );
    // The commit never ran: the main store does not have the edit.
    expect(await dying.db.outbox.count()).toBe(0);
    dying.db.close();

    // She opens Outpost again: the edit is back, applied locally, before any sync.
    kill = false;
    const restarted = openDevice(hub, { deps });
    expect(await restarted.engine.replayJournal()).toBe(1);
    expect((await restarted.db.tickets.get(ticketId))!.title).toBe('Printer on floor 3 jams');
    const [pending] = await restarted.db.outbox.toArray();
    expect(pending).toMatchObject({ mutationId: 2, name: 'ticket.setFields' });
    // Her next edit continues the numbering after it (the hub needs no gap).
    const next = await restarted.engine.mutate({
      name: 'incident.create',
      version: 1,
      args: incidentArgs(hub),
    });
    expect(next.ok && next.entry.mutationId).toBe(3);
    restarted.db.close();

    // Another restart replays nothing twice; the hub applies each edit once.
    const again = openDevice(hub, { deps });
    expect(await again.engine.replayJournal()).toBe(0);
    hub.offline = false;
    await again.engine.syncOnce();
    expect(hub.decided.map((d) => [d.id, d.name, d.status])).toEqual([
      [1, 'incident.create', 'applied'],
      [2, 'ticket.setFields', 'applied'],
      [3, 'incident.create', 'applied'],
    ]);
    expect(hub.tickets().find((t) => t.id === ticketId)!.title).toBe('Printer on floor 3 jams');
    // Acknowledged: the journal is emptied.
    expect(await again.journal.list()).toEqual([]);
    again.db.close();
  });

  it('saves nothing when the journal cannot be written, and says so', async () => {
    const { hub, deps, ticketId } = await setup();
    const broken: MutationJournal = {
      ...createIndexedDbJournal('device', deps),
      append: async () => {
        throw new Error('disk full');
      },
    };
    const device = openDevice(hub, { deps, journal: broken });
    const ticket = (await device.db.tickets.get(ticketId))!;
    const attempt = device.engine.mutate(retitle(ticket, 'Never saved'));
    await expect(attempt).rejects.toThrow(JournalWriteError);
    await expect(attempt).rejects.toThrow(
      /safety copy of this change \(disk full\), so nothing was saved/,
    );
    expect(await device.db.outbox.count()).toBe(0);
    expect((await device.db.tickets.get(ticketId))!.title).toBe(ticket.title);
    expect((await readSyncMeta(device.db))!.nextMutationId).toBe(2);
    device.db.close();
  });

  it('previews the edited ticket before its writes, and withdraws the preview when nothing was saved', async () => {
    const { hub, deps, ticketId } = await setup();
    let failJournal = false;
    const real = createIndexedDbJournal('device', deps);
    const journal: MutationJournal = {
      ...real,
      append: async (entry) => {
        if (failJournal) throw new Error('disk full');
        return real.append(entry);
      },
    };
    const device = openDevice(hub, { deps, journal, derivedSla: true });
    const heard: TicketWrites[] = [];
    derivedSlaOf(device.db)!.onTicketWrites((w) => heard.push(w));
    const ticket = (await device.db.tickets.get(ticketId))!;

    expect((await device.engine.mutate(retitle(ticket, 'Shown before saved'))).ok).toBe(true);
    // (Opening rewrote the rows already there with their derived fields: not this edit.)
    expect(
      heard
        .filter((w) => w.puts.every((t) => t.title !== ticket.title))
        .map((w) => [!!w.tentative, w.puts.map((t) => t.title), w.withdrawn]),
    ).toEqual([
      [true, ['Shown before saved'], undefined],
      [false, ['Shown before saved'], undefined],
    ]);
    // Derived fields are computed for the preview as for a write.
    expect(heard[0]!.puts[0]).toMatchObject({ slaFp: heard[1]!.puts[0]!.slaFp });

    heard.length = 0;
    failJournal = true;
    const saved = (await device.db.tickets.get(ticketId))!;
    await expect(device.engine.mutate(retitle(saved, 'Never saved'))).rejects.toThrow(
      JournalWriteError,
    );
    expect(heard.map((w) => [!!w.tentative, w.puts.map((t) => t.title), w.withdrawn])).toEqual([
      [true, ['Never saved'], undefined],
      [false, [], [ticketId]],
    ]);
    device.db.close();
  });

  it('does not bring back an edit the store refused after it was journalled', async () => {
    const { hub, deps, ticketId } = await setup();
    let device: ReturnType<typeof openDevice> | null = null;
    // Between the journal write and the commit, a pull removes the ticket
    // (moved to a queue this agent cannot see): the commit now refuses the edit.
    const journal = hookedJournal('device', deps, async (entry) => {
      if (entry.localError) return;
      await device!.db.tickets.delete(ticketId);
    });
    device = openDevice(hub, { deps, journal });
    const ticket = (await device.db.tickets.get(ticketId))!;
    const r = await device.engine.mutate(retitle(ticket, 'Lost race'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
    expect(await device.db.outbox.count()).toBe(0);
    device.db.close();

    const restarted = openDevice(hub, { deps });
    expect(await restarted.engine.replayJournal()).toBe(0);
    expect(await restarted.db.outbox.count()).toBe(0);
    // The id it had is free again for the next edit.
    const next = await restarted.engine.mutate({
      name: 'incident.create',
      version: 1,
      args: incidentArgs(hub),
    });
    expect(next.ok && next.entry.mutationId).toBe(2);
    restarted.db.close();
  });
});
