import type { User } from '../shared/domain/accounts';
import type { Actor } from '../shared/domain/actor';
import { createDataset, type DatasetOptions } from '../shared/domain/generator/dataset';
import { derivedId } from '../shared/sync/mutations/derived-id';
import type { ClientId, QueueId, UserId } from '../shared/ids';
import { appendAudit } from './audit/audit-log';
import { hashPassword, type ScryptParams } from './auth/password';
import type { HubDatabase } from './storage/database';
import { insertQueue, findQueueById } from './storage/queues-repo';
import { findUserById, findUserByUsername, insertUser, setMemberships } from './storage/users-repo';
import { appendChanges, type PendingChange } from './sync/change-log';
import { logDirectoryChange } from './sync/directory-changes';
import { applyMutation } from './sync/apply-mutation';
import { putReferenceRecord, DOMAIN_SETTINGS_ID } from './sync/reference-data';

export interface SeedOptions {
  tickets: number;
  seed: DatasetOptions['seed'];
  /** Every seeded user signs in with this password (demo and benchmark data). */
  password: string;
  nowMs: number;
  scrypt?: ScryptParams;
  /** Tickets per transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  queues: number;
  users: number;
  tickets: number;
  mutations: number;
}

const SEED_CLIENT = derivedId<ClientId>('seed-client');

/**
 * Loads the domain generator's organisation and tickets into a hub. Tickets
 * are not copied in: each generated history is replayed through the hub's
 * own authoritative apply (the same rules, numbering, change log and
 * conflicts as a client's push), in batched transactions for speed.
 */
export async function seedHub(db: HubDatabase, opts: SeedOptions): Promise<SeedSummary> {
  const dataset = createDataset({ seed: opts.seed, tickets: opts.tickets, nowMs: opts.nowMs });
  const now = opts.nowMs;
  const users = [...dataset.agents, ...dataset.requesters];
  // One hash for every seeded account: scrypt per user would take minutes.
  const passwordHash = await hashPassword(opts.password, opts.scrypt);
  await db.kysely.transaction().execute(async (trx) => {
    for (const q of dataset.queues) {
      if (await findQueueById(trx, q.id)) continue;
      await insertQueue(trx, { id: q.id, name: q.name, description: q.description, now });
      await logDirectoryChange(trx, { queue: (await findQueueById(trx, q.id))! }, now);
    }
    for (const u of users) {
      if ((await findUserById(trx, u.id)) || (await findUserByUsername(trx, u.username))) continue;
      await insertUser(trx, { ...u, passwordHash, now });
      await setMemberships(trx, u.id, u.queueIds, now);
      await logDirectoryChange(trx, { user: (await findUserById(trx, u.id))! }, now);
    }
    const changes: PendingChange[] = [
      await putReferenceRecord(trx, 'setting', DOMAIN_SETTINGS_ID, dataset.settings, now),
      ...(await Promise.all(
        dataset.calendars.map((c) => putReferenceRecord(trx, 'calendar', c.id, c, now)),
      )),
      ...(await Promise.all(
        dataset.slaDefinitions.map((s) => putReferenceRecord(trx, 'sla', s.id, s, now)),
      )),
    ];
    await appendChanges(trx, changes, now);
    await appendAudit(trx, now, {
      actorId: null,
      action: 'seed.load',
      target: null,
      details: { tickets: opts.tickets, seed: String(opts.seed), users: users.length },
    });
  });

  const actors = new Map<UserId, Actor>(
    users.map((u: User) => [
      u.id,
      { userId: u.id, roles: u.roles, queueIds: u.queueIds as QueueId[] },
    ]),
  );
  const batch = opts.batch ?? 25;
  let tickets = 0;
  let mutations = 0;
  let pending: ReturnType<typeof dataset.tickets> extends Generator<infer T> ? T[] : never = [];
  const flush = async () => {
    const group = pending;
    pending = [];
    await db.kysely.transaction().execute(async (trx) => {
      const changes: PendingChange[] = [];
      for (const g of group) {
        for (const [i, m] of g.mutations.entries()) {
          const actor = actors.get(m.userId as UserId);
          if (!actor) throw new Error(`seed: mutation by unknown user ${m.userId}`);
          const r = await applyMutation(trx, db.dialect, {
            actor,
            clientId: SEED_CLIENT,
            settings: dataset.settings,
            mutation: { id: i + 1, name: m.name, version: m.version, args: m.args, hlc: m.hlc },
            hubNow: opts.nowMs,
          });
          if (!r.result.ok) {
            throw new Error(
              `seed: the hub refused ${m.name} on ticket ${g.ticket.id}: ${r.result.error.code} ${r.result.error.message}`,
            );
          }
          changes.push(...r.changes);
          mutations++;
        }
      }
      await appendChanges(trx, changes, now);
    });
    tickets += group.length;
    opts.onProgress?.(tickets, opts.tickets);
  };
  for (const g of dataset.tickets()) {
    pending.push(g);
    if (pending.length >= batch) await flush();
  }
  if (pending.length) await flush();
  return { queues: dataset.queues.length, users: users.length, tickets, mutations };
}
