import { z } from 'zod';
import type { QueueId, TicketId, UserId } from '../../ids';
import { queueIdSchema, userIdSchema } from '../../domain/accounts';
import { isStaff } from '../../domain/access';
import type { Actor } from '../../domain/actor';
import { domainError, type DomainError } from '../../domain/errors';
import { derivePriority, impactSchema, urgencySchema, type Level } from '../../domain/priority';
import { editableFieldsOf } from '../../domain/ticket-fields';
import {
  categorySchema,
  configItemIdSchema,
  descriptionSchema,
  tagsSchema,
  ticketIdSchema,
  titleSchema,
  type Ticket,
} from '../../domain/ticket';
import { initialStamps } from './helpers';
import type { Loaded, MutationCtx, MutationOutcome } from './types';

/** Fields every create accepts; ids are made by the client so a retried create is idempotent. */
export const createCommonArgs = {
  id: ticketIdSchema,
  title: titleSchema,
  description: descriptionSchema.default(''),
  queueId: queueIdSchema,
  category: categorySchema.default(''),
  impact: impactSchema,
  urgency: urgencySchema,
  assigneeId: userIdSchema.nullable().default(null),
  ciId: configItemIdSchema.nullable().default(null),
  tags: tagsSchema.default([]),
};

export interface CommonCreate {
  id: TicketId;
  title: string;
  description: string;
  queueId: QueueId;
  category: string;
  impact: Level;
  urgency: Level;
  assigneeId: UserId | null;
  ciId: Ticket['ciId'];
  tags: string[];
}

/** Requesters raise tickets for themselves only and cannot route them to a person. */
export const authorizeRequesterCreate = (
  actor: Actor,
  args: { requesterId: UserId; assigneeId: UserId | null },
): DomainError | null => {
  if (isStaff(actor)) return null;
  if (args.requesterId !== actor.userId) {
    return domainError('FORBIDDEN', 'You can raise tickets only for yourself', 'requesterId');
  }
  if (args.assigneeId !== null) {
    return domainError('FORBIDDEN', 'Only the service desk assigns tickets', 'assigneeId');
  }
  return null;
};

export const staffOnly = (actor: Actor, what: string): DomainError | null =>
  isStaff(actor) ? null : domainError('FORBIDDEN', `Only service desk staff can raise ${what}`);

/**
 * A new ticket document: derived priority, a stamp per editable field and the
 * 'created' event the SLA clock starts from. The number stays null until the hub
 * assigns one.
 */
export const newTicket = <T extends Ticket>(
  args: CommonCreate & { requesterId: UserId },
  ctx: MutationCtx,
  specific: Omit<T, keyof CommonCreate | 'requesterId' | CommonDerived> & { state: T['state'] },
): T => {
  const priority = derivePriority(args.impact, args.urgency, ctx.settings.priorityMatrix);
  const by = ctx.actor.userId;
  return {
    ...args,
    ...specific,
    number: null,
    priority,
    holdReason: null,
    resolution: null,
    reopenCount: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: by,
    stamps: initialStamps(editableFieldsOf[specific.type], ctx),
    events: [
      { kind: 'created', at: ctx.now, by, state: specific.state, priority, queueId: args.queueId },
    ],
  } as unknown as T;
};
type CommonDerived =
  | 'number'
  | 'priority'
  | 'holdReason'
  | 'resolution'
  | 'reopenCount'
  | 'createdAt'
  | 'updatedAt'
  | 'createdBy'
  | 'stamps'
  | 'events';

export const alreadyExists = (loaded: Loaded, id: TicketId): MutationOutcome | null =>
  loaded.tickets.has(id)
    ? { ok: false, error: domainError('ALREADY_EXISTS', `ticket ${id} already exists`, 'id') }
    : null;

export const ticketRead = (args: { id: TicketId }) => [{ kind: 'ticket' as const, id: args.id }];

export const createSchema = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ ...createCommonArgs, ...shape });
