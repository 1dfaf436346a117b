import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  firstMessage,
  leafField,
  rejectionFaults,
  setAt,
  wrongTypeCases,
  type Path,
} from '../domain/bad-input-testing';
import { T0, uuid } from '../domain/test-fixtures';
import {
  bootstrapLineSchema,
  isSupportedProtocol,
  MAX_PULL_CHANGES,
  MAX_PUSH_BATCH,
  pullRequestSchema,
  pullResponseSchema,
  pushedMutationSchema,
  pushRequestV1Schema,
  pushRequestV2Schema,
  pushResponseSchema,
  upgradePushRequest,
} from './protocol';

/**
 * The sync protocol's bodies answer a malformed push or pull with a message naming
 * the field (the hub returns it as a 400 and the client shows it in diagnostics).
 * Request bodies refuse unknown keys; responses ignore them so an older client can
 * read a newer hub.
 */

const CLIENT = uuid(901);
const mutation = {
  id: 1,
  name: 'ticket.setFields',
  version: 1,
  args: { ticketId: uuid(301), fields: { title: 'x' } },
  hlc: '001740992400000-000000-client-a',
  createdAt: T0,
};
const pushV2 = { protocol: 2, clientId: CLIENT, mutations: [mutation] };
const { version: _v, ...unversioned } = mutation;
const pushV1 = {
  protocol: 1,
  clientId: CLIENT,
  mutations: [{ ...unversioned, name: 'ticket.setFields@1' }],
};
const pull = { protocol: 2, clientId: CLIENT, cursor: 10, aclHash: 'abc', limit: 100 };

const requests: Array<{ name: string; schema: z.ZodType; sample: unknown }> = [
  { name: 'pushed mutation', schema: pushedMutationSchema, sample: mutation },
  { name: 'push (protocol 2)', schema: pushRequestV2Schema, sample: pushV2 },
  { name: 'push (protocol 1)', schema: pushRequestV1Schema, sample: pushV1 },
  { name: 'pull', schema: pullRequestSchema, sample: pull },
];
const responses: Array<{ name: string; schema: z.ZodType; sample: unknown }> = [
  {
    name: 'push answer',
    schema: pushResponseSchema,
    sample: {
      results: [
        { id: 1, status: 'rejected', error: { code: 'VALIDATION', message: 'x', field: 'title' } },
      ],
      lastMutationId: 1,
      stopped: { id: 3, code: 'OUT_OF_ORDER', message: 'mutation 2 is missing' },
    },
  },
  {
    name: 'pull answer',
    schema: pullResponseSchema,
    sample: {
      changes: [{ seq: 5, entity: 'ticket', op: 'put', id: uuid(301), data: { title: 'x' } }],
      cursor: 5,
      lastMutationId: 1,
      hasMore: false,
      aclHash: 'abc',
    },
  },
  {
    name: 'bootstrap begin line',
    schema: bootstrapLineSchema,
    sample: { type: 'begin', cursor: 0, lastMutationId: 0, aclHash: 'abc', protocol: 2 },
  },
];
const skipAny = /(^|\.)(args|data)$/;

describe.each([...requests, ...responses])('$name', ({ schema, sample }) => {
  it('accepts the valid sample', () => {
    expect(firstMessage(schema, sample)).toBe('valid');
  });

  it.each(
    wrongTypeCases(sample, (p) => skipAny.test(p.join('.'))).map(
      (c) => [c.what, c.path.join('.'), c.path, c.value] as const,
    ),
  )('rejects %s at %s, naming the field', (_what, _, path: Path, value) => {
    expect(rejectionFaults(schema, setAt(sample, path, value), leafField(path)!)).toEqual([]);
  });
});

