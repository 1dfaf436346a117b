import { z } from 'zod';
import type { QueueId, UserId } from '../ids';
import { queueIdSchema, roleSchema, userIdSchema, type Role } from './accounts';

/** Who performs a mutation: enough to authorize it without loading anything else. */
export interface Actor {
  userId: UserId;
  roles: Role[];
  queueIds: QueueId[];
}

export const actorSchema = z.object({
  userId: userIdSchema,
  roles: z.array(roleSchema),
  queueIds: z.array(queueIdSchema),
});
