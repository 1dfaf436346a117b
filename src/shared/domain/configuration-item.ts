import { z } from 'zod';
import { fieldName } from '../field-name';
import { queueIdSchema, userIdSchema } from './accounts';
import { configItemIdSchema, fieldStampSchema, longTextSchema } from './ticket';
import { epochMsSchema } from './time';

/** CMDB-lite (DOMAIN.md): the service, application, host or device a ticket is about. */
export const ciKinds = [
  'service',
  'application',
  'host',
  'device',
  'database',
  'network',
  'other',
] as const;
export const ciStatuses = ['planned', 'active', 'maintenance', 'retired'] as const;

export const ciNameSchema = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(120, { error: 'name must be at most 120 characters' });
export const ciKindSchema = z.enum(ciKinds, { error: `kind must be one of ${ciKinds.join(', ')}` });
export const ciStatusSchema = z.enum(ciStatuses, {
  error: `status must be one of ${ciStatuses.join(', ')}`,
});
/** Attribute messages name the attribute: its name is the last key of the path. */
const attribute = (path: readonly PropertyKey[] | undefined) =>
  `attribute ${fieldName(path, 'value')}`;

export const ciAttributesSchema = z
  .record(
    z.string().trim().min(1).max(60),
    z
      .string({ error: (iss) => `${attribute(iss.path)} must be text` })
      .max(500, { error: (iss) => `${attribute(iss.path)} must be at most 500 characters` }),
    {
      error: (iss) =>
        iss.code === 'invalid_key'
          ? `${attribute(iss.path)} must have a name of 1 to 60 characters`
          : 'attributes must map names to text',
    },
  )
  .refine((a) => Object.keys(a).length <= 50, { error: 'attributes may hold at most 50 entries' });

export const configurationItemSchema = z
  .object({
    id: configItemIdSchema,
    name: ciNameSchema,
    kind: ciKindSchema,
    status: ciStatusSchema,
    ownerQueueId: queueIdSchema.nullable(),
    parentId: configItemIdSchema.nullable(),
    description: longTextSchema('description', 4_000),
    attributes: ciAttributesSchema,
    createdBy: userIdSchema,
    createdAt: epochMsSchema('createdAt'),
    updatedAt: epochMsSchema('updatedAt'),
    stamps: z.record(z.string(), fieldStampSchema, {
      error: 'stamps must map field names to stamps',
    }),
  })
  .refine((c) => c.updatedAt >= c.createdAt, {
    path: ['updatedAt'],
    error: 'updatedAt must not be before createdAt',
  });
export type ConfigurationItem = z.infer<typeof configurationItemSchema>;
