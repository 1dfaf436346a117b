import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { API_PREFIX, type Session } from '../../../src/shared/api/accounts';
import type { Actor } from '../../../src/shared/domain/actor';
import { newId, type ClientId } from '../../../src/shared/ids';
import { derivedId } from '../../../src/shared/sync/mutations/derived-id';
import { freshSyncMeta, readSyncMeta, saveSyncMeta } from '../../../src/renderer/sync/sync-meta';
import { openOutpostDbByName, type OutpostDb } from '../../../src/renderer/db/database';
import { createSyncEngine, SyncFailure, type SyncEngine } from '../../../src/renderer/sync/engine';
import { createIndexedDbJournal, type MutationJournal } from '../../../src/renderer/sync/journal';
import type { MutationRequest } from '../../../src/renderer/sync/mutate';
import { createHttpTransport } from '../../../src/renderer/sync/transport';
import { fetchRetrying, type SyncHub } from './sync-hub';

/**
 * What a test does to one HTTP exchange before or after it reaches the hub.
 * 'duplicate' sends it twice one after the other; 'concurrent' sends it twice
 * at once (to the other hub instance when there are two), so the client-row
 * lock, not request order, must keep the mutations exactly-once.
 */
export type Fault = 'none' | 'drop-request' | 'drop-response' | 'duplicate' | 'concurrent';
export type FaultTarget = 'push' | 'pull' | 'bootstrap' | 'any';

export interface TestClientOptions {
  name: string;
  username: string;
  password: string;
  /** This device's clock minus the hub's (a laptop days ahead or behind). */
  skewMs?: number;
  /** Which hub instance this device talks to (default 0). */
  instance?: number;
}

/**
 * The real client sync code (Dexie store, outbox, rebase, journal, HTTP
 * transport) on its own fake IndexedDB, talking to the hub over real HTTP
 * through a fetch that can go offline and inject faults.
 */
export class TestClient {
  readonly idb = new IDBFactory();
  readonly deps = {
    indexedDB: this.idb as unknown as IDBFactory,
    IDBKeyRange: IDBKeyRange as unknown as typeof globalThis.IDBKeyRange,
  };
  db!: OutpostDb;
  journal!: MutationJournal;
  engine!: SyncEngine;
  actor!: Actor;
  token = '';
  online = true;
  /** Set when the hub said the session is gone; the user signs in again. */
  private sessionLost = false;
  private opened = false;
  skewMs: number;
  /** Faults armed for the next matching requests ('push', 'pull', 'bootstrap' or any). */
  faults: { fault: Fault; on: FaultTarget }[] = [];
  /** Requests captured for replaying later (reordered duplicates). */
  captured: { url: string; init: RequestInit }[] = [];

  constructor(
    readonly hub: SyncHub,
    readonly options: TestClientOptions,
  ) {
    this.skewMs = options.skewMs ?? 0;
  }

  get clientId(): ClientId {
    return derivedId<ClientId>('test-client', this.options.name);
  }

  get dbName() {
    return `client:${this.options.name}`;
  }

  now = () => this.hub.clock.now() + this.skewMs;

  /** The hub instance this device talks to. */
  get base(): string {
    return this.hub.urlOf(this.options.instance ?? 0);
  }

  /** Where a 'concurrent' twin goes: the other instance if there is one. */
  private get twinBase(): string {
    return this.hub.urlOf((this.options.instance ?? 0) + 1);
  }

