import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pgLib from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createHttpTransport } from '../../src/renderer/sync/transport';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres-database';
import { spawnHubCli, type HubProcess } from '../fixtures/hub-process';
import type { SyncHub } from './sync/sync-hub';
import { TestClient } from './sync/test-client';

/**
 * Scale-out (ARCHITECTURE.md): two hub processes on one PostgreSQL, clients
 * split between them. A commit on either hub pokes the event streams of
 * both (LISTEN/NOTIFY), and both serve the same data.
 */
const ADMIN_PASSWORD = 'scale-out-admin-password';

describe('two hub processes on one PostgreSQL', () => {
  let pg: TestDatabase;
  const dirs: string[] = [];
  const hubs: HubProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    pg = await createTestDatabase(inject('pgUrl'));
    for (let i = 0; i < 2; i++) {
      const dir = await mkdtemp(join(tmpdir(), `outpost-scale-${i}-`));
      dirs.push(dir);
      const hub = spawnHubCli(['--port', '0', '--data-dir', dir, '--database-url', pg.url], {
        env: { OUTPOST_INIT_ADMIN: `admin:${ADMIN_PASSWORD}` },
      });
      hubs.push(hub);
    }
    for (const h of hubs) urls.push(await h.listening);
  }, 120_000);

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await pg?.drop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const call = async (
    base: string,
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Record<string, any>;
  };

  it('pokes clients of the other hub and serves them the same tickets', async () => {
    const admin = (
      await call(urls[0]!, 'POST', '/auth/login', null, {
        username: 'admin',
        password: ADMIN_PASSWORD,
      })
    ).token as string;
    const queue = (await call(urls[0]!, 'POST', '/admin/queues', admin, { name: 'Service Desk' }))
      .queue.id as string;
    for (const u of ['ana', 'ben']) {
      await call(urls[1]!, 'POST', '/admin/users', admin, {
        username: u,
        displayName: u,
        password: 'sync-harness-password',
        roles: ['agent'],
        queueIds: [queue],
      });
    }
    const hubAt = (url: string) =>
      ({
        url,
        urlOf: () => url,
        instances: 1,
        clock: { now: () => Date.now() },
      }) as unknown as SyncHub;
    const ana = new TestClient(hubAt(urls[0]!), {
      name: 'ana@hub1',
      username: 'ana',
      password: 'sync-harness-password',
    });
    const ben = new TestClient(hubAt(urls[1]!), {
      name: 'ben@hub2',
      username: 'ben',
      password: 'sync-harness-password',
    });
    for (const c of [ana, ben]) {
      await c.signIn();
      await c.open();
      await c.engine.syncOnce();
    }

    // Ben listens on hub 2; Ana writes through hub 1.
    const stream = new AbortController();
    const benTransport = createHttpTransport({
      base: urls[1]!,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as object), authorization: `Bearer ${ben.token}` },
        }),
    });
    // Every poke's seq; resolved when one names the seq Ana's commit reached.
    const pokes: number[] = [];
    let awaited: number | null = null;
    let poked!: () => void;
    const pokedOnHub2 = new Promise<void>((resolve) => (poked = resolve));
    const listening = benTransport.events((seq) => {
      pokes.push(seq);
      if (seq === awaited) poked();
    }, stream.signal);

    const id = ana.newId();
    const r = await ana.mutate({
      name: 'incident.create',
      version: 1,
      args: {
        id,
        title: 'Core switch reboot loop',
        queueId: queue,
        impact: 1,
        urgency: 1,
        requesterId: ana.actor.userId,
      },
    });
    expect(r.ok).toBe(true);
    await ana.engine.syncOnce();
    // The poke names the seq the commit reached (read by the NOTIFY itself, after COMMIT).
    const db = new pgLib.Client({ connectionString: pg.url });
    await db.connect();
    const head = await db.query<{ value: string }>(`select value from counters where name = 'seq'`);
    await db.end();
    awaited = Number(head.rows[0]!.value);
    if (pokes.includes(awaited)) poked();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      pokedOnHub2,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `hub 2 never poked its client with seq ${awaited} after a commit on hub 1 (pokes: ${pokes.join(', ')})`,
              ),
            ),
          30_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    await ben.engine.syncOnce();
    expect((await ben.db.tickets.get(id))?.number).toMatch(/^INC\d{7}$/);

    // And back: Ben's comment through hub 2 reaches Ana through hub 1.
    const cid = ben.newId();
    await ben.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: { id: cid, ticketId: id, body: 'On it', visibility: 'public' },
    });
    await ben.engine.syncOnce();
    await ana.engine.syncOnce();
    expect((await ana.db.comments.get(cid))?.body).toBe('On it');
    stream.abort();
    await listening;
  });
});
