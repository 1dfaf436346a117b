import type { z } from 'zod';
import { userIdSchema } from '../../domain/accounts';
import { longTextSchema, type Incident, type Problem } from '../../domain/ticket';
import { ok } from './helpers';
import {
  alreadyExists,
  authorizeRequesterCreate,
  createSchema,
  newTicket,
  staffOnly,
  ticketRead,
} from './ticket-base';
import { defineMutation } from './types';

const incidentArgs = createSchema({ requesterId: userIdSchema });
export type IncidentCreateArgs = z.infer<typeof incidentArgs>;

export const incidentCreate = defineMutation<IncidentCreateArgs>({
  name: 'incident.create',
  version: 1,
  args: incidentArgs,
  reads: ticketRead,
  authorize: (actor, _loaded, args) => authorizeRequesterCreate(actor, args),
  apply(loaded, args, ctx) {
    const exists = alreadyExists(loaded, args.id);
    if (exists) return exists;
    const ticket = newTicket<Incident>(args, ctx, { type: 'incident', state: 'new' });
    return ok({ type: 'put', entity: 'ticket', value: ticket });
  },
});

const problemArgs = createSchema({ rootCause: longTextSchema('rootCause').default('') });
export type ProblemCreateArgs = z.infer<typeof problemArgs>;

/** Problems are raised by staff (problem management), who are their requester. */
export const problemCreate = defineMutation<ProblemCreateArgs>({
  name: 'problem.create',
  version: 1,
  args: problemArgs,
  reads: ticketRead,
  authorize: (actor) => staffOnly(actor, 'problems'),
  apply(loaded, { rootCause, ...args }, ctx) {
    const exists = alreadyExists(loaded, args.id);
    if (exists) return exists;
    const ticket = newTicket<Problem>({ ...args, requesterId: ctx.actor.userId }, ctx, {
      type: 'problem',
      state: 'new',
      knownError: null,
      rootCause,
    });
    return ok({ type: 'put', entity: 'ticket', value: ticket });
  },
});
