import { describe, expect, it } from 'vitest';
import type { ConflictId, TicketId } from '../../shared/ids';
import { derivedId } from '../../shared/sync/mutations/derived-id';
import { baseFor } from '../../shared/sync/mutations/set-fields';
import { DISMISSED_PREFIX as TICKET_PAGE_DISMISSED_PREFIX } from '../features/ticket/use-ticket-data';
import { DISMISSED_PREFIX, TOO_LARGE_CODE } from './oversized';
import { readSyncMeta, saveSyncMeta } from './sync-meta';
import { createFakeSyncHub, incidentArgs, openDevice } from './sync-test-kit';

/** 20,000 characters (the longest description allowed) of 3-byte UTF-8: 60 KB of JSON. */
const longText = '€'.repeat(20_000);

describe('push of an outbox larger than the hub accepts at once', () => {
  it('halves the batch after a 413 until it fits, sending every edit once and in order', async () => {
    const hub = createFakeSyncHub();
    const { db, engine } = openDevice(hub);
    await engine.syncOnce();
    hub.offline = true;
    for (let i = 0; i < 200; i++) {
      const r = await engine.mutate({
        name: 'incident.create',
        version: 1,
        args: incidentArgs(hub, { title: `Outage report ${i + 1}`, description: longText }),
      });
      expect(r.ok).toBe(true);
    }
    hub.offline = false;

    await engine.syncOnce();

    // 200 × 60 KB = 12 MB: refused whole, then two halves of 6 MB under the 8 MiB limit.
    expect(hub.pushes.map((p) => [p.mutations, p.status])).toEqual([
      [200, 413],
      [100, 200],
      [100, 200],
    ]);
    expect(hub.decided.map((d) => d.id)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(hub.decided.every((d) => d.status === 'applied')).toBe(true);
    expect(hub.tickets()).toHaveLength(200);
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });

  it('turns one edit too large to send even alone into a conflict for its author, and sends the rest', async () => {
    const hub = createFakeSyncHub();
    // A reverse proxy in front of the hub with a small body limit.
    hub.bodyLimit = 40 * 1024;
    const { db, engine } = openDevice(hub);
    const ticketId = incidentArgs(hub).id as TicketId;
    await engine.mutate({
      name: 'incident.create',
      version: 1,
      args: incidentArgs(hub, { id: ticketId }),
    });
    await engine.syncOnce();
    hub.offline = true;
    const edit = async (fields: Record<string, unknown>) => {
      const ticket = (await db.tickets.get(ticketId))!;
      const r = await engine.mutate({
        name: 'ticket.setFields',
        version: 1,
        args: { ticketId, fields, base: baseFor(ticket, fields as never) },
      });
      expect(r.ok).toBe(true);
    };
    await edit({ title: 'VPN drops on Wi-Fi only' });
    await edit({ description: longText });
    await edit({ impact: 1 });
    hub.offline = false;

    await engine.syncOnce();

    // Ids 1 (create) and 2 (title) applied, 3 settled by its stand-in, 4 applied after it.
    expect(hub.decided.map((d) => [d.id, d.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'rejected'],
      [4, 'applied'],
    ]);
    expect(hub.tickets()[0]).toMatchObject({ title: 'VPN drops on Wi-Fi only', impact: 1 });
    expect(hub.tickets()[0]!.description).not.toBe(longText);
    // Every push was bounded; nothing is left to retry.
    expect(hub.pushes.length).toBeLessThan(10);
    expect(await db.outbox.count()).toBe(0);

    const conflicts = (await db.conflicts.toArray()).filter((c) => c.code === TOO_LARGE_CODE);
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({
      ticketId,
      mutation: 'ticket.setFields@1',
      userId: hub.actor.userId,
    });
    expect(conflict!.message).toMatch(/too large to send to the hub/);
    expect(conflict!.message).toMatch(/59 KB/);
    // What the user typed is kept, whole.
    expect((conflict!.mine as { fields: { description: string } }).fields.description).toBe(
      longText,
    );
    // The local copy shows the hub's state again, not the edit that never got there.
    expect((await db.tickets.get(ticketId))!.description).toBe(hub.tickets()[0]!.description);
    // The hub's own record of the stand-in arrives too, already dismissed on this device.
    const meta = (await readSyncMeta(db))!;
    const hubRecord = derivedId<ConflictId>('rejected', meta.clientId, '3');
    expect(await db.conflicts.get(hubRecord)).toBeDefined();
    expect(await db.settings.get(`${DISMISSED_PREFIX}${hubRecord}`)).toBeDefined();

    // A later bootstrap (access change, compaction) keeps the conflict the hub never had.
    await saveSyncMeta(db, { ...meta, bootstrapped: false });
    await engine.syncOnce();
    expect(hub.bootstraps).toBe(2);
    expect(await db.conflicts.get(conflict!.id)).toBeDefined();
    db.close();
  });

  it('dismisses with the key the ticket page reads', () => {
    expect(DISMISSED_PREFIX).toBe(TICKET_PAGE_DISMISSED_PREFIX);
  });
});
