import type { CatalogItemId, QueueId, UserId } from '../../ids';
import type { Queue, Role, User } from '../accounts';
import type { Actor } from '../actor';
import type { CatalogItem } from '../catalog';
import { categoryBanks, queueNames, type CategoryBank } from './phrases-categories';
import { firstNames, lastNames } from './phrases-common';
import { seededUuidV7, type Rng } from './prng';
import { capitalize } from './text';

/**
 * The organisation around the tickets: queues, agents with queue memberships (and the
 * leads, change managers and admins among them), requesters and the service catalogue.
 * Plain objects valid per accounts.ts and catalog.ts.
 */
export type Organisation = {
  queues: Queue[];
  agents: User[];
  requesters: User[];
  catalogItems: CatalogItem[];
  /** Queue id → its members, its lead(s), for picking who does what. */
  staff: Map<QueueId, { members: User[]; leads: User[] }>;
  queueByName: Map<string, Queue>;
};

export const actorOf = (u: User): Actor => ({ userId: u.id, roles: u.roles, queueIds: u.queueIds });

/** Unique lower-case usernames first.last, then first.last2, …; display names stay plain. */
const nameMaker = (rng: Rng) => {
  const taken = new Map<string, number>();
  return () => {
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    const base = `${first}.${last}`.toLowerCase();
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const username = n === 1 ? base : `${base}${n}`;
    return { username, displayName: `${first} ${last}` };
  };
};

/** Service Desk is the biggest team; second-line teams are smaller. */
const queueWeight = (name: string): number =>
  name === 'Service Desk' ? 6 : name === 'Network' ? 2 : 1;

const makeQueues = (rng: Rng, at: number): Queue[] =>
  queueNames.map((name) => ({
    id: seededUuidV7(rng, at) as QueueId,
    name,
    description: `${name} team: ${
      categoryBanks
        .filter((c) => c.queue === name)
        .map((c) => c.name)
        .join(', ') || 'first-line triage'
    }`,
    disabled: false,
  }));

const makeAgents = (
  rng: Rng,
  queues: Queue[],
  count: number,
  at: number,
  nextName: () => { username: string; displayName: string },
): User[] => {
  const weights = queues.map((q) => [q, queueWeight(q.name)] as const);
  const desk = queues.find((q) => q.name === 'Service Desk')!;
  const agents: User[] = [];
  for (let i = 0; i < count; i++) {
    const { username, displayName } = nextName();
    // Every queue gets members first, then the rest by weight.
    const primary = i < queues.length ? queues[i]! : rng.weighted(weights);
    const queueIds = new Set<QueueId>([primary.id]);
    if (rng.chance(0.25)) queueIds.add(rng.pick(queues).id);
    const roles: Role[] = ['agent'];
    // The first agents of each queue are its leads; Service Desk has three dispatchers.
    const isLead =
      i < queues.length ||
      (primary === desk &&
        agents.filter((a) => a.roles.includes('lead') && a.queueIds.includes(desk.id)).length < 3);
    if (isLead) roles.push('lead');
    if (i >= queues.length && i < queues.length + 5) roles.push('change_manager');
    if (i === count - 1 || i === count - 2) roles.push('admin');
    agents.push({
      id: seededUuidV7(rng, at) as UserId,
      username,
      displayName,
      email: `${username}@example.com`,
      roles,
      disabled: false,
      queueIds: [...queueIds],
    });
  }
  return agents;
};

const makeRequesters = (
  rng: Rng,
  count: number,
  at: number,
  nextName: () => { username: string; displayName: string },
): User[] =>
  Array.from({ length: count }, () => {
    const { username, displayName } = nextName();
    return {
      id: seededUuidV7(rng, at) as UserId,
      username,
      displayName,
      email: `${username}@example.com`,
      roles: ['requester'] as Role[],
      // Leavers keep their tickets but cannot sign in.
      disabled: rng.chance(0.02),
      queueIds: [],
    };
  });

/** Access and new equipment need a lead's approval; routine items do not. */
const needsApproval = (bank: CategoryBank): boolean =>
  ['Access request', 'Laptop hardware', 'Mobile devices', 'Cloud'].includes(bank.name);

const makeCatalog = (rng: Rng, queueByName: Map<string, Queue>, at: number): CatalogItem[] =>
  categoryBanks.flatMap((bank) =>
    (bank.requests ?? []).map((request) => ({
      id: seededUuidV7(rng, at) as CatalogItemId,
      name: capitalize(request),
      description: `Order ${request} through the service desk.`,
      category: bank.name,
      defaultQueueId: queueByName.get(bank.queue)!.id,
      fields: [
        {
          key: 'justification',
          label: 'Business justification',
          kind: 'text' as const,
          required: false,
          help: '',
          maxLength: 2_000,
        },
        { key: 'neededBy', label: 'Needed by', kind: 'date' as const, required: false, help: '' },
      ],
      needsApproval: needsApproval(bank),
      active: true,
    })),
  );

export const makeOrganisation = (
  rng: Rng,
  opts: { agents: number; requesters: number; at: number },
): Organisation => {
  const queues = makeQueues(rng, opts.at);
  const queueByName = new Map(queues.map((q) => [q.name, q]));
  const nextName = nameMaker(rng);
  const agents = makeAgents(rng, queues, opts.agents, opts.at, nextName);
  const requesters = makeRequesters(rng, opts.requesters, opts.at, nextName);
  const staff = new Map(queues.map((q) => [q.id, { members: [] as User[], leads: [] as User[] }]));
  for (const a of agents) {
    for (const q of a.queueIds) {
      const s = staff.get(q)!;
      s.members.push(a);
      if (a.roles.includes('lead')) s.leads.push(a);
    }
  }
  return {
    queues,
    agents,
    requesters,
    catalogItems: makeCatalog(rng, queueByName, opts.at),
    staff,
    queueByName,
  };
};
