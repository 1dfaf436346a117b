import { allTickets } from '../../src/renderer/db/ticket-packs';
import { afterEach, describe, expect, it } from 'vitest';
import { seedHub } from '../../src/server/seed';
import { DIALECTS, FAST_SCRYPT } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { TestClient } from './sync/test-client';

describe.each(DIALECTS)('npm run seed (%s)', (dialect) => {
  let hub: SyncHub;
  afterEach(async () => {
    await hub?.close();
  });

  it('replays generated histories through the hub so agents sync numbered tickets', async () => {
    hub = await startSyncHub(dialect);
    const summary = await seedHub(hub.db, {
      tickets: 40,
      seed: 7,
      password: 'seeded-password',
      nowMs: hub.clock.now(),
      scrypt: FAST_SCRYPT,
      batch: 7,
    });
    expect(summary.tickets).toBe(40);
    expect(summary.mutations).toBeGreaterThan(40);
    const rows = await hub.db.kysely.selectFrom('tickets').select(['number', 'queue_id']).execute();
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.number)).size).toBe(40);
    for (const r of rows) expect(r.number).toMatch(/^(INC|REQ|PRB|CHG)\d{7}$/);

    // An agent of the busiest queue signs in with the seed password and receives its tickets.
    const busiest = [
      ...rows.reduce(
        (m, r) => m.set(r.queue_id, (m.get(r.queue_id) ?? 0) + 1),
        new Map<string, number>(),
      ),
    ].sort((a, b) => b[1] - a[1])[0]![0];
    const agent = await hub.db.kysely
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select('users.username')
      .where('memberships.queue_id', '=', busiest)
      .where('users.roles', 'like', '%agent%')
      .executeTakeFirstOrThrow();
    const client = new TestClient(hub, {
      name: 'seeded',
      username: agent.username,
      password: 'seeded-password',
    });
    await client.signIn();
    await client.open();
    await client.engine.syncOnce();
    // Closed and cancelled tickets arrive packed (ticket-packs.ts): count both.
    const local = (await allTickets(client.db)).filter((t) => t.queueId === busiest).length;
    expect(local).toBe(rows.filter((r) => r.queue_id === busiest).length);
    expect(await client.db.users.count()).toBeGreaterThan(5000);
  });
});
