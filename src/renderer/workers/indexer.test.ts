import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor';
import type { Ticket } from '../../shared/domain/ticket';
import { newId, type QueueId, type UserId } from '../../shared/ids';
import type { Comment } from '../../shared/domain/comment';
import { createPackBuilder } from '../db/child-packs';
import { openOutpostDbByName, type OutpostDb } from '../db/database';
import { ticketPackOf } from '../db/ticket-packs';
import { applyConfirmedChanges, syncTables } from '../sync/local-store';
import { mutateLocally } from '../sync/mutate';
import { updateSyncMeta } from '../sync/sync-meta';
import { createIndexer, type Indexer } from './indexer';
import { openSearchStore, type SearchStore } from './search-store';

const actor: Actor = { userId: newId<UserId>(), roles: ['admin'], queueIds: [] };
const queueId = newId<QueueId>();
let clock = Date.UTC(2025, 0, 6, 9);

/** Timers the test runs by hand: nothing waits on the wall clock. */
const manualTimers = () => {
  const due = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    setTimeout: (fn: () => void, ms: number) => {
      due.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (h: unknown) => void due.delete(h as number),
    pending: () => [...due.values()].map((d) => d.ms),
    runAll: () => {
      const list = [...due.values()];
      due.clear();
      for (const d of list) d.fn();
    },
  };
};

const mutate = async (db: OutpostDb, name: string, args: Record<string, unknown>) => {
  const r = await mutateLocally(db, { name, version: 1, args }, actor, clock++);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
};

const createIncident = async (db: OutpostDb, title: string, description = '') => {
  const id = newId();
  await mutate(db, 'incident.create', {
    id,
    title,
    description,
    queueId,
    impact: 2,
    urgency: 2,
    requesterId: actor.userId,
  });
  return id;
};

const addComment = (db: OutpostDb, ticketId: string, body: string) =>
  mutate(db, 'ticket.addComment', { id: newId(), ticketId, body, visibility: 'internal' });

const open: { db: OutpostDb; store: SearchStore; indexers: Indexer[] }[] = [];

const setup = async () => {
  const db = openOutpostDbByName(`test-search:${newId()}`);
  await db.open();
  const store = openSearchStore(db.name);
  const ctx = { db, store, indexers: [] as Indexer[] };
  open.push(ctx);
  const start = (timers = manualTimers()) => {
    const indexer = createIndexer({ source: db, store, now: () => clock, timers, chunkSize: 3 });
    ctx.indexers.push(indexer);
    return indexer;
  };
  return { db, store, start };
};

afterEach(() => {
  for (const { db, store, indexers } of open.splice(0)) {
    for (const i of indexers) i.stop();
    store.close();
    db.close();
  }
});

const titles = async (indexer: Indexer, query: string) =>
  (await indexer.search(query)).results.map((r) => r.title.map((s) => s.text).join(''));

