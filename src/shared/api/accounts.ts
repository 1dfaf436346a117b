import { z } from 'zod';
import {
  passwordSchema,
  queueIdSchema,
  queueSchema,
  roleSchema,
  userSchema,
  usernameSchema,
} from '../domain/accounts';

/**
 * The HTTP contract for sign-in, first-run set-up and administration.
 * Client and hub both import these schemas (CONVENTIONS.md rule 2).
 */
export const API_PREFIX = '/api/v1';

export const loginRequestSchema = z.object({
  username: z.string({ error: 'username is required' }).min(1, { error: 'username is required' }),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  expiresAt: z.number().int(),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const meResponseSchema = z.object({ user: userSchema, expiresAt: z.number().int() });

export const setupStatusSchema = z.object({
  needsSetup: z.boolean(),
  /** True when the caller may complete set-up (it connects from 127.0.0.1). */
  canSetupHere: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupRequestSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  displayName: z.string().trim().min(1).max(120),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, { error: 'displayName must not be empty' }).max(120),
  email: z.email({ error: 'email must be an e-mail address' }).nullable().default(null),
  password: passwordSchema,
  roles: z.array(roleSchema).min(1, { error: 'roles must name at least one role' }),
  queueIds: z.array(queueIdSchema).default([]),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    email: z.email().nullable(),
    password: passwordSchema,
    roles: z.array(roleSchema).min(1, { error: 'roles must name at least one role' }),
    disabled: z.boolean(),
    queueIds: z.array(queueIdSchema),
  })
  .partial()
  .strict();
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const createQueueRequestSchema = z.object({
  name: z.string().trim().min(1, { error: 'name must not be empty' }).max(80),
  description: z.string().max(500).default(''),
});
export type CreateQueueRequest = z.input<typeof createQueueRequestSchema>;

export const updateQueueRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    description: z.string().max(500),
    disabled: z.boolean(),
  })
  .partial()
  .strict();

export const usersResponseSchema = z.object({ users: z.array(userSchema) });
export const queuesResponseSchema = z.object({ queues: z.array(queueSchema) });

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.number().int(),
});
export type Health = z.infer<typeof healthSchema>;

export const userResponseSchema = z.object({ user: userSchema });
export const queueResponseSchema = z.object({ queue: queueSchema });

/** A signed-in user changing their own password (other sessions are signed out). */
export const changePasswordRequestSchema = z.object({
  currentPassword: z
    .string({ error: 'currentPassword is required' })
    .min(1, { error: 'currentPassword is required' }),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** One entry of the hub's hash-chained audit log (admin only). */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actorId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const auditListResponseSchema = z.object({ entries: z.array(auditEntrySchema) });

export const auditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    seq: z.number().int(),
    reason: z.string(),
  }),
]);
export type AuditVerificationView = z.infer<typeof auditVerificationSchema>;
