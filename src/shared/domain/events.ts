import { z } from 'zod';
import { idSchema, type QueueId, type UserId } from '../ids';
import { prioritySchema, type Priority } from './priority';
import { allStates, holdReasonSchema, type HoldReason } from './states';
import { epochMsSchema } from './time';

/**
 * A ticket's history. The SLA clock and the metrics are pure functions of it, so
 * `at` is the wall time of the mutation's HLC (ctx.now): a clock computed offline
 * on a laptop and one computed on the hub read the same events and agree.
 */
export type TicketEvent =
  | { kind: 'created'; at: number; by: UserId; state: string; priority: Priority; queueId: QueueId }
  | {
      kind: 'state';
      at: number;
      by: UserId;
      from: string;
      to: string;
      holdReason: HoldReason | null;
    }
  | { kind: 'field'; at: number; by: UserId; field: string; from: unknown; to: unknown }
  | { kind: 'responded'; at: number; by: UserId };

export type TicketEventKind = TicketEvent['kind'];

const at = epochMsSchema('event.at');
const by = idSchema<UserId>('event.by');
const stateSchema = (field: string) =>
  z.enum(allStates as [string, ...string[]], { error: `${field} is not a known ticket state` });

export const ticketEventSchema: z.ZodType<TicketEvent> = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('created'),
      at,
      by,
      state: stateSchema('event.state'),
      priority: prioritySchema,
      queueId: idSchema<QueueId>('event.queueId'),
    }),
    z.object({
      kind: z.literal('state'),
      at,
      by,
      from: stateSchema('event.from'),
      to: stateSchema('event.to'),
      holdReason: holdReasonSchema.nullable(),
    }),
    z.object({
      kind: z.literal('field'),
      at,
      by,
      field: z
        .string({ error: 'event.field must be the name of a field' })
        .min(1, { error: 'event.field must name a field' }),
      from: z.unknown(),
      to: z.unknown(),
    }),
    z.object({ kind: z.literal('responded'), at, by }),
  ],
  { error: 'event.kind must be created, state, field or responded' },
) as z.ZodType<TicketEvent>;
