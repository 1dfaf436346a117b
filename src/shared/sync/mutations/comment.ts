import { z } from 'zod';
import { canWorkQueue, isOwnTicket } from '../../domain/access';
import {
  commentBodySchema,
  commentIdSchema,
  commentVisibilitySchema,
  type Comment,
} from '../../domain/comment';
import { ticketIdSchema, type Ticket } from '../../domain/ticket';
import { forbidden, getTicket, notFound, ok } from './helpers';
import { defineMutation, type Effect } from './types';

const addCommentArgs = z.strictObject({
  id: commentIdSchema,
  ticketId: ticketIdSchema,
  body: commentBodySchema,
  visibility: commentVisibilitySchema,
});
export type AddCommentArgs = z.infer<typeof addCommentArgs>;

/**
 * ticket.addComment@1. Internal work notes are for staff working the queue; a
 * requester may comment publicly on their own ticket. The first public reply by
 * anyone but the requester is the 'responded' event the response SLA stops on.
 */
export const ticketAddComment = defineMutation<AddCommentArgs>({
  name: 'ticket.addComment',
  version: 1,
  args: addCommentArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return notFound('ticket', args.ticketId, 'ticketId');
    if (canWorkQueue(actor, ticket.queueId)) return null;
    if (!isOwnTicket(actor, ticket)) return forbidden('You may not comment on this ticket');
    return args.visibility === 'public'
      ? null
      : forbidden('Only service desk staff can add internal notes', 'visibility');
  },
  apply(loaded, args, ctx) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    const by = ctx.actor.userId;
    const comment: Comment = { ...args, authorId: by, createdAt: ctx.now };
    const effects: Effect[] = [{ type: 'insert', entity: 'comment', value: comment }];
    const firstResponse =
      args.visibility === 'public' &&
      by !== ticket.requesterId &&
      !ticket.events.some((e) => e.kind === 'responded');
    if (firstResponse) {
      const value = {
        ...ticket,
        updatedAt: Math.max(ctx.now, ticket.updatedAt),
        events: [...ticket.events, { kind: 'responded', at: ctx.now, by }],
      } as Ticket;
      effects.push({ type: 'put', entity: 'ticket', value });
    }
    return ok(...effects);
  },
});
