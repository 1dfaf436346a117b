import { z } from 'zod';
import { fieldName } from '../field-name';
import { idSchema, type QueueId, type UserId } from '../ids';

/** Roles of DOMAIN.md "Roles"; a user may hold several (an agent who is also a change manager). */
export const roles = ['requester', 'agent', 'lead', 'change_manager', 'admin'] as const;
export const roleSchema = z.enum(roles, {
  error: (iss) => `${fieldName(iss.path, 'role')} must be one of ${roles.join(', ')}`,
});
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
  displayName: z
    .string({ error: 'displayName must be text' })
    .trim()
    .min(1, { error: 'displayName must not be empty' })
    .max(120, { error: 'displayName must be at most 120 characters' }),
  email: z.email({ error: 'email must be an e-mail address' }).nullable(),
  roles: z
    .array(roleSchema, { error: 'roles must be a list of roles' })
    .min(1, { error: 'roles must name at least one role' }),
  disabled: z.boolean({ error: 'disabled must be true or false' }),
  queueIds: z.array(queueIdSchema, { error: 'queueIds must be a list of queue ids' }),
});
export type User = z.infer<typeof userSchema>;

/** A queue is an assignment group: agents are members, tickets belong to one queue. */
export const queueSchema = z.object({
  id: queueIdSchema,
  name: z
    .string({ error: 'name must be text' })
    .trim()
    .min(1, { error: 'name must not be empty' })
    .max(80, { error: 'name must be at most 80 characters' }),
  description: z
    .string({ error: 'description must be text' })
    .max(500, { error: 'description must be at most 500 characters' }),
  disabled: z.boolean({ error: 'disabled must be true or false' }),
});
export type Queue = z.infer<typeof queueSchema>;

export const hasRole = (user: Pick<User, 'roles'>, role: Role): boolean =>
  user.roles.includes(role) || user.roles.includes('admin');
