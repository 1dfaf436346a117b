import type { FastifyInstance } from 'fastify';
import { API_PREFIX, type Session } from '../../../src/shared/api/accounts';
import type { Role } from '../../../src/shared/domain/accounts';
import { createHub, defaultAppConfig, type HubAppConfig } from '../../../src/server/app';
import { createManualClock, type ManualClock } from '../../../src/server/clock';
import { openDatabase, type Dialect, type HubDatabase } from '../../../src/server/storage/database';
import { currentSeq } from '../../../src/server/sync/change-log';
import {
  createLocalPokeBus,
  createPostgresPokeBus,
  type PokeBus,
} from '../../../src/server/sync/pokes';
import { FAST_SCRYPT, silentLog } from '../../fixtures/hub-fixture';
import { freshStore, type HubStore } from './hub-store';

export interface SyncHub {
  /** The first instance's address (the only one unless `instances` > 1). */
  readonly url: string;
  /** Hub instances sharing one database (PostgreSQL scale-out); clients are split between them. */
  readonly instances: number;
  /** Address of instance `i` (stable across restarts). */
  urlOf(i: number): string;
  readonly db: HubDatabase;
  readonly app: FastifyInstance;
  readonly clock: ManualClock;
  readonly dialect: Dialect;
  adminToken: string;
  /**
   * Closes instance `i` (all instances when omitted) abruptly (open requests
   * fail) and starts it again on the same port and data.
   */
  restart(i?: number): Promise<void>;
  /**
   * The hub "dies" after committing `n` more mutations (on whichever instance
   * commits them): the push in progress stops there with a 500 and the rest
   * of its batch is never applied.
   */
  crashAfterCommits(n: number | null): void;
  /** Compacts the whole change log (POST /sync/v1/compact as the admin). */
  compact(): Promise<void>;
  /** True once a crash armed by crashAfterCommits has happened (restart it). */
  readonly crashed: boolean;
  /** Restarts the instances that crashed. */
  recover(): Promise<void>;
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
  /** Stops every instance and drops the data. */
  close(): Promise<void>;
  /** Stops every instance and keeps the data (to use it as a template). */
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: ManualClock;
  instances?: number;
  /** Data to run on (default: a fresh store); it is dropped by close(). */
  store?: HubStore;
  /**
   * A session of the admin already in `store`: the store is a copy of one
   * already migrated and set up, so neither is done again.
   */
  adminToken?: string;
  /** Told the SQL of every statement the hub runs through its pool. */
  onQuery?: (sql: string) => void;
  /** Settings of the hub app (default: defaultAppConfig with fast scrypt). */
  config?: Partial<HubAppConfig>;
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

interface Instance {
  db: HubDatabase;
  app: FastifyInstance;
  pokes: PokeBus;
  port: number;
  crashed: boolean;
}

/**
 * A real hub over real HTTP on 127.0.0.1, on a temp SQLite file or a fresh
 * PostgreSQL database. With `instances: 2` (PostgreSQL only) two hubs with
 * their own connection pools and poke listeners share the database, like two
 * hub processes behind a load balancer.
 */
export async function startSyncHub(dialect: Dialect, opts: StartOptions = {}): Promise<SyncHub> {
  const clock = opts.clock ?? createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const count = opts.instances ?? 1;
  if (count > 1 && dialect !== 'postgres') {
    throw new Error('several hub instances share a database only on PostgreSQL');
  }
  const store = opts.store ?? (await freshStore(dialect));
  const target = store.target;
  let crashIn: number | null = null;
  const boot = async (port: number): Promise<Instance> => {
    const db = await openDatabase(target, {
      poolSize: 6,
      migrate: !opts.adminToken,
      ...(opts.onQuery && { onQuery: opts.onQuery }),
    });
    const bus =
      target.kind === 'postgres'
        ? await createPostgresPokeBus(target.url, silentLog(), () => currentSeq(db.kysely))
        : createLocalPokeBus();
    const inst = { db, pokes: bus, port, crashed: false } as Instance;
    const crashing: PokeBus = {
      ...bus,
      publish(seq, scope) {
        if (crashIn !== null && --crashIn <= 0) {
          crashIn = null;
          inst.crashed = true;
          throw new Error('simulated hub crash after commit');
        }
        bus.publish(seq, scope);
      },
    };
    inst.app = createHub({
      db,
      clock,
      log: silentLog(),
      config: defaultAppConfig({ scrypt: FAST_SCRYPT, ...opts.config }),
      pokes: crashing,
    });
    await inst.app.listen({ host: '127.0.0.1', port });
    const addr = inst.app.server.address();
    inst.port = typeof addr === 'object' && addr ? addr.port : port;
    return inst;
  };
  const shutdown = async (inst: Instance) => {
    inst.app.server.closeAllConnections();
    await inst.app.close();
    await inst.pokes.close();
    await inst.db.close();
  };
  // One after the other: the first applies the migrations the others then find done.
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) instances.push(await boot(0));
  const first = () => instances[0]!;
  const restartOne = async (i: number) => {
    const old = instances[i]!;
    await shutdown(old);
    instances[i] = await boot(old.port);
  };

  const login = async () => {
    const res = await fetchRetrying(`${hub.url}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`admin login: ${res.status} ${await res.text()}`);
    hub.adminToken = ((await res.json()) as Session).token;
  };
  /** The admin's session expires too when the harness jumps weeks ahead; sign in again. */
  const asAdmin = async (call: () => Promise<Response>): Promise<Response> => {
    const res = await call();
    if (res.status !== 401) return res;
    await res.arrayBuffer();
    await login();
    return call();
  };

  const hub: SyncHub = {
    get url() {
      return hub.urlOf(0);
    },
    instances: count,
    urlOf(i) {
      return `http://127.0.0.1:${instances[i % count]!.port}`;
    },
    get db() {
      return first().db;
    },
    get app() {
      return first().app;
    },
    clock,
    dialect,
    adminToken: '',
    async restart(i) {
      crashIn = null;
      if (i === undefined) for (let j = 0; j < count; j++) await restartOne(j);
      else await restartOne(i % count);
    },
    crashAfterCommits(n) {
      crashIn = n;
    },
    async compact() {
      const res = await asAdmin(() =>
        fetchRetrying(`${hub.url}/sync/v1/compact`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${hub.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ keepLast: 0 }),
        }),
      );
      if (res.status !== 200) throw new Error(`compact: ${res.status} ${await res.text()}`);
    },
    get crashed() {
      return instances.some((i) => i.crashed);
    },
    async recover() {
      crashIn = null;
      for (let i = 0; i < count; i++) if (instances[i]!.crashed) await restartOne(i);
    },
    async api(method, path, body, token) {
      const call = () =>
        fetchRetrying(`${hub.url}${API_PREFIX}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token ?? hub.adminToken}`,
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      const res = token === undefined ? await asAdmin(call) : await call();
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
      await hub.stop();
      await store.drop();
    },
    async stop() {
      for (const inst of instances) await shutdown(inst);
    },
  };
  if (opts.adminToken) {
    hub.adminToken = opts.adminToken;
    return hub;
  }
  const setup = await fetch(`${hub.url}${API_PREFIX}/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD, displayName: 'Admin' }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  hub.adminToken = ((await setup.json()) as Session).token;
  return hub;
}
