import { z } from 'zod';
import { fieldName } from '../field-name';
import { idSchema, type CatalogItemId, type ConfigItemId, type TicketId } from '../ids';
import { hlcSchema } from '../sync/hlc';
import { queueIdSchema, userIdSchema } from './accounts';
import { ticketEventSchema, type TicketEvent } from './events';
import { impactSchema, prioritySchema, urgencySchema } from './priority';
import {
  changeStates,
  holdReasonSchema,
  incidentStates,
  problemStates,
  requestStates,
  statesOf,
  type TicketType,
} from './states';
import { epochMsSchema } from './time';

export const ticketIdSchema = idSchema<TicketId>('ticketId');
export const configItemIdSchema = idSchema<ConfigItemId>('ciId');
export const catalogItemIdSchema = idSchema<CatalogItemId>('catalogItemId');

export const ticketPrefixes: Record<TicketType, string> = {
  incident: 'INC',
  request: 'REQ',
  problem: 'PRB',
  change: 'CHG',
};

export const titleSchema = z
  .string({ error: 'title must be text' })
  .trim()
  .min(1, { error: 'title must not be empty' })
  .max(200, { error: 'title must be at most 200 characters' });
export const descriptionSchema = z
  .string({ error: 'description must be text' })
  .max(20_000, { error: 'description must be at most 20,000 characters' });
export const categorySchema = z
  .string({ error: 'category must be text' })
  .trim()
  .max(80, { error: 'category must be at most 80 characters' });
export const tagsSchema = z
  .array(
    z
      .string({ error: 'each tag must be text' })
      .trim()
      .min(1, { error: 'a tag must not be empty' })
      .max(40, { error: 'a tag must be at most 40 characters' }),
    { error: 'tags must be a list of text' },
  )
  .max(20, { error: 'tags may hold at most 20 tags' })
  .refine((t) => new Set(t).size === t.length, { error: 'tags must not repeat' });
export const longTextSchema = (field: string, max = 20_000) =>
  z
    .string({ error: `${field} must be text` })
    .max(max, { error: `${field} must be at most ${max.toLocaleString('en')} characters` });
