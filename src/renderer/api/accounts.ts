import { z } from 'zod';
import {
  API_PREFIX,
  healthSchema,
  meResponseSchema,
  queuesResponseSchema,
  sessionSchema,
  setupStatusSchema,
  usersResponseSchema,
  type CreateQueueRequest,
  type CreateUserRequest,
  type LoginRequest,
  type SetupRequest,
  type UpdateUserRequest,
} from '../../shared/api/accounts';
import { queueSchema, userSchema } from '../../shared/domain/accounts';
import type { QueueId, UserId } from '../../shared/ids';
import type { ApiClient } from './client';

/**
 * The sign-in answer without the token: zod drops unknown keys, so even in
 * web mode (where the body carries the token for non-browser clients) the
 * token never reaches renderer memory beyond this parse. The cookie or the
 * desktop proxy carries the session.
 */
const signedInSchema = sessionSchema.pick({ expiresAt: true, user: true });
export type SignedIn = z.infer<typeof signedInSchema>;

const userEnvelope = z.union([z.object({ user: userSchema }), userSchema]);
const queueEnvelope = z.union([z.object({ queue: queueSchema }), queueSchema]);
const unwrapUser = (v: z.infer<typeof userEnvelope>) => ('user' in v ? v.user : v);
const unwrapQueue = (v: z.infer<typeof queueEnvelope>) => ('queue' in v ? v.queue : v);

export interface UpdateQueueRequest {
  name?: string;
  description?: string;
  disabled?: boolean;
}

/** Typed calls for sign-in, set-up and administration (src/shared/api/accounts.ts). */
export const createAccountsApi = (client: ApiClient) => {
  const api = (path: string) => `${API_PREFIX}${path}`;
  return {
    health: () => client.request('GET', '/health', { schema: healthSchema, needsSession: false }),
    setupStatus: () =>
      client.request('GET', api('/setup'), { schema: setupStatusSchema, needsSession: false }),
    setup: (body: SetupRequest) =>
      client.request('POST', api('/setup'), { body, schema: z.unknown(), needsSession: false }),
    login: (body: LoginRequest) =>
      client.request('POST', api('/auth/login'), {
        body,
        schema: signedInSchema,
        needsSession: false,
      }),
    logout: () =>
      client.request('POST', api('/auth/logout'), { schema: z.unknown(), needsSession: false }),
    me: () =>
      client.request('GET', api('/auth/me'), { schema: meResponseSchema, needsSession: false }),

    listUsers: () => client.request('GET', api('/admin/users'), { schema: usersResponseSchema }),
    createUser: async (body: CreateUserRequest) => {
      const r = await client.request('POST', api('/admin/users'), { body, schema: userEnvelope });
      return r.ok ? { ok: true as const, value: unwrapUser(r.value) } : r;
    },
    updateUser: async (id: UserId, body: UpdateUserRequest) => {
      const r = await client.request('PATCH', api(`/admin/users/${encodeURIComponent(id)}`), {
        body,
        schema: userEnvelope,
      });
      return r.ok ? { ok: true as const, value: unwrapUser(r.value) } : r;
    },
    listQueues: () => client.request('GET', api('/admin/queues'), { schema: queuesResponseSchema }),
    createQueue: async (body: CreateQueueRequest) => {
      const r = await client.request('POST', api('/admin/queues'), { body, schema: queueEnvelope });
      return r.ok ? { ok: true as const, value: unwrapQueue(r.value) } : r;
    },
    updateQueue: async (id: QueueId, body: UpdateQueueRequest) => {
      const r = await client.request('PATCH', api(`/admin/queues/${encodeURIComponent(id)}`), {
        body,
        schema: queueEnvelope,
      });
      return r.ok ? { ok: true as const, value: unwrapQueue(r.value) } : r;
    },
    /** Queues the signed-in user may see (any role). */
    myQueues: () => client.request('GET', api('/queues'), { schema: queuesResponseSchema }),
  };
};

export type AccountsApi = ReturnType<typeof createAccountsApi>;
