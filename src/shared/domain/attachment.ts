import { z } from 'zod';
import { idSchema, type AttachmentId } from '../ids';
import { userIdSchema } from './accounts';
import { ticketIdSchema } from './ticket';
import { epochMsSchema } from './time';

export const attachmentIdSchema = idSchema<AttachmentId>('attachmentId');

export const MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024;

export const sha256Schema = z
  .string({ error: 'sha256 must be text' })
  .regex(/^[0-9a-f]{64}$/, { error: 'sha256 must be 64 lower-case hex digits' });

export const attachmentNameSchema = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(255, { error: 'name must be at most 255 characters' })
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', {
    error: 'name must be a file name without / or \\',
  });

export const mimeSchema = z
  .string({ error: 'mime must be text' })
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i, {
    error: 'mime must be a media type such as image/png',
  })
  .transform((s) => s.toLowerCase());

/** Metadata only: the bytes live content-addressed under /blobs/{sha256}. */
export const attachmentSchema = z.object({
  id: attachmentIdSchema,
  ticketId: ticketIdSchema,
  name: attachmentNameSchema,
  size: z
    .number({ error: 'size must be a number of bytes' })
    .int({ error: 'size must be whole bytes' })
    .min(0, { error: 'size must not be negative' })
    .max(MAX_ATTACHMENT_BYTES, { error: 'size must be at most 256 MiB' }),
  mime: mimeSchema,
  sha256: sha256Schema,
  uploadedBy: userIdSchema,
  createdAt: epochMsSchema('createdAt'),
});
export type Attachment = z.infer<typeof attachmentSchema>;
