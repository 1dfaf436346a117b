import type { QueueId } from '../ids';
import type { Role } from './accounts';
import type { Actor } from './actor';

/**
 * Role and queue rules (DOMAIN.md "Roles"). The hub enforces them; the UI calls the
 * same functions only to hide what would be refused.
 */
export const actorHas = (actor: Pick<Actor, 'roles'>, role: Role): boolean =>
  actor.roles.includes(role) || actor.roles.includes('admin');

export const isAdmin = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.includes('admin');

/** Leads (and admins) may reassign across queues and decide request approvals. */
export const isLead = (actor: Pick<Actor, 'roles'>): boolean => actorHas(actor, 'lead');

/** Anyone who works tickets rather than only raising them. */
export const isStaff = (actor: Pick<Actor, 'roles'>): boolean =>
  actor.roles.some((r) => r !== 'requester');

export const isChangeManager = (actor: Pick<Actor, 'roles'>): boolean =>
  actorHas(actor, 'change_manager');

export const isQueueMember = (actor: Actor, queueId: QueueId): boolean =>
  isAdmin(actor) || actor.queueIds.includes(queueId);

/** May work (edit, transition, log time on) a ticket in this queue. */
export const canWorkQueue = (actor: Actor, queueId: QueueId): boolean =>
  isAdmin(actor) || (isStaff(actor) && actor.queueIds.includes(queueId));

export const isOwnTicket = (actor: Actor, ticket: { requesterId: string }): boolean =>
  ticket.requesterId === actor.userId;

/** May see a ticket at all: workers of its queue, or its requester. */
export const canSeeTicket = (actor: Actor, ticket: { requesterId: string; queueId: QueueId }) =>
  canWorkQueue(actor, ticket.queueId) || isOwnTicket(actor, ticket);