  async signIn(): Promise<void> {
    const res = await fetchRetrying(`${this.base}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.options.username, password: this.options.password }),
    });
    if (res.status !== 200) throw new Error(`login ${this.options.username}: ${res.status}`);
    const session = (await res.json()) as Session;
    this.token = session.token;
    this.sessionLost = false;
    this.actor = {
      userId: session.user.id,
      roles: session.user.roles,
      queueIds: session.user.queueIds,
    };
  }

  async refreshActor(): Promise<Actor> {
    if (!this.online) throw new TypeError('fetch failed (offline)');
    const res = await fetchRetrying(`${this.base}${API_PREFIX}/auth/me`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.status === 401) {
      this.sessionLost = true;
      throw new Error(`${this.options.name}: session expired (${await res.text()})`);
    }
    const me = (await res.json()) as { user: Session['user'] };
    this.actor = { userId: me.user.id, roles: me.user.roles, queueIds: me.user.queueIds };
    return this.actor;
  }

  private fetchImpl: typeof fetch = async (input, init = {}) => {
    if (!this.online) throw new TypeError('fetch failed (offline)');
    const url = String(input);
    const withAuth: RequestInit = {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: `Bearer ${this.token}`,
      },
    };
    const i = this.faults.findIndex(
      (f) => (f.on === 'any' && !url.includes('/events')) || url.includes(`/sync/v1/${f.on}`),
    );
    const fault = i < 0 ? 'none' : this.faults.splice(i, 1)[0]!.fault;
    if (fault === 'drop-request') throw new TypeError('fetch failed (request dropped)');
    if (url.includes('/sync/v1/push')) this.captured.push({ url, init: withAuth });
    if (fault === 'duplicate') await fetch(url, withAuth).then((r) => r.arrayBuffer());
    let res: Response;
    if (fault === 'concurrent') {
      const twin = url.replace(this.base, this.twinBase);
      const [mine, other] = await Promise.allSettled([fetch(url, withAuth), fetch(twin, withAuth)]);
      if (other.status === 'fulfilled') await other.value.arrayBuffer();
      if (mine.status === 'rejected') throw mine.reason;
      res = mine.value;
    } else {
      res = await fetch(url, withAuth);
    }
    if (fault === 'drop-response') {
      await res.arrayBuffer();
      throw new TypeError('fetch failed (response lost)');
    }
    return res;
  };

  /** Opens (or reopens, after a "kill") the local store and a fresh engine. */
  async open(): Promise<void> {
    this.db = openOutpostDbByName(this.dbName, this.deps);
    await this.db.open();
    // A client id derived from the name keeps replays of a seed deterministic
    // (HLC ties break on it). After a wipe the real recovery decides.
    if (!this.opened && !(await readSyncMeta(this.db))) {
      await saveSyncMeta(this.db, freshSyncMeta(this.clientId));
    }
    this.opened = true;
    this.journal = createIndexedDbJournal(this.dbName, this.deps);
    this.engine = createSyncEngine({
      db: this.db,
      transport: createHttpTransport({ base: this.base, fetch: this.fetchImpl }),
      journal: this.journal,
      actor: this.actor,
      now: this.now,
      refreshActor: () => this.refreshActor(),
    });
  }

  /** The process dies: in-memory state is gone, IndexedDB stays. */
  async kill(): Promise<void> {
    this.db.close();
    await this.open();
  }

  /** The main database is lost (wiped or corrupted); only the journal survives. */
  async wipeDatabase(): Promise<void> {
    this.db.close();
    await new Dexie(this.dbName, this.deps).delete();
    await this.open();
  }

  /** Sends an earlier push again, after newer ones (a delayed duplicate). */
  async replayCaptured(index: number): Promise<void> {
    const c = this.captured[index];
    if (!c || !this.online) return;
    await fetch(c.url, c.init).then((r) => r.arrayBuffer());
  }

  mutate(request: MutationRequest) {
    return this.engine.mutate(request);
  }

  /**
   * One sync round. When the hub says the session expired (weeks away), the
   * user signs in again, as the app asks them to, and the round is retried:
   * the outbox and the local store are untouched by signing in.
   */
  async sync(): Promise<void> {
    try {
      await this.engine.syncOnce();
    } catch (e) {
      const expired = this.sessionLost || (e instanceof SyncFailure && e.sessionLost);
      if (!expired || !this.online) throw e;
      await this.signIn();
      this.engine.setActor(this.actor);
      await this.engine.syncOnce();
    }
  }

  /** One sync round; failures from injected faults are expected and swallowed. */
  async trySync(): Promise<boolean> {
    try {
      await this.sync();
      return true;
    } catch {
      return false;
    }
  }

  newId = newId;
}

/** An incident `c` logs in `queueId` as its own requester (the mutation path, optimistic). */
export const createIncident = async (
  c: TestClient,
  queueId: string,
  title: string,
): Promise<string> => {
  const id = c.newId();
  const r = await c.mutate({
    name: 'incident.create',
    version: 1,
    args: { id, title, queueId, impact: 2, urgency: 2, requesterId: c.actor.userId },
  });
  if (!r.ok) throw new Error(`incident.create failed: ${JSON.stringify(r)}`);
  return id;
};
