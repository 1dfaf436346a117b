import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { wire } from './sync/wire';

/**
 * PostgreSQL breaks a deadlock between two hubs' push chunks by failing one
 * of them (40P01). The hub then runs that chunk again one mutation per
 * transaction (push.ts). A real deadlock cannot be timed in a test, so a
 * trigger fails the first attempt with the same error code, once: a
 * sequence counts attempts because, unlike a table, it is not rolled back.
 */
describe('a push chunk that PostgreSQL fails with a deadlock', () => {
  let hub: SyncHub;
  beforeEach(async () => {
    hub = await startSyncHub('postgres');
  });
  afterEach(async () => {
    await hub.close();
  });

  it('runs again one mutation at a time: every mutation applied once, in order, none lost', async () => {
    const k = hub.db.kysely;
    await sql`CREATE SEQUENCE deadlock_attempts`.execute(k);
    await sql`
      CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.data::jsonb ->> 'title' = 'Deadlocked once' AND nextval('deadlock_attempts') = 1 THEN
          RAISE EXCEPTION 'deadlock detected (simulated)' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$`.execute(k);
    await sql`CREATE TRIGGER fail_once BEFORE INSERT OR UPDATE ON tickets
      FOR EACH ROW EXECUTE FUNCTION fail_once()`.execute(k);

    const kit = wire(hub);
    const { queue, anaId, token, clientId, begin } = await kit.agentClient();
    const titles = ['Printer jam', 'Deadlocked once', 'VPN drops'];
    const ids = titles.map(() => newId());
    const pushAll = () =>
      kit.post(
        'push',
        {
          protocol: 2,
          clientId,
          mutations: titles.map((title, i) =>
            kit.incidentCreate(i + 1, {
              ticketId: ids[i]!,
              title,
              queueId: queue,
              requesterId: anaId,
            }),
          ),
        },
        token,
      );
    const pushed = await pushAll();
    expect(pushed.status).toBe(200);
    expect(pushed.json.results).toEqual([
      { id: 1, status: 'applied' },
      { id: 2, status: 'applied' },
      { id: 3, status: 'applied' },
    ]);
    expect(pushed.json.lastMutationId).toBe(3);
    // The trigger did fire: the first attempt failed and a second one ran.
    const attempts = await sql<{
      n: string;
    }>`SELECT last_value AS n FROM deadlock_attempts`.execute(k);
    expect(Number(attempts.rows[0]!.n)).toBe(2);

    const pulled = await kit.post(
      'pull',
      { protocol: 2, clientId, cursor: begin.cursor, aclHash: begin.aclHash },
      token,
    );
    const tickets = (
      pulled.json.changes as {
        entity: string;
        id: string;
        data: { title: string; number: string };
      }[]
    ).filter((c) => c.entity === 'ticket');
    expect(tickets.map((c) => c.id)).toEqual(ids);
    expect(tickets.map((c) => c.data.title)).toEqual(titles);
    expect(new Set(tickets.map((c) => c.data.number)).size).toBe(3);
    const results = await k
      .selectFrom('mutation_results')
      .select(['mutation_id', 'status'])
      .where('client_id', '=', clientId)
      .orderBy('mutation_id')
      .execute();
    expect(results.map((r) => [Number(r.mutation_id), r.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
    ]);

    // A retry of the same push (its response lost) is answered from the stored results.
    const again = await pushAll();
    expect(again.json.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await k.selectFrom('tickets').select('id').execute()).toHaveLength(3);
  });
});
