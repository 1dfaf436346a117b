import { z } from 'zod';
import { idSchema, type QueueId, type UserId } from '../ids';

/** Roles of DOMAIN.md "Roles"; a user may hold several (an agent who is also a change manager). */
export const roles = ['requester', 'agent', 'lead', 'change_manager', 'admin'] as const;
export const roleSchema = z.enum(roles, { error: 'role must be one of ' + roles.join(', ') });
export type Role = z.infer<typeof roleSchema>;

export const userIdSchema = idSchema<UserId>('userId');
export const queueIdSchema = idSchema<QueueId>('queueId');

export const usernameSchema = z
  .string({ error: 'username must be a string' })
  .trim()
  .min(2, { error: 'username must have at least 2 characters' })
  .max(64, { error: 'username must have at most 64 characters' })
  .regex(/^[a-zA-Z0-9._@-]+$/, {
    error: 'username may contain only letters, digits, dot, underscore, @ and dash',
  })
  .transform((s) => s.toLowerCase());

export const passwordSchema = z
  .string({ error: 'password must be a string' })
  .min(10, { error: 'password must have at least 10 characters' })
  .max(256, { error: 'password must have at most 256 characters' });

/** A user as every signed-in client may see it (no secrets). */
export const userSchema = z.object({
  id: userIdSchema,
  username: usernameSchema,
  displayName: z.string().trim().min(1, { error: 'displayName must not be empty' }).max(120),
  email: z.email({ error: 'email must be an e-mail address' }).nullable(),
  roles: z.array(roleSchema).min(1, { error: 'roles must name at least one role' }),
  disabled: z.boolean(),
  queueIds: z.array(queueIdSchema),
});
export type User = z.infer<typeof userSchema>;

/** A queue is an assignment group: agents are members, tickets belong to one queue. */
export const queueSchema = z.object({
  id: queueIdSchema,
  name: z.string().trim().min(1, { error: 'name must not be empty' }).max(80),
  description: z.string().max(500),
  disabled: z.boolean(),
});
export type Queue = z.infer<typeof queueSchema>;

export const hasRole = (user: Pick<User, 'roles'>, role: Role): boolean =>
  user.roles.includes(role) || user.roles.includes('admin');
