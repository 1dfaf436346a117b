import { z } from 'zod';
import { canWorkQueue, isChangeManager, isLead } from '../../domain/access';
import {
  approvalDecisions,
  ticketIdSchema,
  ticketLabel,
  type ChangeApproval,
  type Ticket,
} from '../../domain/ticket';
import { transitionTicket } from '../../domain/workflow/transitions';
import { fail, forbidden, getTicket, notFound, ok, transitionConflict } from './helpers';
import { defineMutation } from './types';

const decisionSchema = z.enum(approvalDecisions, {
  error: 'decision must be approved or rejected',
});
const commentSchema = z
  .string({ error: 'comment must be text' })
  .max(2_000, { error: 'comment must be at most 2,000 characters' });

const changeApproveArgs = z.strictObject({
  ticketId: ticketIdSchema,
  decision: decisionSchema,
  comment: commentSchema.default(''),
  /** An emergency approval lets an emergency change skip the full CAB. */
  emergency: z.boolean({ error: 'emergency must be true or false' }).default(false),
});
export type ChangeApproveArgs = z.infer<typeof changeApproveArgs>;

/**
 * change.approve@1: a change manager's CAB decision, recorded while the change is in
 * Authorize. A second decision by the same manager replaces their first; decisions
 * by different managers made offline at the same time are all kept.
 */
export const changeApprove = defineMutation<ChangeApproveArgs>({
  name: 'change.approve',
  version: 1,
  args: changeApproveArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    if (!getTicket(loaded, args.ticketId)) return notFound('ticket', args.ticketId, 'ticketId');
    return isChangeManager(actor) ? null : forbidden('Only change managers can approve changes');
  },
  apply(loaded, args, ctx) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    if (ticket.type !== 'change') {
      return fail('VALIDATION', `${ticketLabel(ticket)} is not a change`, 'ticketId');
    }
    if (ticket.state !== 'authorize') {
      return fail('GUARD_FAILED', `${ticketLabel(ticket)} is not awaiting authorization`, 'state');
    }
    if (args.emergency && ticket.changeKind !== 'emergency') {
      return fail(
        'VALIDATION',
        'an emergency approval is only for an emergency change',
        'emergency',
      );
    }
    const by = ctx.actor.userId;
    const previous = ticket.approvals.find((a) => a.userId === by) ?? null;
    const approval: ChangeApproval = {
      userId: by,
      decision: args.decision,
      at: ctx.now,
      comment: args.comment,
      emergency: args.emergency,
    };
    const value: Ticket = {
      ...ticket,
      approvals: [...ticket.approvals.filter((a) => a.userId !== by), approval],
      updatedAt: Math.max(ctx.now, ticket.updatedAt),
      events: [
        ...ticket.events,
        { kind: 'field', at: ctx.now, by, field: 'approvals', from: previous, to: approval },
      ],
    };
    return ok({ type: 'put', entity: 'ticket', value });
  },
});

const requestApproveArgs = z.strictObject({
  ticketId: ticketIdSchema,
  decision: decisionSchema,
  comment: commentSchema.nullable().default(null),
});
export type RequestApproveArgs = z.infer<typeof requestApproveArgs>;

/**
 * request.approve@1: a lead of the request's queue (or an admin) approves or rejects a
 * request in Approval, which moves it to In Progress or Rejected in the same step.
 */
export const requestApprove = defineMutation<RequestApproveArgs>({
  name: 'request.approve',
  version: 1,
  args: requestApproveArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return notFound('ticket', args.ticketId, 'ticketId');
    return isLead(actor) && canWorkQueue(actor, ticket.queueId)
      ? null
      : forbidden("Only a lead of the request's queue can approve it");
  },
  apply(loaded, args, ctx) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    if (ticket.type !== 'request') {
      return fail('VALIDATION', `${ticketLabel(ticket)} is not a service request`, 'ticketId');
    }
    if (ticket.state !== 'approval' || ticket.approval === null) {
      return { ok: false, error: transitionConflict(ticket, 'approval') };
    }
    const by = ctx.actor.userId;
    const approval = {
      ...ticket.approval,
      decidedBy: by,
      decidedAt: ctx.now,
      decision: args.decision,
      comment: args.comment,
    };
    const decided: Ticket = {
      ...ticket,
      approval,
      events: [
        ...ticket.events,
        { kind: 'field', at: ctx.now, by, field: 'approval', from: ticket.approval, to: approval },
      ],
    };
    const to = args.decision === 'approved' ? 'in_progress' : 'rejected';
    // The same workflow edge a transition takes, so its guards and events apply.
    const r = transitionTicket(decided, to, {}, ctx.actor, ctx.now);
    if (!r.ok) return r;
    return ok({ type: 'put', entity: 'ticket', value: r.ticket });
  },
});
