import { z } from 'zod';
import { idSchema, type ConflictId, type TicketId, type UserId } from '../ids';
import { userIdSchema } from './accounts';
import type { DomainError } from './errors';
import { ticketIdSchema } from './ticket';
import { epochMsSchema } from './time';

export const conflictIdSchema = idSchema<ConflictId>('conflictId');

/** Codes of conflicts that come from a merge rather than from a rejected mutation. */
export const conflictCodes = {
  overwritten: 'FIELD_OVERWRITTEN',
  notApplied: 'FIELD_NOT_APPLIED',
} as const;

/**
 * An edit that was overwritten or rejected, kept for the author to see until they
 * dismiss or re-apply it (SYNC.md: nothing is silently lost).
 */
export const conflictSchema = z.object({
  id: conflictIdSchema,
  /** Whom to show it to: the author whose value lost. */
  userId: userIdSchema,
  ticketId: ticketIdSchema.nullable(),
  field: z.string().nullable(),
  mine: z.unknown(),
  theirs: z.unknown(),
  theirsBy: userIdSchema.nullable(),
  at: epochMsSchema('at'),
  mutation: z.string().min(1, { error: 'mutation must name the mutation' }),
  code: z.string().min(1, { error: 'code must not be empty' }),
  message: z.string().min(1, { error: 'message must not be empty' }),
});
export type Conflict = Omit<z.infer<typeof conflictSchema>, 'mine' | 'theirs'> & {
  mine: unknown;
  theirs: unknown;
};

/**
 * The conflict a client records when the hub rejects one of its mutations: the
 * arguments it sent are "mine", so the user can re-apply them by hand.
 */
export const conflictFromRejection = (p: {
  id: ConflictId;
  userId: UserId;
  ticketId: TicketId | null;
  mutation: string;
  args: unknown;
  error: DomainError;
  at: number;
}): Conflict => ({
  id: p.id,
  userId: p.userId,
  ticketId: p.ticketId,
  field: p.error.field ?? null,
  mine: p.args,
  theirs: p.error.details ?? null,
  theirsBy: typeof p.error.details?.by === 'string' ? (p.error.details.by as UserId) : null,
  at: p.at,
  mutation: p.mutation,
  code: p.error.code,
  message: p.error.message,
});
