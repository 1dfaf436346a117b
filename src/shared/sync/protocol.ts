import { z } from 'zod';
import { idSchema, type ClientId } from '../ids';

/**
 * The sync protocol of SYNC.md, written once for client and hub.
 *
 * Version history (the hub accepts the current version and the one before):
 *  - 1: a mutation was named `"ticket.setFields@1"` in one string.
 *  - 2: name and version travel as separate fields, so a hub can upgrade an
 *       old mutation version without parsing strings.
 */
export const PROTOCOL_VERSION = 2;
export const SUPPORTED_PROTOCOLS = [PROTOCOL_VERSION - 1, PROTOCOL_VERSION] as const;
export const SYNC_PREFIX = '/sync/v1';

/** Most mutations one push may carry; a longer outbox is pushed in several batches. */
export const MAX_PUSH_BATCH = 500;
/** Most changes one pull returns; `hasMore` asks the client to pull again. */
export const MAX_PULL_CHANGES = 2000;

export const clientIdSchema = idSchema<ClientId>('clientId');

const hlcString = z.string().min(1).max(200);

export const pushedMutationSchema = z.object({
  id: z.number().int().positive({ error: 'mutation id must be a positive integer' }),
  name: z.string().min(1).max(100),
  version: z.number().int().positive(),
  args: z.unknown(),
  hlc: hlcString,
  createdAt: z.number().int(),
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

export const pushRequestV2Schema = z.object({
  protocol: z.literal(2),
  clientId: clientIdSchema,
  mutations: z.array(pushedMutationSchema).max(MAX_PUSH_BATCH, {
    error: `a push carries at most ${MAX_PUSH_BATCH} mutations; send the rest in the next push`,
  }),
});

/** Protocol 1: `name` carried the version as `"name@version"`. */
export const pushRequestV1Schema = z.object({
  protocol: z.literal(1),
  clientId: clientIdSchema,
  mutations: z
    .array(
      pushedMutationSchema.omit({ version: true }).extend({
        name: z.string().regex(/^[a-z]+\.[A-Za-z]+@[0-9]+$/, {
          error: 'protocol 1 mutation names look like "ticket.setFields@1"',
        }),
      }),
    )
    .max(MAX_PUSH_BATCH, {
      error: `a push carries at most ${MAX_PUSH_BATCH} mutations; send the rest in the next push`,
    }),
});

export type PushRequest = z.infer<typeof pushRequestV2Schema>;

/** Reads a push of any supported protocol and returns it in the current shape. */
export const upgradePushRequest = (
  body: z.infer<typeof pushRequestV1Schema> | PushRequest,
): PushRequest => {
  if (body.protocol === 2) return body;
  return {
    protocol: 2,
    clientId: body.clientId,
    mutations: body.mutations.map((m) => {
      const at = m.name.lastIndexOf('@');
      return { ...m, name: m.name.slice(0, at), version: Number(m.name.slice(at + 1)) };
    }),
  };
};

export const mutationErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type MutationError = z.infer<typeof mutationErrorSchema>;

export const pushResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.number().int(), status: z.literal('applied') }),
  z.object({ id: z.number().int(), status: z.literal('rejected'), error: mutationErrorSchema }),
  z.object({
    id: z.number().int(),
    status: z.literal('duplicate'),
    /** What the hub decided the first time it saw this mutation. */
    original: z.enum(['applied', 'rejected']),
    error: mutationErrorSchema.optional(),
  }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  lastMutationId: z.number().int().nonnegative(),
  /** Set when the batch stopped early: a gap in mutation ids means earlier ones are missing. */
  stopped: z
    .object({ id: z.number().int(), code: z.literal('OUT_OF_ORDER'), message: z.string() })
    .optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Every kind of row that travels through the change log. */
export const syncEntities = [
  'ticket',
  'comment',
  'worklog',
  'attachment',
  'link',
  'article',
  'ci',
  'user',
  'queue',
  'conflict',
  'calendar',
  'sla',
  'setting',
] as const;
export const syncEntitySchema = z.enum(syncEntities);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const changeSchema = z.object({
  seq: z.number().int().positive(),
  entity: syncEntitySchema,
  /** `remove` of a ticket also removes its comments, work log, attachments and links. */
  op: z.enum(['put', 'remove']),
  id: z.string(),
  data: z.unknown().optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullRequestSchema = z.object({
  protocol: z.union([z.literal(1), z.literal(2)]),
  clientId: clientIdSchema,
  cursor: z.number().int().nonnegative(),
  aclHash: z.string().nullable(),
  limit: z.number().int().positive().max(MAX_PULL_CHANGES).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pullResponseSchema = z.union([
  z.object({
    changes: z.array(changeSchema),
    cursor: z.number().int().nonnegative(),
    lastMutationId: z.number().int().nonnegative(),
    hasMore: z.boolean(),
    aclHash: z.string(),
  }),
  z.object({
    reset: z.literal('bootstrap'),
    reason: z.enum(['CURSOR_COMPACTED', 'ACCESS_CHANGED', 'UNKNOWN_CLIENT_STATE']),
    message: z.string(),
  }),
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** One line of the NDJSON bootstrap stream. */
export const bootstrapLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('begin'),
    cursor: z.number().int().nonnegative(),
    lastMutationId: z.number().int().nonnegative(),
    aclHash: z.string(),
    protocol: z.number().int(),
  }),
  z.object({ type: z.literal('rows'), entity: syncEntitySchema, rows: z.array(z.unknown()) }),
  z.object({ type: z.literal('end'), rows: z.number().int().nonnegative() }),
]);
export type BootstrapLine = z.infer<typeof bootstrapLineSchema>;

/** The Server-Sent Event the hub sends after each commit. */
export const pokeSchema = z.object({ seq: z.number().int().nonnegative() });

export const isSupportedProtocol = (p: unknown): p is (typeof SUPPORTED_PROTOCOLS)[number] =>
  typeof p === 'number' && (SUPPORTED_PROTOCOLS as readonly number[]).includes(p);
