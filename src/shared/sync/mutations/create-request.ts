import { z } from 'zod';
import { queueIdSchema, userIdSchema } from '../../domain/accounts';
import { validateRequestFields } from '../../domain/catalog';
import { impactSchema, urgencySchema } from '../../domain/priority';
import {
  catalogItemIdSchema,
  categorySchema,
  requestFieldValueSchema,
  titleSchema,
  type ServiceRequest,
} from '../../domain/ticket';
import { fail, ok } from './helpers';
import {
  alreadyExists,
  authorizeRequesterCreate,
  createCommonArgs,
  newTicket,
  ticketRead,
} from './ticket-base';
import { defineMutation } from './types';

/** Title, queue and category default to the catalogue item's. */
const requestArgs = z.strictObject({
  ...createCommonArgs,
  title: titleSchema.optional(),
  queueId: queueIdSchema.optional(),
  category: categorySchema.optional(),
  impact: impactSchema.default(3),
  urgency: urgencySchema.default(3),
  requesterId: userIdSchema,
  catalogItemId: catalogItemIdSchema,
  requestFields: z
    .record(z.string(), requestFieldValueSchema, {
      error: 'requestFields must map field keys to values',
    })
    .default({}),
});
export type RequestCreateArgs = z.infer<typeof requestArgs>;

export const requestCreate = defineMutation<RequestCreateArgs>({
  name: 'request.create',
  version: 1,
  args: requestArgs,
  reads: ticketRead,
  authorize: (actor, _loaded, args) => authorizeRequesterCreate(actor, args),
  apply(loaded, args, ctx) {
    const exists = alreadyExists(loaded, args.id);
    if (exists) return exists;
    const item = ctx.settings.catalogItems.find((i) => i.id === args.catalogItemId);
    if (!item) {
      return fail(
        'NOT_FOUND',
        `catalogue item ${args.catalogItemId} does not exist`,
        'catalogItemId',
      );
    }
    if (!item.active) {
      return fail(
        'VALIDATION',
        `"${item.name}" is no longer offered in the catalogue`,
        'catalogItemId',
      );
    }
    const fields = validateRequestFields(item, args.requestFields);
    if (!fields.ok) return fail('VALIDATION', fields.message, fields.field);
    const { catalogItemId, requestFields: _raw, ...common } = args;
    const ticket = newTicket<ServiceRequest>(
      {
        ...common,
        title: args.title ?? item.name,
        queueId: args.queueId ?? item.defaultQueueId,
        category: args.category ?? item.category,
      },
      ctx,
      {
        type: 'request',
        // An item that needs approval starts in Approval: no work before a decision.
        state: item.needsApproval ? 'approval' : 'new',
        catalogItemId,
        requestFields: fields.values,
        approval: item.needsApproval
          ? { required: true, decidedBy: null, decidedAt: null, decision: null, comment: null }
          : null,
      },
    );
    return ok({ type: 'put', entity: 'ticket', value: ticket });
  },
});
