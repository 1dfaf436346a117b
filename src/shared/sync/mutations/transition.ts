import { z } from 'zod';
import { canWorkQueue, isOwnTicket } from '../../domain/access';
import { holdReasonSchema } from '../../domain/states';
import { resolutionSchema, ticketIdSchema } from '../../domain/ticket';
import { transitionTicket, workflowFor } from '../../domain/workflow/transitions';
import { forbidden, getTicket, notFound, ok, transitionConflict } from './helpers';
import { defineMutation } from './types';

const stateName = (field: string) =>
  z.string({ error: `${field} must name a state` }).min(1, { error: `${field} must name a state` });

const transitionArgs = z.strictObject({
  ticketId: ticketIdSchema,
  /** The state the author saw: the hub refuses if the ticket has moved on since. */
  from: stateName('from'),
  to: stateName('to'),
  holdReason: holdReasonSchema.nullable().optional(),
  resolution: resolutionSchema.nullable().optional(),
  workaround: z
    .string({ error: 'workaround must be text' })
    .max(20_000, { error: 'workaround must be at most 20,000 characters' })
    .nullable()
    .optional(),
});
export type TransitionArgs = z.infer<typeof transitionArgs>;

/**
 * ticket.transition@1, validated against the *current* state (SYNC.md): if it is not
 * `from` any more the author gets TRANSITION_CONFLICT saying who moved it.
 */
export const ticketTransition = defineMutation<TransitionArgs>({
  name: 'ticket.transition',
  version: 1,
  args: transitionArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return notFound('ticket', args.ticketId, 'ticketId');
    if (canWorkQueue(actor, ticket.queueId)) return null;
    // Requesters may only confirm, reject or withdraw: judged on the edge they asked
    // for, so a ticket that moved meanwhile still yields TRANSITION_CONFLICT.
    const rule = workflowFor(ticket.type).transitions[args.from]?.find((r) => r.to === args.to);
    if (isOwnTicket(actor, ticket) && rule?.requester) return null;
    return forbidden('You may not change the state of this ticket', 'to');
  },
  apply(loaded, args, ctx) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    if (ticket.state !== args.from)
      return { ok: false, error: transitionConflict(ticket, args.from) };
    const r = transitionTicket(ticket, args.to, args, ctx.actor, ctx.now);
    if (!r.ok) return r;
    return ok({ type: 'put', entity: 'ticket', value: r.ticket });
  },
});