describe('search indexer', () => {
  it('builds the index from the local store on first start', async () => {
    const { db, start } = await setup();
    const vpn = await createIncident(db, 'VPN drops every few minutes', 'Since the update.');
    await createIncident(db, 'Printer jam', 'Floor 3');
    await addComment(db, vpn, 'Reinstalled the **AnyConnect** client');
    const indexer = start();
    await indexer.settled();
    expect(indexer.stats().start).toBe('built');
    expect(indexer.status()).toMatchObject({ phase: 'ready', indexed: 2 });
    expect(await titles(indexer, 'anyconnect')).toEqual(['VPN drops every few minutes']);
  });

  it('finds a ticket by a word that occurs only in a comment, and shows that comment', async () => {
    const { db, start } = await setup();
    const id = await createIncident(db, 'Laptop slow', 'It takes ages to start.');
    const indexer = start();
    await indexer.settled();
    await addComment(db, id, 'Replaced the thermal paste on the CPU cooler.');
    await indexer.settled();
    const { results } = await indexer.search('thermal');
    expect(results.map((r) => r.id)).toEqual([id]);
    expect(results[0]!.snippet?.source).toBe('comment');
    expect(results[0]!.snippet?.segments.filter((s) => s.hit).map((s) => s.text)).toEqual([
      'thermal',
    ]);
  });

  it('indexes comments a first sync stored packed, also packs written while it runs', async () => {
    const { db, start } = await setup();
    const vpn = await createIncident(db, 'VPN drops every few minutes');
    const printer = await createIncident(db, 'Printer jam');
    const packed = (ticketId: string, body: string) =>
      ({ id: newId(), ticketId, body, visibility: 'internal' }) as unknown as Comment;
    const first = createPackBuilder();
    first.add('comments', [packed(vpn, 'Reinstalled the AnyConnect client')]);
    await db.childPacks.put(first.rest()!);
    const indexer = start();
    await indexer.settled();
    expect(await titles(indexer, 'anyconnect')).toEqual(['VPN drops every few minutes']);
    expect((await indexer.search('anyconnect')).results[0]!.snippet?.source).toBe('comment');
    // A pack written later (a re-bootstrap) is heard of, and its comments indexed.
    // Its tickets are read, not every ticket.
    const scansBefore = indexer.stats().scans;
    const second = createPackBuilder();
    second.add('comments', [packed(printer, 'Cleared a paper jam in tray two')]);
    const written = second.rest()!;
    await db.childPacks.put(written);
    await indexer.settled();
    expect(await titles(indexer, 'tray')).toEqual(['Printer jam']);
    expect(indexer.stats().scans).toBe(scansBefore);
    // A pack deleted no longer says whose comments it held: the comments are checked.
    await db.childPacks.delete(written.id);
    await indexer.settled();
    expect(await titles(indexer, 'tray')).toEqual([]);
  });

  it('indexes tickets a first sync stored packed, a pack written later, and a packed ticket that leaves', async () => {
    const { db, start } = await setup();
    const asClosed = async (title: string) => {
      const id = await createIncident(db, title);
      const t = (await db.tickets.get(id))!;
      await db.tickets.delete(id);
      return { ...t, state: 'closed' } as Ticket;
    };
    const modem = await asClosed('Modem keeps rebooting');
    await db.ticketPacks.put(ticketPackOf([modem]));
    const indexer = start();
    await indexer.settled();
    expect(await titles(indexer, 'modem')).toEqual(['Modem keeps rebooting']);
    // A pack written while it runs (a re-bootstrap) is read for the tickets it holds.
    const scanner = await asClosed('Scanner misfeeds');
    await indexer.settled();
    const scansBefore = indexer.stats().scans;
    await db.ticketPacks.put(ticketPackOf([scanner]));
    await indexer.settled();
    expect(await titles(indexer, 'scanner')).toEqual(['Scanner misfeeds']);
    expect(indexer.stats().scans).toBe(scansBefore);
    // Taken away by the hub: out of its pack, and out of the index.
    await db.transaction('rw', syncTables(db), async () => {
      await applyConfirmedChanges(db, [{ seq: 1, entity: 'ticket', op: 'remove', id: modem.id }]);
    });
    await indexer.settled();
    expect(await titles(indexer, 'modem')).toEqual([]);
  });

  it('follows edits as they happen: new tickets, changed titles', async () => {
    const { db, start } = await setup();
    const indexer = start();
    await indexer.settled();
    const id = await createIncident(db, 'Monitor flickers');
    await indexer.settled();
    expect(await titles(indexer, 'flick')).toEqual(['Monitor flickers']);
    const t = (await db.tickets.get(id))!;
    await mutate(db, 'ticket.setFields', {
      ticketId: id,
      fields: { title: 'Screen goes dark' },
      base: { title: t.stamps.title!.hlc },
    });
    await indexer.settled();
    expect(await titles(indexer, 'flick')).toEqual([]);
    expect(await titles(indexer, 'dark')).toEqual(['Screen goes dark']);
  });

  it('comes back after a restart without reading the store when nothing changed', async () => {
    const { db, start } = await setup();
    await createIncident(db, 'Keyboard sticky');
    const first = start();
    await first.flush();
    first.stop();
    const second = start();
    await second.settled();
    expect(second.stats()).toMatchObject({ start: 'loaded', scans: 0, upserts: 0 });
    expect(await titles(second, 'keyboard')).toEqual(['Keyboard sticky']);
  });

  it('after a restart re-indexes only what changed while it was away', async () => {
    const { db, start } = await setup();
    await createIncident(db, 'Keyboard sticky');
    await createIncident(db, 'Mouse lagging');
    const first = start();
    await first.flush();
    first.stop();
    const scanner = await createIncident(db, 'Scanner offline');
    await addComment(db, scanner, 'Needs a new firmware image');
    const second = start();
    await second.settled();
    expect(second.stats()).toMatchObject({ start: 'checked', scans: 1, upserts: 1 });
    expect(await titles(second, 'firmware')).toEqual(['Scanner offline']);
    expect(await titles(second, 'mouse')).toEqual(['Mouse lagging']);
  });

  it('drops tickets purged by a re-bootstrap while it was away', async () => {
    const { db, start } = await setup();
    const gone = await createIncident(db, 'Badge reader broken');
    await addComment(db, gone, 'Door controller fault');
    await createIncident(db, 'Badge printer empty');
    const first = start();
    await first.flush();
    first.stop();
    // What a bootstrap's purge does: rows of a queue taken away go, the bookkeeping moves on.
    await db.transaction('rw', db.tickets, db.comments, db.syncState, async () => {
      await db.tickets.delete(gone);
      await db.comments.where('ticketId').equals(gone).delete();
      await updateSyncMeta(db, (m) => ({ cursor: m.cursor + 50, aclHash: 'acl-2' }));
    });
    const second = start();
    await second.settled();
    expect(second.stats()).toMatchObject({ start: 'checked', removals: 1, upserts: 0 });
    expect(await titles(second, 'badge')).toEqual(['Badge printer empty']);
    expect(await titles(second, 'controller')).toEqual([]);
  });

  it('re-checks everything after a bulk load that does not list its rows', async () => {
    const { db, start } = await setup();
    const id = await createIncident(db, 'Template ticket');
    const indexer = start();
    await indexer.settled();
    const template = (await db.tickets.get(id))!;
    // 60 rows in one bulkPut: Dexie reports the whole table as changed, like a bootstrap chunk.
    const rows: Ticket[] = Array.from({ length: 60 }, (_, i) => ({
      ...template,
      id: newId(),
      title: `Bulk loaded ${i === 7 ? 'zebra' : 'row'} ${i}`,
    }));
    await db.tickets.bulkPut(rows);
    await indexer.settled();
    expect(indexer.stats().scans).toBe(2);
    expect(await titles(indexer, 'zebra')).toEqual(['Bulk loaded zebra 7']);
    expect(indexer.status().indexed).toBe(61);
  });

  it('forgets a comment removed on its own (an edit the hub refused)', async () => {
    const { db, start } = await setup();
    const id = await createIncident(db, 'Phone dead');
    await addComment(db, id, 'Ordered a replacement handset');
    const indexer = start();
    await indexer.settled();
    expect(await titles(indexer, 'handset')).toEqual(['Phone dead']);
    const [comment] = await db.comments.where('ticketId').equals(id).toArray();
    await db.comments.delete(comment!.id);
    await indexer.settled();
    expect(await titles(indexer, 'handset')).toEqual([]);
    expect(await titles(indexer, 'phone')).toEqual(['Phone dead']);
  });

  it('saves a few seconds after changes stop, and rebuilds when the saved copy is unreadable', async () => {
    const { db, store, start } = await setup();
    const timers = manualTimers();
    const indexer = start(timers);
    await indexer.settled();
    await createIncident(db, 'Projector fan noisy');
    await indexer.settled();
    expect(timers.pending()).toEqual([3_000]);
    timers.runAll();
    await indexer.flush();
    expect(indexer.stats().saves).toBe(1);
    expect((await store.load())?.index.ids).toContain((await db.tickets.toArray())[0]!.id);
    indexer.stop();

    const raw = new Dexie(`${db.name}:search`);
    raw.version(1).stores({ snapshots: 'key' });
    await raw.table('snapshots').update('tickets', { 'index.flags': 'garbage' });
    raw.close();
    const again = start();
    await again.settled();
    expect(again.stats().start).toBe('built');
    expect(await titles(again, 'projector')).toEqual(['Projector fan noisy']);
  });

  it('puts the ticket whose number is typed first', async () => {
    const { db, start } = await setup();
    const a = await createIncident(db, 'Disk full');
    await createIncident(db, 'Disk full again', 'See the other disk full ticket');
    await db.tickets.update(a, { number: 'INC0000042' });
    const indexer = start();
    await indexer.settled();
    const { results } = await indexer.search('INC0000042');
    expect(results[0]).toMatchObject({ id: a, label: 'INC0000042', exactNumber: true });
  });
});
