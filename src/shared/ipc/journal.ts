import { z } from 'zod';
import { hlcSchema } from '../sync/hlc';
import { originSchema } from './origin';

/**
 * The desktop's mutation journal (SYNC.md, "nothing typed is ever lost"): a
 * copy of each not-yet-acknowledged mutation in a file the main process
 * writes, outside the renderer's IndexedDB. One journal per hub and user,
 * because recovery adopts the journal's client id and that id belongs to
 * exactly one user on one hub.
 */
export const JOURNAL_ARGS_MAX_BYTES = 1024 * 1024;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .regex(UUID_RE, { error: `${field} must be a UUID` })
    .transform((s) => s.toLowerCase());

export const journalScopeSchema = z.object({
  hubOrigin: originSchema,
  userId: uuid('userId'),
});
export type JournalScope = z.input<typeof journalScopeSchema>;

/** Size of a value as JSON, or null when it cannot be written as JSON (cycles, BigInt). */
const jsonSize = (value: unknown): number | null => {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : new TextEncoder().encode(text).length;
  } catch {
    return null;
  }
};

export const journalEntrySchema = z.object({
  clientId: uuid('clientId'),
  mutationId: z
    .number({ error: 'mutationId must be a number' })
    .int({ error: 'mutationId must be a whole number' })
    .positive({ error: 'mutationId must be 1 or more' }),
  name: z
    .string({ error: 'name must be a string' })
    .min(1, { error: 'name must not be empty' })
    .max(100, { error: 'name must have at most 100 characters' }),
  version: z
    .number({ error: 'version must be a number' })
    .int({ error: 'version must be a whole number' })
    .positive({ error: 'version must be 1 or more' }),
  args: z.unknown().superRefine((value, ctx) => {
    const size = jsonSize(value);
    if (size === null) ctx.addIssue({ code: 'custom', message: 'args must be JSON' });
    else if (size > JOURNAL_ARGS_MAX_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `args must be at most ${JOURNAL_ARGS_MAX_BYTES} bytes as JSON (got ${size})`,
      });
    }
  }),
  hlc: hlcSchema,
  createdAt: z
    .number({ error: 'createdAt must be a number' })
    .int({ error: 'createdAt must be a whole number of milliseconds' })
    .nonnegative({ error: 'createdAt must not be negative' }),
  localError: z
    .object({ code: z.string().max(100), message: z.string().max(2000) })
    .nullable()
    .optional(),
});
export type JournalEntryInput = z.input<typeof journalEntrySchema>;
export type JournalEntryRecord = z.output<typeof journalEntrySchema>;

export const journalAppendSchema = z.object({
  scope: journalScopeSchema,
  entry: journalEntrySchema,
});
export const journalTrimSchema = z.object({
  scope: journalScopeSchema,
  clientId: uuid('clientId'),
  through: z
    .number({ error: 'through must be a number' })
    .int({ error: 'through must be a whole number' })
    .nonnegative({ error: 'through must not be negative' }),
});
