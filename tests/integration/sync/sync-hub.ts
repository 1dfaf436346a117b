import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { API_PREFIX, type Session } from '../../../src/shared/api/accounts';
import type { Role } from '../../../src/shared/domain/accounts';
import { createHub, defaultAppConfig } from '../../../src/server/app';
import { createManualClock, type ManualClock } from '../../../src/server/clock';
import {
  openDatabase,
  type DatabaseTarget,
  type Dialect,
  type HubDatabase,
} from '../../../src/server/storage/database';
import {
  createLocalPokeBus,
  createPostgresPokeBus,
  type PokeBus,
} from '../../../src/server/sync/pokes';
import { createTestDatabase } from '../../fixtures/postgres-database';
import { FAST_SCRYPT, silentLog } from '../../fixtures/hub-fixture';

export interface SyncHub {
  readonly url: string;
  readonly db: HubDatabase;
  readonly app: FastifyInstance;
  readonly clock: ManualClock;
  readonly dialect: Dialect;
  adminToken: string;
  /** Closes the hub abruptly (open requests fail) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /**
   * The hub "dies" after committing `n` more mutations: the push in progress
   * stops there with a 500 and the rest of its batch is never applied.
   */
  crashAfterCommits(n: number | null): void;
  /** Compacts the whole change log (POST /sync/v1/compact as the admin). */
  compact(): Promise<void>;
  /** True once a crash armed by crashAfterCommits has happened (restart it). */
  readonly crashed: boolean;
  /** JSON call to the hub's API as the admin (or with another token). */
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; json: T }>;
  createQueue(name: string): Promise<string>;
  createUser(
    username: string,
    roles: Role[],
    queueIds: string[],
  ): Promise<{ id: string; password: string }>;
  setQueues(userId: string, queueIds: string[]): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'sync-harness-password';

/**
 * After a restart, fetch may first pick a pooled socket the old server closed;
 * a real client treats that as a dropped request and retries, so do the harness's calls.
 */
export async function fetchRetrying(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** A real hub over real HTTP on 127.0.0.1, on a temp SQLite file or a fresh PostgreSQL database. */
export async function startSyncHub(
  dialect: Dialect,
  opts: { clock?: ManualClock } = {},
): Promise<SyncHub> {
  const clock = opts.clock ?? createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  let target: DatabaseTarget;
  let dropData: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'outpost-sync-'));
    target = { kind: 'sqlite', file: join(dir, 'outpost.db') };
    dropData = () => rm(dir, { recursive: true, force: true });
  } else {
    const pgDb = await createTestDatabase(inject('pgUrl'));
    target = { kind: 'postgres', url: pgDb.url };
    dropData = () => pgDb.drop();
  }
  let db: HubDatabase;
  let app: FastifyInstance;
  let pokes: PokeBus;
  let port = 0;
  let crashIn: number | null = null;
  let crashed = false;
  const boot = async () => {
    db = await openDatabase(target, { poolSize: 6 });
    const bus =
      target.kind === 'postgres'
        ? await createPostgresPokeBus(target.url, silentLog())
        : createLocalPokeBus();
    pokes = bus;
    const crashing: PokeBus = {
      ...bus,
      publish(seq) {
        if (crashIn !== null && --crashIn <= 0) {
          crashIn = null;
          crashed = true;
          throw new Error('simulated hub crash after commit');
        }
        bus.publish(seq);
      },
    };
    app = createHub({
      db,
      clock,
      log: silentLog(),
      config: defaultAppConfig({ scrypt: FAST_SCRYPT }),
      pokes: crashing,
    });
    await app.listen({ host: '127.0.0.1', port });
    const addr = app.server.address();
    port = typeof addr === 'object' && addr ? addr.port : port;
  };
  await boot();
  const shutdown = async () => {
    app.server.closeAllConnections();
    await app.close();
    await pokes.close();
    await db.close();
  };
  const hub: SyncHub = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get db() {
      return db;
    },
    get app() {
      return app;
    },
    clock,
    dialect,
    adminToken: '',
    async restart() {
      await shutdown();
      crashed = false;
      crashIn = null;
      await boot();
    },
    crashAfterCommits(n) {
      crashIn = n;
    },
    async compact() {
      const res = await fetchRetrying(`${hub.url}/sync/v1/compact`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ keepLast: 0 }),
      });
      if (res.status !== 200) throw new Error(`compact: ${res.status} ${await res.text()}`);
    },
    get crashed() {
      return crashed;
    },
    async api(method, path, body, token) {
      const res = await fetchRetrying(`${hub.url}${API_PREFIX}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token ?? hub.adminToken}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as never };
    },
    async createQueue(name) {
      const r = await hub.api<{ queue: { id: string } }>('POST', '/admin/queues', { name });
      if (r.status !== 201) throw new Error(`create queue: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json.queue.id;
    },
    async createUser(username, roles, queueIds) {
      const r = await hub.api<{ user: { id: string } }>('POST', '/admin/users', {
        username,
        displayName: username,
        password: PASSWORD,
        roles,
        queueIds,
      });
      if (r.status !== 201) throw new Error(`create user: ${r.status} ${JSON.stringify(r.json)}`);
      return { id: r.json.user.id, password: PASSWORD };
    },
    async setQueues(userId, queueIds) {
      const r = await hub.api('PATCH', `/admin/users/${userId}`, { queueIds });
      if (r.status !== 200) throw new Error(`set queues: ${r.status} ${JSON.stringify(r.json)}`);
    },
    async close() {
      await shutdown();
      await dropData();
    },
  };
  const setup = await fetch(`${hub.url}${API_PREFIX}/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD, displayName: 'Admin' }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  hub.adminToken = ((await setup.json()) as Session).token;
  return hub;
}
