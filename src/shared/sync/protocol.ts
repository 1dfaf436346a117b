import { z } from 'zod';
import { epochMsSchema } from '../domain/time';
import { strictObjectError } from '../field-name';
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

/** A whole number with every message naming `field`. */
const count = (field: string, min: 0 | 1) =>
  z
    .number({ error: `${field} must be a number` })
    .int({ error: `${field} must be a whole number` })
    .min(min, { error: `${field} must be ${min} or more` });

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` });

/**
 * Request bodies refuse unknown keys: the hub knows exactly what each protocol
 * version sends, so an unknown key is a client bug to report, not data to drop.
 * Responses stay lenient, so a client reads the answer of a newer hub.
 */
const requestObject = <S extends z.core.$ZodLooseShape>(what: string, shape: S) =>
  z.strictObject(shape, { error: strictObjectError(what, `${what} must be a JSON object`) });

const mutationFields = {
  id: count('mutation id', 1),
  args: z.unknown(),
  hlc: text('hlc', 200),
  /** When the author made it, by their clock: shown in conflict logs, never trusted for order. */
  createdAt: epochMsSchema('createdAt'),
};

export const pushedMutationSchema = requestObject('a pushed mutation', {
  ...mutationFields,
  name: text('name', 100),
  version: count('version', 1),
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

const mutationsSchema = <T extends z.ZodType>(mutation: T) =>
  z.array(mutation, { error: 'mutations must be a list of mutations' }).max(MAX_PUSH_BATCH, {
    error: `mutations: a push carries at most ${MAX_PUSH_BATCH} mutations; send the rest in the next push`,
  });

export const pushRequestV2Schema = requestObject('a push', {
  protocol: z.literal(2, { error: 'protocol must be 2' }),
  clientId: clientIdSchema,
  mutations: mutationsSchema(pushedMutationSchema),
});

/** Protocol 1: `name` carried the version as `"name@version"`. */
export const pushRequestV1Schema = requestObject('a push', {
  protocol: z.literal(1, { error: 'protocol must be 1' }),
  clientId: clientIdSchema,
  mutations: mutationsSchema(
    requestObject('a pushed mutation', {
      ...mutationFields,
      name: z.string({ error: 'name must be text' }).regex(/^[a-z]+\.[A-Za-z]+@[0-9]+$/, {
        error: 'name: protocol 1 mutation names look like "ticket.setFields@1"',
      }),
    }),
  ),
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

export const mutationErrorSchema = z.object(
  {
    code: z.string({ error: 'error.code must be text' }),
    message: z.string({ error: 'error.message must be text' }),
    field: z.string({ error: 'error.field must be text' }).optional(),
  },
  { error: 'error must be an object with a code and a message' },
);
export type MutationError = z.infer<typeof mutationErrorSchema>;

const resultId = count('result id', 0);
export const pushResultSchema = z.discriminatedUnion(
  'status',
  [
    z.object({ id: resultId, status: z.literal('applied') }),
    z.object({ id: resultId, status: z.literal('rejected'), error: mutationErrorSchema }),
    z.object({
      id: resultId,
      status: z.literal('duplicate'),
      /** What the hub decided the first time it saw this mutation. */
      original: z.enum(['applied', 'rejected'], { error: 'original must be applied or rejected' }),
      error: mutationErrorSchema.optional(),
    }),
  ],
  { error: 'each result status must be applied, rejected or duplicate' },
);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema, { error: 'results must be a list of results' }),
  lastMutationId: count('lastMutationId', 0),
  /** Set when the batch stopped early: a gap in mutation ids means earlier ones are missing. */
  stopped: z
    .object(
      {
        id: count('stopped.id', 0),
        code: z.literal('OUT_OF_ORDER', { error: 'stopped.code must be OUT_OF_ORDER' }),
        message: z.string({ error: 'stopped.message must be text' }),
      },
      { error: 'stopped must be an object with an id, a code and a message' },
    )
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
export const syncEntitySchema = z.enum(syncEntities, {
  error: `entity must be one of ${syncEntities.join(', ')}`,
});
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const changeSchema = z.object(
  {
    seq: count('seq', 1),
    entity: syncEntitySchema,
    /** `remove` of a ticket also removes its comments, work log, attachments and links. */
    op: z.enum(['put', 'remove'], { error: 'op must be put or remove' }),
    id: z.string({ error: 'id must be text' }),
    data: z.unknown().optional(),
  },
  { error: 'changes must hold change objects' },
);
export type Change = z.infer<typeof changeSchema>;

export const pullRequestSchema = requestObject('a pull', {
  protocol: z.union([z.literal(1), z.literal(2)], { error: 'protocol must be 1 or 2' }),
  clientId: clientIdSchema,
  cursor: count('cursor', 0),
  aclHash: z.string({ error: 'aclHash must be text or null' }).nullable(),
  limit: count('limit', 1)
    .max(MAX_PULL_CHANGES, { error: `limit must be at most ${MAX_PULL_CHANGES}` })
    .optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

const pullPageSchema = z.object({
  changes: z.array(changeSchema, { error: 'changes must be a list of changes' }),
  cursor: count('cursor', 0),
  lastMutationId: count('lastMutationId', 0),
  hasMore: z.boolean({ error: 'hasMore must be true or false' }),
  aclHash: z.string({ error: 'aclHash must be text' }),
});
const pullResetSchema = z.object({
  reset: z.literal('bootstrap', { error: 'reset must be bootstrap' }),
  reason: z.enum(['CURSOR_COMPACTED', 'ACCESS_CHANGED', 'UNKNOWN_CLIENT_STATE'], {
    error: 'reason must be CURSOR_COMPACTED, ACCESS_CHANGED or UNKNOWN_CLIENT_STATE',
  }),
  message: z.string({ error: 'message must be text' }),
});

/**
 * A page of changes, or a reset when it carries `reset`. Chosen by that key rather
 * than by z.union, whose failure would hide which field of the page was wrong.
 */
export const pullResponseSchema = z
  .unknown()
  .transform((v, ctx): z.infer<typeof pullPageSchema> | z.infer<typeof pullResetSchema> => {
    const isReset = typeof v === 'object' && v !== null && 'reset' in v;
    const r = (isReset ? pullResetSchema : pullPageSchema).safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
    return z.NEVER;
  });
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** One line of the NDJSON bootstrap stream. */
export const bootstrapLineSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('begin'),
      cursor: count('cursor', 0),
      lastMutationId: count('lastMutationId', 0),
      aclHash: z.string({ error: 'aclHash must be text' }),
      protocol: count('protocol', 1),
    }),
    z.object({
      type: z.literal('rows'),
      entity: syncEntitySchema,
      rows: z.array(z.unknown(), { error: 'rows must be a list' }),
    }),
    z.object({ type: z.literal('end'), rows: count('rows', 0) }),
  ],
  { error: 'type must be begin, rows or end' },
);
export type BootstrapLine = z.infer<typeof bootstrapLineSchema>;

/** The Server-Sent Event the hub sends after each commit. */
export const pokeSchema = z.object({ seq: count('seq', 0) }, { error: 'a poke must be an object' });

export const isSupportedProtocol = (p: unknown): p is (typeof SUPPORTED_PROTOCOLS)[number] =>
  typeof p === 'number' && (SUPPORTED_PROTOCOLS as readonly number[]).includes(p);
