import { z } from 'zod';
import { canWorkQueue, isLead, isOwnTicket, isQueueMember } from '../../domain/access';
import type { Actor } from '../../domain/actor';
import { domainError, type DomainError } from '../../domain/errors';
import { derivePriority } from '../../domain/priority';
import { isTerminal, stateLabel } from '../../domain/states';
import {
  editableFieldsOf,
  editableFieldsSchema,
  fieldLabels,
  requesterEditableFields,
  type EditableField,
} from '../../domain/ticket-fields';
import { ticketIdSchema, ticketLabel, type Ticket } from '../../domain/ticket';
import { hlcSchema, type Hlc } from '../hlc';
import { fail, forbidden, getTicket, mergeFields, notFound, ok } from './helpers';
import { defineMutation, type Effect } from './types';

const setFieldsArgs = z
  .strictObject({
    ticketId: ticketIdSchema,
    fields: editableFieldsSchema,
    /** Per field: the stamp the author last saw (null if none), to detect concurrent edits. */
    base: z.record(z.string(), hlcSchema.nullable(), {
      error: 'base must map field names to stamps',
    }),
  })
  .superRefine((a, ctx) => {
    const keys = Object.keys(a.fields);
    if (keys.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: 'fields must change at least one field',
      });
    }
    for (const k of keys) {
      if (!(k in a.base)) {
        ctx.addIssue({
          code: 'custom',
          path: ['base', k],
          message: `base must give the stamp last seen for ${k}`,
        });
      }
    }
  });
export type SetFieldsArgs = z.infer<typeof setFieldsArgs>;

/**
 * The `base` of a setFields for `fields`: the stamps the author's copy of the document
 * carries now. The UI builds its args with this so concurrent edits are detected.
 */
export const baseFor = (
  doc: { stamps: Record<string, { hlc: Hlc }> },
  fields: object,
): Record<string, Hlc | null> =>
  Object.fromEntries(Object.keys(fields).map((f) => [f, doc.stamps[f]?.hlc ?? null]));

const authorizeSetFields = (
  actor: Actor,
  ticket: Ticket,
  args: SetFieldsArgs,
): DomainError | null => {
  const fields = Object.keys(args.fields) as EditableField[];
  if (!canWorkQueue(actor, ticket.queueId)) {
    if (!isOwnTicket(actor, ticket)) return forbidden('You may not edit this ticket');
    const other = fields.find((f) => !requesterEditableFields.includes(f));
    return other
      ? forbidden(
          `Requesters may change only the title and description, not the ${fieldLabels[other]}`,
          `fields.${other}`,
        )
      : null;
  }
  const to = args.fields.queueId;
  if (to !== undefined && to !== ticket.queueId && !isLead(actor) && !isQueueMember(actor, to)) {
    return forbidden(
      'Moving a ticket to a queue you are not a member of needs a lead',
      'fields.queueId',
    );
  }
  return null;
};

/** Checks that need the ticket's type and state, before anything is merged. */
const checkApplicable = (ticket: Ticket, args: SetFieldsArgs): DomainError | null => {
  const label = ticketLabel(ticket);
  if (isTerminal(ticket.state)) {
    return domainError(
      'GUARD_FAILED',
      `${label} is ${stateLabel(ticket.state).toLowerCase()} and can no longer be edited`,
      'state',
    );
  }
  for (const f of Object.keys(args.fields) as EditableField[]) {
    if (!editableFieldsOf[ticket.type].includes(f)) {
      return domainError(
        'VALIDATION',
        `${f} is not a field of ${ticket.type} ${label}`,
        `fields.${f}`,
      );
    }
  }
  if (ticket.type === 'change' && args.fields.changeKind !== undefined && ticket.state !== 'new') {
    return domainError(
      'GUARD_FAILED',
      'the kind of a change can be changed only while it is New',
      'fields.changeKind',
    );
  }
  if (
    ticket.type === 'problem' &&
    args.fields.knownError !== undefined &&
    ticket.knownError === null
  ) {
    return domainError(
      'GUARD_FAILED',
      'a workaround is recorded when the problem becomes a Known Error',
      'fields.knownError',
    );
  }
  return null;
};

/**
 * ticket.setFields@1: field-level last-writer-wins. Each changed field appends a
 * 'field' event (assignee/queue changes are the reassignments reports count); an
 * impact/urgency change re-derives priority; each concurrent losing value becomes a
 * conflict for its author, whether that is this author or the previous writer.
 */
export const ticketSetFields = defineMutation<SetFieldsArgs>({
  name: 'ticket.setFields',
  version: 1,
  args: setFieldsArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return notFound('ticket', args.ticketId, 'ticketId');
    return authorizeSetFields(actor, ticket, args);
  },
  apply(loaded, args, ctx) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    const refused = checkApplicable(ticket, args);
    if (refused) return { ok: false, error: refused };

    const merged = mergeFields({
      current: ticket as unknown as Record<string, unknown>,
      stamps: ticket.stamps,
      fields: args.fields,
      base: args.base,
      ctx,
      mutation: 'ticket.setFields@1',
      ticketId: ticket.id,
      subject: ticketLabel(ticket),
      label: (f) => fieldLabels[f as EditableField] ?? f,
    });
    const conflicts: Effect[] = merged.conflicts.map((value) => ({ type: 'conflict', value }));
    if (!merged.dirty) return ok(...conflicts);

    const next = { ...ticket, ...merged.values, stamps: merged.stamps } as Ticket;
    if (
      next.type === 'change' &&
      next.plannedStart !== null &&
      next.plannedEnd !== null &&
      next.plannedEnd <= next.plannedStart
    ) {
      return fail('VALIDATION', 'plannedEnd must be after plannedStart', 'fields.plannedEnd');
    }
    const by = ctx.actor.userId;
    const events = [...ticket.events];
    for (const c of merged.changes) events.push({ kind: 'field', at: ctx.now, by, ...c });
    const priority = derivePriority(next.impact, next.urgency, ctx.settings.priorityMatrix);
    if (priority !== ticket.priority) {
      events.push({
        kind: 'field',
        at: ctx.now,
        by,
        field: 'priority',
        from: ticket.priority,
        to: priority,
      });
    }
    const updatedAt = merged.changes.length
      ? Math.max(ctx.now, ticket.updatedAt)
      : ticket.updatedAt;
    const value = { ...next, priority, events, updatedAt } as Ticket;
    return ok({ type: 'put', entity: 'ticket', value }, ...conflicts);
  },
});