const nonEmptyText = (field: string, max = 20_000) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max.toLocaleString('en')} characters` });

export const resolutionCodes = [
  'fixed',
  'workaround',
  'user_error',
  'duplicate',
  'no_fault_found',
  'not_reproducible',
] as const;
export const resolutionSchema = z.object(
  {
    code: z.enum(resolutionCodes, {
      error: `resolution.code must be one of ${resolutionCodes.join(', ')}`,
    }),
    notes: nonEmptyText('resolution.notes', 4_000),
  },
  { error: 'resolution must have a code and notes' },
);
export type Resolution = z.infer<typeof resolutionSchema>;

/**
 * Who last wrote a field, and when; `stamps` maps field names to these. `coAuthors`
 * (shared/sync/merge.ts) lists others who wrote the same value without seeing this
 * stamp. It is optional so stamps stored before it existed still read, and records
 * are not validated on their way into a client, so a client of the previous protocol
 * keeps the key untouched in its copy (its own merge drops it; the hub's record wins).
 */
export const fieldStampSchema = z.object(
  {
    hlc: hlcSchema,
    by: userIdSchema,
    coAuthors: z.array(userIdSchema, { error: 'coAuthors must be a list of user ids' }).optional(),
  },
  {
    error: (iss) =>
      `the stamp of ${fieldName(iss.path, 'a field')} must be an object with hlc and by`,
  },
);

const numberSchema = z
  .string({ error: 'number must be text' })
  .regex(/^(INC|REQ|PRB|CHG)\d{7,}$/, { error: 'number must look like INC0001234' })
  .nullable();

const baseFields = {
  id: ticketIdSchema,
  number: numberSchema,
  title: titleSchema,
  description: descriptionSchema,
  requesterId: userIdSchema,
  assigneeId: userIdSchema.nullable(),
  queueId: queueIdSchema,
  category: categorySchema,
  impact: impactSchema,
  urgency: urgencySchema,
  priority: prioritySchema,
  ciId: configItemIdSchema.nullable(),
  tags: tagsSchema,
  holdReason: holdReasonSchema.nullable(),
  resolution: resolutionSchema.nullable(),
  reopenCount: z
    .number({ error: 'reopenCount must be a number' })
    .int({ error: 'reopenCount must be a whole number' })
    .min(0, { error: 'reopenCount must be 0 or more' }),
  createdAt: epochMsSchema('createdAt'),
  updatedAt: epochMsSchema('updatedAt'),
  createdBy: userIdSchema,
  stamps: z.record(z.string(), fieldStampSchema, {
    error: 'stamps must map field names to stamps',
  }),
  events: z.array(ticketEventSchema, { error: 'events must be a list of ticket events' }),
};

const stateEnum = (states: readonly string[], type: string) =>
  z.enum(states as [string, ...string[]], {
    error: `state must be one of the ${type} states: ${states.join(', ')}`,
  });

export const approvalDecisions = ['approved', 'rejected'] as const;
export const requestApprovalSchema = z.object(
  {
    required: z.boolean({ error: 'approval.required must be true or false' }),
    decidedBy: userIdSchema.nullable(),
    decidedAt: epochMsSchema('approval.decidedAt').nullable(),
    decision: z
      .enum(approvalDecisions, { error: 'approval.decision must be approved or rejected' })
      .nullable(),
    comment: longTextSchema('approval.comment', 2_000).nullable(),
  },
  { error: 'approval must be an object with required, decidedBy, decidedAt, decision and comment' },
);

export const requestFieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: (iss) =>
    `request field ${fieldName(iss.path, 'values')} must be text, a number, true/false or empty`,
});

export const changeKinds = ['normal', 'standard', 'emergency'] as const;
export const changeKindSchema = z.enum(changeKinds, {
  error: 'changeKind must be normal, standard or emergency',
});
export const risks = ['low', 'medium', 'high'] as const;
export const riskSchema = z.enum(risks, { error: 'risk must be low, medium or high' });

export const changeApprovalSchema = z.object(
  {
    userId: userIdSchema,
    decision: z.enum(approvalDecisions, { error: 'decision must be approved or rejected' }),
    at: epochMsSchema('approvals.at'),
    comment: longTextSchema('comment', 2_000),
    emergency: z.boolean({ error: 'emergency must be true or false' }),
  },
  { error: 'each approval must be an object with userId, decision, at, comment and emergency' },
);
export type ChangeApproval = z.infer<typeof changeApprovalSchema>;

export const knownErrorSchema = z.object(
  { workaround: nonEmptyText('workaround') },
  { error: 'knownError must be an object with a workaround' },
);

export const incidentSchema = z.object({
  ...baseFields,
  type: z.literal('incident'),
  state: stateEnum(incidentStates, 'incident'),
});
export const serviceRequestSchema = z.object({
  ...baseFields,
  type: z.literal('request'),
  state: stateEnum(requestStates, 'service request'),
  catalogItemId: catalogItemIdSchema,
  requestFields: z.record(z.string(), requestFieldValueSchema, {
    error: 'requestFields must map field keys to values',
  }),
  approval: requestApprovalSchema.nullable(),
});
export const problemSchema = z.object({
  ...baseFields,
  type: z.literal('problem'),
  state: stateEnum(problemStates, 'problem'),
  knownError: knownErrorSchema.nullable(),
  rootCause: longTextSchema('rootCause'),
});
export const plannedTimeSchema = (field: string) => epochMsSchema(field).nullable();
export const changeSchema = z.object({
  ...baseFields,
  type: z.literal('change'),
  state: stateEnum(changeStates, 'change'),
  changeKind: changeKindSchema,
  risk: riskSchema,
  plannedStart: plannedTimeSchema('plannedStart'),
  plannedEnd: plannedTimeSchema('plannedEnd'),
  backoutPlan: longTextSchema('backoutPlan'),
  implementationPlan: longTextSchema('implementationPlan'),
  approvals: z.array(changeApprovalSchema, { error: 'approvals must be a list of approvals' }),
});

/** A ticket's history speaks only of states its own workflow has. */
const checkEventStates = (
  type: TicketType,
  events: readonly TicketEvent[],
  ctx: z.RefinementCtx,
) => {
  const states = statesOf[type];
  events.forEach((e, i) => {
    const named: Array<[string, string]> =
      e.kind === 'created'
        ? [['state', e.state]]
        : e.kind === 'state'
          ? [
              ['from', e.from],
              ['to', e.to],
            ]
          : [];
    for (const [key, state] of named) {
      if (states.includes(state)) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['events', i, key],
        message: `event.${key} ${state} is not a state of ${type === 'request' ? 'a service request' : `a ${type}`}`,
      });
    }
  });
};

/** Whole-document rules that span fields, shared by every ticket type. */
const consistent = (
  t: {
    type: TicketType;
    events: readonly TicketEvent[];
    state: string;
    holdReason: unknown;
    createdAt: number;
    updatedAt: number;
    plannedStart?: number | null;
    plannedEnd?: number | null;
  },
  ctx: z.RefinementCtx,
) => {
  if ((t.state === 'on_hold') !== (t.holdReason !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['holdReason'],
      message: 'holdReason must be set exactly when the ticket is on hold',
    });
  }
  if (t.updatedAt < t.createdAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['updatedAt'],
      message: 'updatedAt must not be before createdAt',
    });
  }
  if (t.plannedStart != null && t.plannedEnd != null && t.plannedEnd <= t.plannedStart) {
    ctx.addIssue({
      code: 'custom',
      path: ['plannedEnd'],
      message: 'plannedEnd must be after plannedStart',
    });
  }
  checkEventStates(t.type, t.events, ctx);
};

export const ticketSchema = z
  .discriminatedUnion('type', [incidentSchema, serviceRequestSchema, problemSchema, changeSchema], {
    error: 'type must be incident, request, problem or change',
  })
  .superRefine(consistent);

export type Ticket = z.infer<typeof ticketSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;
export type Problem = z.infer<typeof problemSchema>;
export type Change = z.infer<typeof changeSchema>;
export type RequestApproval = z.infer<typeof requestApprovalSchema>;
export type FieldStamp = z.infer<typeof fieldStampSchema>;

/** The hub's number for the n-th ticket of a type: INC0001234. */
export const formatTicketNumber = (type: TicketType, n: number): string =>
  `${ticketPrefixes[type]}${String(n).padStart(7, '0')}`;

/**
 * Until the hub numbers a ticket it shows a label of its own: the type prefix and the
 * id's last four hex digits (the random end of a UUIDv7, not its timestamp start).
 */
export const provisionalLabel = (ticket: Pick<Ticket, 'type' | 'id'>): string =>
  `${ticketPrefixes[ticket.type]}-new-${ticket.id.replace(/-/g, '').slice(-4)}`;

export const ticketLabel = (ticket: Pick<Ticket, 'type' | 'id' | 'number'>): string =>
  ticket.number ?? provisionalLabel(ticket);
