import { allTickets } from '../../../src/renderer/db/ticket-packs';
import type { Role } from '../../../src/shared/domain/accounts';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { derivedId } from '../../../src/shared/sync/mutations/derived-id';
import { formatHlc } from '../../../src/shared/sync/hlc';
import type { Dialect } from '../../../src/server/storage/database';
import { readSyncMeta } from '../../../src/renderer/sync/sync-meta';
import { freshStore, templateOf } from './hub-store';
import { startSyncHub, type SyncHub } from './sync-hub';
import { TestClient } from './test-client';

/** The queues and the agents (with overlapping queues) of a convergence run. */
export interface Directory {
  queues: string[];
  users: { id: string; username: string; roles: Role[]; queues: number[] }[];
  /** The stamp each ticket seeded into the template was created with. */
  seeded: Record<string, string>;
}

/** The people of a convergence run and their devices. */
export interface World extends Directory {
  hub: SyncHub;
  clients: TestClient[];
  /** Every mutation a client wrote locally. */
  issued: Issued[];
  nextTitle: number;
}

/** Which child row a mutation inserts, found on the hub by a text unique to it. */
export interface ChildMarker {
  entity: 'comment' | 'worklog' | 'attachment';
  /** The comment's body, the work log's note or the attachment's file name. */
  text: string;
}

export interface Issued {
  client: TestClient;
  clientId: string;
  mutationId: number;
  name: string;
  args: Record<string, unknown>;
  hlc: string;
  child?: ChildMarker;
}

const PASSWORD = 'sync-harness-password';

async function seedDirectory(hub: SyncHub): Promise<Directory> {
  const queues = [
    await hub.createQueue('Service Desk'),
    await hub.createQueue('Network'),
    await hub.createQueue('Identity'),
  ];
  const plan: { username: string; roles: Role[]; queues: number[] }[] = [
    { username: 'ana', roles: ['agent'], queues: [0] },
    { username: 'ben', roles: ['agent'], queues: [0, 1] },
    { username: 'cho', roles: ['agent', 'change_manager'], queues: [1, 2] },
    { username: 'dev', roles: ['lead'], queues: [0, 1, 2] },
  ];
  const users = [];
  for (const p of plan) {
    const u = await hub.createUser(
      p.username,
      p.roles,
      p.queues.map((i) => queues[i]!),
    );
    users.push({ id: u.id, ...p });
  }
  return { queues, users, seeded: {} };
}

/**
 * Two tickets per queue that every agent of the queue will hold after the
 * first sync, so edits, transitions and comments of different devices meet on
 * the same tickets from the first step instead of only after creates happen to sync.
 */
async function seedTickets(hub: SyncHub, d: Directory): Promise<void> {
  const lead = d.users.find((u) => u.roles.includes('lead'))!;
  const login = await hub.api<{ token: string }>('POST', '/auth/login', {
    username: lead.username,
    password: PASSWORD,
  });
  const now = hub.clock.now();
  const mutations = d.queues.flatMap((queueId, q) =>
    [0, 1].map((k) => {
      const n = q * 2 + k;
      return {
        id: n + 1,
        name: 'incident.create',
        version: 1,
        args: {
          id: derivedId('seed-ticket', String(n)),
          title: `S${n + 1}`,
          queueId,
          impact: 2,
          urgency: 2,
          requesterId: lead.id,
        },
        hlc: formatHlc({ wallMs: now, counter: n, nodeId: 'seed' }),
        createdAt: now,
      };
    }),
  );
  const res = await fetch(`${hub.url}/sync/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${login.json.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 2, clientId: derivedId('seed-client'), mutations }),
  });
  const body = (await res.json()) as { results: { status: string }[] };
  if (!body.results?.every((r) => r.status === 'applied')) {
    throw new Error(`seeding tickets failed: ${res.status} ${JSON.stringify(body)}`);
  }
  for (const m of mutations) d.seeded[m.args.id] = m.hlc;
}

/**
 * Hubs that start with the directory already in place: it is built once
 * (set-up, migrations, queues, users) and each run gets a copy of that data.
 */
export interface WorldTemplate {
  start(): Promise<{ hub: SyncHub; directory: Directory }>;
  dispose(): Promise<void>;
}

export async function worldTemplate(dialect: Dialect, instances: number): Promise<WorldTemplate> {
  const store = await freshStore(dialect);
  const seeding = await startSyncHub(dialect, { store });
  const directory = await seedDirectory(seeding);
  await seedTickets(seeding, directory);
  const adminToken = seeding.adminToken;
  await seeding.stop();
  const template = templateOf(store);
  // A run's data is dropped in the background while the next run starts.
  const dropping = new Set<Promise<void>>();
  const dropErrors: unknown[] = [];
  return {
    async start() {
      const copy = await template.copy();
      const drop = () => {
        const p: Promise<void> = copy
          .drop()
          .catch((e: unknown) => void dropErrors.push(e))
          .finally(() => dropping.delete(p));
        dropping.add(p);
        return Promise.resolve();
      };
      const hub = await startSyncHub(dialect, {
        instances,
        store: { ...copy, drop },
        adminToken,
      });
      return { hub, directory: structuredClone(directory) };
    },
    async dispose() {
      await Promise.all(dropping);
      await template.dispose();
      if (dropErrors.length) {
        throw new Error(`${dropErrors.length} run database(s) could not be dropped`, {
          cause: dropErrors[0],
        });
      }
    },
  };
}

/** Signs each device in (devices go round the users and, with several hubs, round the hubs). */
export async function buildWorld(
  hub: SyncHub,
  clientCount: number,
  directory: Directory,
): Promise<World> {
  const { queues, users, seeded } = directory;
  const clients = Array.from({ length: clientCount }, (_, i) => {
    const user = users[i % users.length]!;
    return new TestClient(hub, {
      name: `c${i}-${user.username}`,
      username: user.username,
      password: PASSWORD,
      instance: i % hub.instances,
    });
  });
  // Devices are independent: sign them in and open their stores side by side.
  await Promise.all(clients.map((c) => c.signIn().then(() => c.open())));
  // Everyone starts from a first sync (bootstrap); faults come with the actions after it.
  await Promise.all(clients.map((c) => c.sync()));
  return { hub, queues, users, seeded, clients, issued: [], nextTitle: 1 };
}

/** The client's tickets in a stable order (titles are unique per run). */
export const ticketsOf = async (c: TestClient): Promise<Ticket[]> =>
  (await allTickets(c.db)).sort(
    (a, b) => a.createdAt - b.createdAt || a.title.localeCompare(b.title),
  );

export const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length ? list[i % list.length] : undefined;

export async function mutate(
  w: World,
  c: TestClient,
  name: string,
  args: Record<string, unknown>,
  child?: ChildMarker,
) {
  const r = await c.mutate({ name, version: 1, args });
  if (!r.ok) return;
  const meta = await readSyncMeta(c.db);
  w.issued.push({
    client: c,
    clientId: meta!.clientId,
    mutationId: r.entry.mutationId,
    name,
    args,
    hlc: r.entry.hlc,
    child,
  });
}
