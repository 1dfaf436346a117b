import { z } from 'zod';
import { strictObjectError } from '../field-name';
import { queueIdSchema } from './accounts';
import { catalogItemIdSchema, categorySchema, longTextSchema } from './ticket';
import { isDateOnly } from './time';

/**
 * Service catalogue items (DOMAIN.md "Service request"): each item defines the form a
 * requester fills in. Values are validated against these definitions on the client
 * and again on the hub, so a request never carries fields its item does not know.
 */
export const fieldKinds = ['text', 'number', 'select', 'boolean', 'date'] as const;

const common = {
  key: z.string({ error: 'field key must be text' }).regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, {
    error: 'field key must start with a lower-case letter and use only letters, digits and _',
  }),
  label: z
    .string({ error: 'field label must be text' })
    .trim()
    .min(1, { error: 'field label must not be empty' })
    .max(120, { error: 'field label must be at most 120 characters' }),
  required: z.boolean({ error: 'required must be true or false' }),
  help: z
    .string({ error: 'help must be text' })
    .max(500, { error: 'help must be at most 500 characters' })
    .default(''),
};

/** Field definitions refuse unknown keys: a misspelt `maxLenght` would fall back to the default. */
const fieldObject = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, {
    error: strictObjectError('a catalogue field', 'each field must be an object'),
  });

export const catalogFieldSchema = z.discriminatedUnion(
  'kind',
  [
    fieldObject({
      ...common,
      kind: z.literal('text'),
      maxLength: z
        .number({ error: 'maxLength must be a number' })
        .int({ error: 'maxLength must be a whole number' })
        .min(1, { error: 'maxLength must be at least 1' })
        .max(20_000, { error: 'maxLength must be at most 20,000' })
        .default(2_000),
    }),
    fieldObject({
      ...common,
      kind: z.literal('number'),
      min: z.number({ error: 'min must be a number' }).nullable().default(null),
      max: z.number({ error: 'max must be a number' }).nullable().default(null),
      integer: z.boolean({ error: 'integer must be true or false' }).default(false),
    }).refine((f) => f.min === null || f.max === null || f.min <= f.max, {
      path: ['min'],
      error: 'min must not be more than max',
    }),
    fieldObject({
      ...common,
      kind: z.literal('select'),
      options: z
        .array(
          z
            .string({ error: 'each option must be text' })
            .trim()
            .min(1, { error: 'an option must not be empty' })
            .max(120, { error: 'an option must be at most 120 characters' }),
          { error: 'options must be a list of text' },
        )
        .min(1, { error: 'options must list at least one option for a select field' })
        .max(100, { error: 'options may hold at most 100 options' })
        .refine((o) => new Set(o).size === o.length, { error: 'options must not repeat' }),
    }),
    fieldObject({ ...common, kind: z.literal('boolean') }),
    fieldObject({ ...common, kind: z.literal('date') }),
  ],
  { error: `field kind must be one of ${fieldKinds.join(', ')}` },
);
export type CatalogField = z.infer<typeof catalogFieldSchema>;

export const catalogItemSchema = z.strictObject(
  {
    id: catalogItemIdSchema,
    name: z
      .string({ error: 'name must be text' })
      .trim()
      .min(1, { error: 'name must not be empty' })
      .max(120, { error: 'name must be at most 120 characters' }),
    description: longTextSchema('description', 4_000),
    category: categorySchema,
    defaultQueueId: queueIdSchema,
    fields: z
      .array(catalogFieldSchema, { error: 'fields must be a list of field definitions' })
      .max(50, { error: 'a catalogue item may define at most 50 fields' })
      .refine((f) => new Set(f.map((x) => x.key)).size === f.length, {
        error: 'fields must not repeat a key: field keys of a catalogue item are unique',
      }),
    needsApproval: z.boolean({ error: 'needsApproval must be true or false' }),
    active: z.boolean({ error: 'active must be true or false' }),
  },
  {
    error: strictObjectError('a catalogue item', 'catalogItems must list catalogue item objects'),
  },
);
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export type RequestFieldValue = string | number | boolean | null;

export type RequestFieldsResult =
  | { ok: true; values: Record<string, RequestFieldValue> }
  | { ok: false; field: string; message: string };

const checkValue = (f: CatalogField, v: RequestFieldValue): string | null => {
  switch (f.kind) {
    case 'text':
      if (typeof v !== 'string') return `${f.label} must be text`;
      return v.length > f.maxLength ? `${f.label} must be at most ${f.maxLength} characters` : null;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${f.label} must be a number`;
      if (f.integer && !Number.isInteger(v)) return `${f.label} must be a whole number`;
      if (f.min !== null && v < f.min) return `${f.label} must be at least ${f.min}`;
      if (f.max !== null && v > f.max) return `${f.label} must be at most ${f.max}`;
      return null;
    case 'select':
      return typeof v === 'string' && f.options.includes(v)
        ? null
        : `${f.label} must be one of ${f.options.join(', ')}`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `${f.label} must be yes or no`;
    case 'date':
      return typeof v === 'string' && isDateOnly(v) ? null : `${f.label} must be a date YYYY-MM-DD`;
  }
};

const isBlank = (v: RequestFieldValue | undefined): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks a request form against its item. Returns every defined field (blank ones as
 * null) so stored requests have a stable shape; unknown keys are refused.
 */
export const validateRequestFields = (
  item: CatalogItem,
  values: Record<string, RequestFieldValue>,
): RequestFieldsResult => {
  for (const key of Object.keys(values)) {
    if (!item.fields.some((f) => f.key === key)) {
      return {
        ok: false,
        field: `requestFields.${key}`,
        message: `${item.name} has no field "${key}"`,
      };
    }
  }
  const out: Record<string, RequestFieldValue> = {};
  for (const f of item.fields) {
    const raw = values[f.key];
    const v = typeof raw === 'string' && f.kind !== 'text' ? raw.trim() : raw;
    if (isBlank(v)) {
      if (f.required)
        return { ok: false, field: `requestFields.${f.key}`, message: `${f.label} is required` };
      out[f.key] = null;
      continue;
    }
    const problem = checkValue(f, v!);
    if (problem) return { ok: false, field: `requestFields.${f.key}`, message: problem };
    out[f.key] = v!;
  }
  return { ok: true, values: out };
};
