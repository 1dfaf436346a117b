import { z } from 'zod';
import { idSchema, type CommentId } from '../ids';
import { userIdSchema } from './accounts';
import { ticketIdSchema } from './ticket';
import { epochMsSchema } from './time';

export const commentIdSchema = idSchema<CommentId>('commentId');
export const commentVisibilities = ['public', 'internal'] as const;
export const commentVisibilitySchema = z.enum(commentVisibilities, {
  error: 'visibility must be public or internal',
});
export const commentBodySchema = z
  .string({ error: 'body must be text' })
  .refine((s) => s.trim().length > 0, { error: 'body must not be empty' })
  .refine((s) => s.length <= 20_000, { error: 'body must be at most 20,000 characters' });

/** 'internal' comments are work notes for staff; requesters never receive them. */
export const commentSchema = z.object({
  id: commentIdSchema,
  ticketId: ticketIdSchema,
  authorId: userIdSchema,
  body: commentBodySchema,
  visibility: commentVisibilitySchema,
  createdAt: epochMsSchema('createdAt'),
});
export type Comment = z.infer<typeof commentSchema>;
