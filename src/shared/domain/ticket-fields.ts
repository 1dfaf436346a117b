import { z } from 'zod';
import { queueIdSchema, userIdSchema } from './accounts';
import { impactSchema, urgencySchema } from './priority';
import type { TicketType } from './states';
import {
  categorySchema,
  changeKindSchema,
  configItemIdSchema,
  descriptionSchema,
  knownErrorSchema,
  longTextSchema,
  plannedTimeSchema,
  riskSchema,
  tagsSchema,
  titleSchema,
} from './ticket';

/**
 * The fields people edit directly (ticket.setFields), merged field by field with
 * last-writer-wins. State, priority, resolution and approvals are not here: they
 * change only through workflow mutations or are derived.
 */
export const editableFieldSchemas = {
  title: titleSchema,
  description: descriptionSchema,
  assigneeId: userIdSchema.nullable(),
  queueId: queueIdSchema,
  category: categorySchema,
  impact: impactSchema,
  urgency: urgencySchema,
  ciId: configItemIdSchema.nullable(),
  tags: tagsSchema,
  rootCause: longTextSchema('rootCause'),
  knownError: knownErrorSchema,
  changeKind: changeKindSchema,
  risk: riskSchema,
  plannedStart: plannedTimeSchema('plannedStart'),
  plannedEnd: plannedTimeSchema('plannedEnd'),
  backoutPlan: longTextSchema('backoutPlan'),
  implementationPlan: longTextSchema('implementationPlan'),
};
export type EditableField = keyof typeof editableFieldSchemas;

export const editableFieldsSchema = z.strictObject(editableFieldSchemas).partial();
export type EditableFields = z.infer<typeof editableFieldsSchema>;

export const commonEditableFields: readonly EditableField[] = [
  'title',
  'description',
  'assigneeId',
  'queueId',
  'category',
  'impact',
  'urgency',
  'ciId',
  'tags',
];

export const editableFieldsOf: Record<TicketType, readonly EditableField[]> = {
  incident: commonEditableFields,
  request: commonEditableFields,
  problem: [...commonEditableFields, 'rootCause', 'knownError'],
  change: [
    ...commonEditableFields,
    'changeKind',
    'risk',
    'plannedStart',
    'plannedEnd',
    'backoutPlan',
    'implementationPlan',
  ],
};

/** A requester may correct what they wrote, not how the desk handles it. */
export const requesterEditableFields: readonly EditableField[] = ['title', 'description'];

export const fieldLabels: Record<EditableField, string> = {
  title: 'title',
  description: 'description',
  assigneeId: 'assignee',
  queueId: 'queue',
  category: 'category',
  impact: 'impact',
  urgency: 'urgency',
  ciId: 'configuration item',
  tags: 'tags',
  rootCause: 'root cause',
  knownError: 'workaround',
  changeKind: 'change kind',
  risk: 'risk',
  plannedStart: 'planned start',
  plannedEnd: 'planned end',
  backoutPlan: 'backout plan',
  implementationPlan: 'implementation plan',
};
