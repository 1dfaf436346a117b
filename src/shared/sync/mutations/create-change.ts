import type { z } from 'zod';
import {
  changeKindSchema,
  longTextSchema,
  plannedTimeSchema,
  riskSchema,
  type Change,
} from '../../domain/ticket';
import { fail, ok } from './helpers';
import { alreadyExists, createSchema, newTicket, staffOnly, ticketRead } from './ticket-base';
import { defineMutation } from './types';

const changeArgs = createSchema({
  changeKind: changeKindSchema,
  risk: riskSchema,
  plannedStart: plannedTimeSchema('plannedStart').default(null),
  plannedEnd: plannedTimeSchema('plannedEnd').default(null),
  backoutPlan: longTextSchema('backoutPlan').default(''),
  implementationPlan: longTextSchema('implementationPlan').default(''),
});
export type ChangeCreateArgs = z.infer<typeof changeArgs>;

export const changeCreate = defineMutation<ChangeCreateArgs>({
  name: 'change.create',
  version: 1,
  args: changeArgs,
  reads: ticketRead,
  authorize: (actor) => staffOnly(actor, 'changes'),
  apply(loaded, args, ctx) {
    const exists = alreadyExists(loaded, args.id);
    if (exists) return exists;
    const {
      changeKind,
      risk,
      plannedStart,
      plannedEnd,
      backoutPlan,
      implementationPlan,
      ...common
    } = args;
    if (plannedStart !== null && plannedEnd !== null && plannedEnd <= plannedStart) {
      return fail('VALIDATION', 'plannedEnd must be after plannedStart', 'plannedEnd');
    }
    const ticket = newTicket<Change>({ ...common, requesterId: ctx.actor.userId }, ctx, {
      type: 'change',
      state: 'new',
      changeKind,
      risk,
      plannedStart,
      plannedEnd,
      backoutPlan,
      implementationPlan,
      approvals: [],
    });
    return ok({ type: 'put', entity: 'ticket', value: ticket });
  },
});
