import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketId } from '../../shared/ids';
import { newId, type CommentId } from '../../shared/ids';
import { openOrRebuild } from './rebuild';
import { createFakeSyncHub, incidentArgs, openDevice } from './sync-test-kit';
import { damagedIndexedDb, freshIndexedDb } from './test-platform';

/**
 * Ana's device: a ticket synced from the hub, then three comments made
 * offline that only this device (and its journal) has.
 */
const deviceWithUnsentComments = async () => {
  const hub = createFakeSyncHub();
  const deps = freshIndexedDb();
  const before = openDevice(hub, { deps });
  const ticketId = incidentArgs(hub).id as TicketId;
  await before.engine.mutate({
    name: 'incident.create',
    version: 1,
    args: incidentArgs(hub, { id: ticketId }),
  });
  await before.engine.syncOnce();
  hub.offline = true;
  const bodies = ['Rebooted the router', 'Still failing at 10:40', 'Replaced the cable'];
  for (const body of bodies) {
    const r = await before.engine.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: { id: newId<CommentId>(), ticketId, body, visibility: 'internal' },
    });
    expect(r.ok).toBe(true);
  }
  before.db.close();
  return { hub, deps, ticketId, bodies };
};

describe('a local database that cannot be opened', () => {
  beforeEach(() => {
    // Dexie retries a Chromium UnknownError a few times, warning each time.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('is rebuilt from the hub, and the unsent edits in the journal are replayed and sent', async () => {
    const { hub, deps, ticketId, bodies } = await deviceWithUnsentComments();
    hub.offline = false;
    const disk = damagedIndexedDb(deps, 'device');
    const after = openDevice(hub, { deps: disk.deps });

    const opening = await openOrRebuild(after.db);
    expect(opening).toMatchObject({ kind: 'rebuilt' });
    expect(opening.kind === 'rebuilt' && opening.reason).toMatch(/backing store/);
    expect(disk.opens.failed).toBeGreaterThan(0);
    expect(await after.engine.replayJournal()).toBe(3);

    await after.engine.syncOnce();
    // The ticket is back from the hub, with the three comments, each sent exactly once.
    expect((await after.db.tickets.get(ticketId))?.id).toBe(ticketId);
    const comments = await after.db.comments.where('ticketId').equals(ticketId).toArray();
    expect(comments.map((c) => c.body).sort()).toEqual([...bodies].sort());
    expect(hub.decided.filter((d) => d.name === 'ticket.addComment')).toHaveLength(3);
    expect(hub.records('comment')).toHaveLength(3);
    expect(await after.db.outbox.count()).toBe(0);
    expect(await after.journal.list()).toEqual([]);
    after.db.close();
  });

  it('keeps the journal while offline and sends the edits once the hub is back', async () => {
    const { hub, deps, ticketId } = await deviceWithUnsentComments();
    const disk = damagedIndexedDb(deps, 'device');
    const after = openDevice(hub, { deps: disk.deps });

    expect(await openOrRebuild(after.db)).toMatchObject({ kind: 'rebuilt' });
    expect(await after.engine.replayJournal()).toBe(3);
    await expect(after.engine.syncOnce()).rejects.toThrow(/cannot reach the hub/);
    expect(after.engine.status().connection).toBe('offline');
    // Nothing is trimmed or lost while the hub is out of reach.
    expect(await after.journal.list()).toHaveLength(3);
    expect(await after.db.outbox.count()).toBe(3);

    hub.offline = false;
    await after.engine.syncOnce();
    expect(hub.records('comment')).toHaveLength(3);
    expect(await after.db.comments.where('ticketId').equals(ticketId).count()).toBe(3);
    expect(await after.journal.list()).toEqual([]);
    after.db.close();
  });

  it('is rebuilt when it opens but its sync state is unreadable', async () => {
    const { hub, deps } = await deviceWithUnsentComments();
    const broken = openDevice(hub, { deps });
    await broken.db.syncState.put({ key: 'sync', value: 'garbage' });
    broken.db.close();

    const after = openDevice(hub, { deps });
    const opening = await openOrRebuild(after.db);
    expect(opening).toMatchObject({ kind: 'rebuilt', reason: expect.stringMatching(/unreadable/) });
    expect(await after.engine.replayJournal()).toBe(3);
    hub.offline = false;
    await after.engine.syncOnce();
    expect(hub.records('comment')).toHaveLength(3);
    after.db.close();
  });

  it('leaves the store alone when it is closed while opening (a screen unmounting)', async () => {
    const { hub, deps } = await deviceWithUnsentComments();
    const device = openDevice(hub, { deps });
    const opening = openOrRebuild(device.db);
    device.db.close();
    expect(await opening).toMatchObject({ kind: 'failed' });
    const again = openDevice(hub, { deps });
    expect(await openOrRebuild(again.db)).toEqual({ kind: 'opened' });
    expect(await again.db.outbox.count()).toBe(3);
    expect(await again.db.tickets.count()).toBe(1);
    again.db.close();
  });

  it('reports a browser without IndexedDB instead of deleting anything', async () => {
    const hub = createFakeSyncHub();
    const deps = { ...freshIndexedDb(), indexedDB: undefined as unknown as IDBFactory };
    const device = openDevice(hub, { deps });
    const opening = await openOrRebuild(device.db);
    expect(opening).toMatchObject({ kind: 'failed' });
    expect(opening.kind === 'failed' && opening.message).toMatch(/could not be opened/);
  });
});
