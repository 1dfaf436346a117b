import { z } from 'zod';
import { queueIdSchema } from '../../domain/accounts';
import { isStaff } from '../../domain/access';
import type { Actor } from '../../domain/actor';
import {
  ciAttributesSchema,
  ciKindSchema,
  ciNameSchema,
  ciStatusSchema,
  type ConfigurationItem,
} from '../../domain/configuration-item';
import type { DomainError } from '../../domain/errors';
import { configItemIdSchema, longTextSchema } from '../../domain/ticket';
import { hlcSchema } from '../hlc';
import { fail, forbidden, initialStamps, mergeFields, notFound, ok } from './helpers';
import { defineMutation, type Effect } from './types';

const ciFields = {
  name: ciNameSchema,
  kind: ciKindSchema,
  status: ciStatusSchema,
  ownerQueueId: queueIdSchema.nullable(),
  parentId: configItemIdSchema.nullable(),
  description: longTextSchema('description', 4_000),
  attributes: ciAttributesSchema,
};
const editable = Object.keys(ciFields);

const staffOnly = (actor: Actor): DomainError | null =>
  isStaff(actor) ? null : forbidden('Only service desk staff can maintain configuration items');

const ciCreateArgs = z.strictObject({
  id: configItemIdSchema,
  ...ciFields,
  status: ciStatusSchema.default('active'),
  ownerQueueId: queueIdSchema.nullable().default(null),
  parentId: configItemIdSchema.nullable().default(null),
  description: longTextSchema('description', 4_000).default(''),
  attributes: ciAttributesSchema.default({}),
});
export type CiCreateArgs = z.infer<typeof ciCreateArgs>;

export const ciCreate = defineMutation<CiCreateArgs>({
  name: 'ci.create',
  version: 1,
  args: ciCreateArgs,
  reads: (args) => [{ kind: 'ci', id: args.id }],
  authorize: staffOnly,
  apply(loaded, args, ctx) {
    if (loaded.cis.has(args.id))
      return fail('ALREADY_EXISTS', `configuration item ${args.id} already exists`, 'id');
    if (args.parentId === args.id)
      return fail('VALIDATION', 'a configuration item cannot be its own parent', 'parentId');
    const value: ConfigurationItem = {
      ...args,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      stamps: initialStamps(editable, ctx),
    };
    return ok({ type: 'put', entity: 'ci', value });
  },
});

const ciUpdateArgs = z.strictObject({
  ciId: configItemIdSchema,
  fields: z.strictObject(ciFields).partial(),
  base: z.record(z.string(), hlcSchema.nullable(), {
    error: 'base must map field names to stamps',
  }),
});
export type CiUpdateArgs = z.infer<typeof ciUpdateArgs>;

/** ci.update@1: field-level LWW like tickets. */
export const ciUpdate = defineMutation<CiUpdateArgs>({
  name: 'ci.update',
  version: 1,
  args: ciUpdateArgs,
  reads: (args) => [{ kind: 'ci', id: args.ciId }],
  authorize(actor, loaded, args) {
    if (!loaded.cis.has(args.ciId)) return notFound('configuration item', args.ciId, 'ciId');
    return staffOnly(actor);
  },
  apply(loaded, args, ctx) {
    const ci = loaded.cis.get(args.ciId);
    if (!ci) return { ok: false, error: notFound('configuration item', args.ciId, 'ciId') };
    if (Object.keys(args.fields).length === 0)
      return fail('VALIDATION', 'fields must change at least one field', 'fields');
    const missing = Object.keys(args.fields).find((k) => !(k in args.base));
    if (missing)
      return fail(
        'VALIDATION',
        `base must give the stamp last seen for ${missing}`,
        `base.${missing}`,
      );
    if (args.fields.parentId === ci.id) {
      return fail('VALIDATION', 'a configuration item cannot be its own parent', 'fields.parentId');
    }
    const merged = mergeFields({
      current: ci as unknown as Record<string, unknown>,
      stamps: ci.stamps,
      fields: args.fields,
      base: args.base,
      ctx,
      mutation: 'ci.update@1',
      ticketId: null,
      subject: `configuration item "${ci.name}"`,
      label: (f) => f,
    });
    const conflicts: Effect[] = merged.conflicts.map((value) => ({ type: 'conflict', value }));
    if (!merged.dirty) return ok(...conflicts);
    const value: ConfigurationItem = {
      ...ci,
      ...merged.values,
      stamps: merged.stamps,
      updatedAt: Math.max(ctx.now, ci.updatedAt),
    };
    return ok({ type: 'put', entity: 'ci', value }, ...conflicts);
  },
});
