import { z } from 'zod';
import { canWorkQueue, isOwnTicket } from '../../domain/access';
import {
  attachmentIdSchema,
  attachmentNameSchema,
  attachmentSchema,
  mimeSchema,
  sha256Schema,
} from '../../domain/attachment';
import { ticketIdSchema } from '../../domain/ticket';
import { dateOnlySchema } from '../../domain/time';
import { worklogIdSchema, worklogMinutesSchema } from '../../domain/worklog';
import { forbidden, getTicket, notFound, ok } from './helpers';
import { defineMutation } from './types';

const logWorkArgs = z.strictObject({
  id: worklogIdSchema,
  ticketId: ticketIdSchema,
  minutes: worklogMinutesSchema,
  workDate: dateOnlySchema('workDate'),
  note: z
    .string({ error: 'note must be text' })
    .max(2_000, { error: 'note must be at most 2,000 characters' })
    .default(''),
});
export type LogWorkArgs = z.infer<typeof logWorkArgs>;

/** ticket.logWork@1: time spent, by the staff member working the ticket. */
export const ticketLogWork = defineMutation<LogWorkArgs>({
  name: 'ticket.logWork',
  version: 1,
  args: logWorkArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return notFound('ticket', args.ticketId, 'ticketId');
    return canWorkQueue(actor, ticket.queueId)
      ? null
      : forbidden('Only staff working this queue can log time');
  },
  apply(loaded, args, ctx) {
    if (!getTicket(loaded, args.ticketId)) {
      return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    }
    return ok({
      type: 'insert',
      entity: 'worklog',
      value: { ...args, userId: ctx.actor.userId, createdAt: ctx.now },
    });
  },
});

const attachArgs = z.strictObject({
  id: attachmentIdSchema,
  ticketId: ticketIdSchema,
  name: attachmentNameSchema,
  size: attachmentSchema.shape.size,
  mime: mimeSchema,
  sha256: sha256Schema,
});
export type AttachArgs = z.infer<typeof attachArgs>;

/** ticket.attach@1: metadata only; the bytes go to /blobs/{sha256} separately. */
export const ticketAttach = defineMutation<AttachArgs>({
  name: 'ticket.attach',
  version: 1,
  args: attachArgs,
  reads: (args) => [{ kind: 'ticket', id: args.ticketId }],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.ticketId);
    if (!ticket) return notFound('ticket', args.ticketId, 'ticketId');
    return canWorkQueue(actor, ticket.queueId) || isOwnTicket(actor, ticket)
      ? null
      : forbidden('You may not add attachments to this ticket');
  },
  apply(loaded, args, ctx) {
    if (!getTicket(loaded, args.ticketId)) {
      return { ok: false, error: notFound('ticket', args.ticketId, 'ticketId') };
    }
    return ok({
      type: 'insert',
      entity: 'attachment',
      value: { ...args, uploadedBy: ctx.actor.userId, createdAt: ctx.now },
    });
  },
});