type Row = [schema: string, label: string, path: Path, value: unknown, field?: string];
const Y2300 = Date.UTC(2300, 0, 1);
const rows: Row[] = [
  ['pushed mutation', 'id 0', ['id'], 0],
  ['pushed mutation', 'id 1.5', ['id'], 1.5],
  ['pushed mutation', 'version 0', ['version'], 0],
  ['pushed mutation', 'an empty name', ['name'], ''],
  ['pushed mutation', 'an empty hlc', ['hlc'], ''],
  ['pushed mutation', 'createdAt NaN', ['createdAt'], Number.NaN],
  ['pushed mutation', 'createdAt negative', ['createdAt'], -1],
  ['pushed mutation', 'createdAt 0', ['createdAt'], 0],
  ['pushed mutation', 'createdAt in seconds', ['createdAt'], Math.floor(T0 / 1000)],
  ['pushed mutation', 'createdAt in 2300', ['createdAt'], Y2300],
  ['pushed mutation', 'createdAt fractional', ['createdAt'], T0 + 0.5],
  ['push (protocol 2)', 'protocol 1 in a protocol 2 body', ['protocol'], 1],
  ['push (protocol 2)', 'a client id that is not a UUID', ['clientId'], 'laptop-7'],
  ['push (protocol 2)', 'a mutation in 2300', ['mutations', 0, 'createdAt'], Y2300, 'createdAt'],
  [
    'push (protocol 2)',
    'more mutations than one push carries',
    ['mutations'],
    Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => ({ ...mutation, id: i + 1 })),
  ],
  [
    'push (protocol 1)',
    'a name without its version',
    ['mutations', 0, 'name'],
    'ticket.setFields',
    'name',
  ],
  ['pull', 'protocol 3', ['protocol'], 3],
  ['pull', 'a negative cursor', ['cursor'], -1],
  ['pull', 'a fractional cursor', ['cursor'], 1.5],
  ['pull', 'limit 0', ['limit'], 0],
  ['pull', 'a limit above the page size', ['limit'], MAX_PULL_CHANGES + 1],
  ['push answer', 'an unknown status', ['results', 0, 'status'], 'lost', 'status'],
  ['push answer', 'a negative lastMutationId', ['lastMutationId'], -1],
  ['pull answer', 'an unknown entity', ['changes', 0, 'entity'], 'invoice', 'entity'],
  ['pull answer', 'an unknown op', ['changes', 0, 'op'], 'patch', 'op'],
  ['pull answer', 'seq 0', ['changes', 0, 'seq'], 0, 'seq'],
  ['bootstrap begin line', 'an unknown line type', ['type'], 'middle'],
];

describe('bad values are rejected with a message naming the field', () => {
  it.each(rows)('%s: %s', (name, _label, path, value, field) => {
    const { schema, sample } = [...requests, ...responses].find((s) => s.name === name)!;
    expect(rejectionFaults(schema, setAt(sample, path, value), field ?? leafField(path)!)).toEqual(
      [],
    );
  });

  it('answers a reset pull with its reason checked', () => {
    const reset = { reset: 'bootstrap', reason: 'ACCESS_CHANGED', message: 'Your queues changed' };
    expect(firstMessage(pullResponseSchema, reset)).toBe('valid');
    expect(firstMessage(pullResponseSchema, { ...reset, reason: 'BORED' })).toMatch(
      /^reason must be CURSOR_COMPACTED, ACCESS_CHANGED or UNKNOWN_CLIENT_STATE$/,
    );
  });
});

describe('unknown keys', () => {
  it.each([
    ['pushed mutation', 'arg'],
    ['push (protocol 2)', 'mutation'],
    ['push (protocol 1)', 'clientID'],
    ['pull', 'limt'],
  ])('a %s refuses the unknown key %s, naming it', (name, key) => {
    const { schema, sample } = requests.find((s) => s.name === name)!;
    expect(rejectionFaults(schema, { ...(sample as object), [key]: 1 }, key)).toEqual([]);
    expect(firstMessage(schema, { ...(sample as object), [key]: 1 })).toMatch(
      new RegExp(`^${key} is not a field of a (pushed mutation|push|pull)$`),
    );
  });

  it('names every unknown key at once', () => {
    expect(firstMessage(pullRequestSchema, { ...pull, limt: 1, cursr: 2 })).toBe(
      'limt, cursr are not fields of a pull',
    );
  });

  it('a pushed mutation inside a push refuses an unknown key too', () => {
    const body = setAt(pushV2, ['mutations', 0, 'clientTime'], T0);
    expect(rejectionFaults(pushRequestV2Schema, body, 'clientTime')).toEqual([]);
  });

  it.each(responses.map((r) => [r.name, r] as const))(
    'a %s ignores an unknown key from a newer hub',
    (_, r) => {
      const parsed = r.schema.parse({ ...(r.sample as object), newerField: 1 }) as object;
      expect(parsed).not.toHaveProperty('newerField');
    },
  );
});

describe('protocol versions', () => {
  it('reads a protocol 1 push as protocol 2, splitting name@version', () => {
    const body = pushRequestV1Schema.parse(pushV1);
    expect(upgradePushRequest(body)).toEqual(pushV2);
    const v2 = pushRequestV2Schema.parse(pushV2);
    expect(upgradePushRequest(v2)).toBe(v2);
  });

  it('supports the current protocol and the one before', () => {
    expect([0, 1, 2, 3, '2'].map(isSupportedProtocol)).toEqual([false, true, true, false, false]);
  });
});
