import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { attachmentSchema } from './attachment';
import {
  firstMessage,
  leafField,
  rejectionFaults,
  setAt,
  wrongTypeCases,
  type Path,
} from './bad-input-testing';
import { commentSchema } from './comment';
import { configurationItemSchema } from './configuration-item';
import { ticketEventSchema } from './events';
import { knowledgeArticleSchema } from './knowledge';
import { linkSchema } from './link';
import {
  ids,
  makeChange,
  makeIncident,
  makeProblem,
  makeRequest,
  stamp,
  T0,
  uuid,
} from './test-fixtures';
import { ticketSchema } from './ticket';
import { worklogEntrySchema } from './worklog';

/**
 * Issue 4's rule for the records: every schema rejects wrong types, unknown states,
 * impossible dates and out-of-range impact/urgency with a message that names the
 * field. Wrong types are derived from a valid sample, so a field added later is
 * covered without a new row here.
 */

const H = 3_600_000;

const created = {
  kind: 'created',
  at: T0,
  by: ids.requester,
  state: 'new',
  priority: 3,
  queueId: ids.queueA,
};
const incident = makeIncident({
  number: 'INC0000042',
  assigneeId: ids.agentA,
  ciId: uuid(501) as never,
  tags: ['vpn'],
  state: 'resolved',
  resolution: { code: 'fixed', notes: 'Replaced the VPN profile.' },
  updatedAt: T0 + 2 * H,
  stamps: { title: { hlc: stamp(0), by: ids.agentA } },
  events: [
    created as never,
    { kind: 'state', at: T0 + H, by: ids.agentA, from: 'new', to: 'in_progress', holdReason: null },
    {
      kind: 'state',
      at: T0 + 2 * H,
      by: ids.agentA,
      from: 'in_progress',
      to: 'resolved',
      holdReason: null,
    },
  ],
});
const request = makeRequest({
  requestFields: { hostname: 'LT-0412', count: 2 },
  approval: {
    required: true,
    decidedBy: ids.leadA,
    decidedAt: T0 + H,
    decision: 'approved',
    comment: 'Budget agreed.',
  },
  state: 'in_progress',
  updatedAt: T0 + H,
});
const problem = makeProblem({
  state: 'known_error',
  knownError: { workaround: 'Reconnect the VPN after sleep.' },
  rootCause: 'A driver bug.',
});
const change = makeChange({
  plannedStart: T0 + 24 * H,
  plannedEnd: T0 + 26 * H,
  approvals: [
    { userId: ids.changeManager, decision: 'approved', at: T0 + H, comment: '', emergency: false },
  ],
});

const samples: Array<{ name: string; schema: z.ZodType; sample: unknown; skip?: RegExp }> = [
  // Request field values may be text, numbers or booleans: a number is not a wrong type there.
  { name: 'Incident', schema: ticketSchema, sample: incident },
  { name: 'ServiceRequest', schema: ticketSchema, sample: request, skip: /^requestFields\./ },
  { name: 'Problem', schema: ticketSchema, sample: problem },
  { name: 'Change', schema: ticketSchema, sample: change },
  {
    name: 'Comment',
    schema: commentSchema,
    sample: {
      id: uuid(1),
      ticketId: ids.ticket,
      authorId: ids.agentA,
      body: 'Rebooted the router.',
      visibility: 'internal',
      createdAt: T0,
    },
  },
  {
    name: 'WorklogEntry',
    schema: worklogEntrySchema,
    sample: {
      id: uuid(2),
      ticketId: ids.ticket,
      userId: ids.agentA,
      minutes: 30,
      workDate: '2025-03-03',
      note: 'Remote session.',
      createdAt: T0,
    },
  },
  {
    name: 'Attachment',
    schema: attachmentSchema,
    sample: {
      id: uuid(3),
      ticketId: ids.ticket,
      name: 'screenshot.png',
      size: 2048,
      mime: 'image/png',
      sha256: 'a'.repeat(64),
      uploadedBy: ids.agentA,
      createdAt: T0,
    },
  },
  {
    name: 'Link',
    schema: linkSchema,
    sample: {
      id: uuid(4),
      kind: 'caused_by',
      fromId: ids.ticket,
      to: { kind: 'ticket', id: ids.ticket2 },
      createdBy: ids.agentA,
      createdAt: T0,
    },
  },
  {
    name: 'KnowledgeArticle',
    schema: knowledgeArticleSchema,
    sample: {
      id: uuid(6),
      number: 'KB0000007',
      title: 'Reset the VPN profile',
      body: '1. Open the VPN client…',
      kind: 'howto',
      state: 'published',
      audience: 'public',
      category: 'network',
      tags: ['vpn'],
      authorId: ids.agentA,
      version: 2,
      createdAt: T0,
      updatedAt: T0 + H,
      publishedAt: T0 + H,
      stamps: { title: { hlc: stamp(0), by: ids.agentA } },
    },
  },
  {
    name: 'ConfigurationItem',
    schema: configurationItemSchema,
    sample: {
      id: uuid(7),
      name: 'vpn-gw-01',
      kind: 'host',
      status: 'active',
      ownerQueueId: ids.queueA,
      parentId: uuid(8),
      description: 'The VPN gateway.',
      attributes: { os: 'linux' },
      createdBy: ids.agentA,
      createdAt: T0,
      updatedAt: T0 + H,
      stamps: { name: { hlc: stamp(0), by: ids.agentA } },
    },
  },
  // One sample per event kind: `from`/`to` of a field event hold any value.
  { name: 'created event', schema: ticketEventSchema, sample: created },
  {
    name: 'state event',
    schema: ticketEventSchema,
    sample: {
      kind: 'state',
      at: T0,
      by: ids.agentA,
      from: 'in_progress',
      to: 'on_hold',
      holdReason: 'awaiting_caller',
    },
  },
  {
    name: 'field event',
    schema: ticketEventSchema,
    sample: { kind: 'field', at: T0, by: ids.agentA, field: 'title', from: 'a', to: 'b' },
    skip: /^(from|to)$/,
  },
  {
    name: 'responded event',
    schema: ticketEventSchema,
    sample: { kind: 'responded', at: T0, by: ids.agentA },
  },
];

const bySchema = (name: string) => samples.find((s) => s.name === name)!;

describe.each(samples)('$name', ({ schema, sample, skip }) => {
  it('accepts the valid sample', () => {
    expect(firstMessage(schema, sample)).toBe('valid');
  });

  const cases = wrongTypeCases(sample, (p) => skip?.test(p.join('.')) ?? false);
  it.each(cases.map((c) => [c.what, c.path.join('.'), c.path, c.value] as const))(
    'rejects %s at %s, naming the field',
    (_what, _, path: Path, value) => {
      expect(rejectionFaults(schema, setAt(sample, path, value), leafField(path)!)).toEqual([]);
    },
  );
});

type Row = [schema: string, label: string, path: Path, value: unknown, field?: string];

const NaNTime = Number.NaN;
const Y2300 = Date.UTC(2300, 0, 1);
const ticketRows = (name: string, state: string): Row[] => [
  [name, 'an unknown state', ['state'], 'waiting'],
  [name, 'a state of another record type', ['state'], state],
  [name, 'impact 0', ['impact'], 0],
  [name, 'impact 4', ['impact'], 4],
  [name, 'impact 1.5', ['impact'], 1.5],
  [name, 'urgency 0', ['urgency'], 0],
  [name, 'urgency 4', ['urgency'], 4],
  [name, 'urgency 1.5', ['urgency'], 1.5],
  [name, 'priority 6', ['priority'], 6],
  [name, 'createdAt NaN', ['createdAt'], NaNTime],
  [name, 'createdAt negative', ['createdAt'], -1],
  [name, 'createdAt in seconds', ['createdAt'], Math.floor(T0 / 1000)],
  [name, 'updatedAt in 2300', ['updatedAt'], Y2300],
  [name, 'updatedAt before createdAt', ['updatedAt'], T0 - 1],
  [name, 'createdAt as an ISO string', ['createdAt'], '2025-03-03T09:00:00Z'],
  [name, 'event at NaN', ['events', 0, 'at'], NaNTime, 'at'],
  [name, 'event of an unknown state', ['events', 0, 'state'], 'limbo'],
  [name, 'unknown hold reason', ['holdReason'], 'lunch'],
];

const rows: Row[] = [
  ...ticketRows('Incident', 'known_error'),
  ...ticketRows('ServiceRequest', 'review'),
  ...ticketRows('Problem', 'on_hold'),
  ...ticketRows('Change', 'fulfilled'),
  ['Incident', 'a created event in a state of another type', ['events', 0, 'state'], 'approval'],
  ['Incident', 'a state event into a state of another type', ['events', 2, 'to'], 'fulfilled'],
  ['Incident', 'a state event from a state of another type', ['events', 1, 'from'], 'assess'],
  ['Incident', 'an unknown resolution code', ['resolution', 'code'], 'magic', 'code'],
  ['Change', 'plannedEnd before plannedStart', ['plannedEnd'], T0 + 23 * H],
  ['Change', 'an approval in 2300', ['approvals', 0, 'at'], Y2300, 'at'],
  ['Change', 'an unknown change kind', ['changeKind'], 'urgent'],
  ['Change', 'an unknown risk', ['risk'], 'extreme'],
  ['ServiceRequest', 'an unknown approval decision', ['approval', 'decision'], 'maybe'],
  ['ServiceRequest', 'approval decided at NaN', ['approval', 'decidedAt'], NaNTime],
  ['ServiceRequest', 'a request field holding a list', ['requestFields', 'hostname'], ['x']],
  ['Comment', 'an unknown visibility', ['visibility'], 'private'],
  ['Comment', 'createdAt in 2300', ['createdAt'], Y2300],
  ['WorklogEntry', 'workDate 2025-02-30', ['workDate'], '2025-02-30'],
  ['WorklogEntry', 'workDate in 2300', ['workDate'], '2300-01-01'],
  ['WorklogEntry', 'workDate not a date', ['workDate'], 'yesterday'],
  ['WorklogEntry', 'minutes 1.5', ['minutes'], 1.5],
  ['WorklogEntry', 'createdAt negative', ['createdAt'], -1],
  ['Attachment', 'sha256 upper case', ['sha256'], 'A'.repeat(64)],
  ['Attachment', 'sha256 too short', ['sha256'], 'a'.repeat(63)],
  ['Attachment', 'size negative', ['size'], -1],
  ['Attachment', 'size fractional', ['size'], 1.5],
  ['Attachment', 'createdAt NaN', ['createdAt'], NaNTime],
  ['Link', 'an unknown kind', ['kind'], 'blocks'],
  ['Link', 'an unknown target kind', ['to', 'kind'], 'user', 'kind'],
  ['Link', 'no target', ['to'], null],
  ['Link', 'a target of the wrong kind', ['to'], { kind: 'ci', id: uuid(9) }, 'kind'],
  ['Link', 'createdAt in 2300', ['createdAt'], Y2300],
  ['KnowledgeArticle', 'an unknown state', ['state'], 'live'],
  ['KnowledgeArticle', 'an unknown kind', ['kind'], 'faq'],
  ['KnowledgeArticle', 'an unknown audience', ['audience'], 'everyone'],
  ['KnowledgeArticle', 'version 0', ['version'], 0],
  ['KnowledgeArticle', 'updatedAt before createdAt', ['updatedAt'], T0 - 1],
  ['KnowledgeArticle', 'publishedAt NaN', ['publishedAt'], NaNTime],
  ['ConfigurationItem', 'an unknown status', ['status'], 'gone'],
  ['ConfigurationItem', 'an unknown kind', ['kind'], 'toaster'],
  ['ConfigurationItem', 'an attribute holding a number', ['attributes', 'os'], 7],
  ['ConfigurationItem', 'updatedAt before createdAt', ['updatedAt'], T0 - 1],
  ['ConfigurationItem', 'createdAt in 2300', ['createdAt'], Y2300],
  ['created event', 'an unknown state', ['state'], 'limbo'],
  ['created event', 'priority 0', ['priority'], 0],
  ['created event', 'at in seconds', ['at'], Math.floor(T0 / 1000)],
  ['state event', 'an unknown hold reason', ['holdReason'], 'lunch'],
  ['state event', 'an unknown target state', ['to'], 'paused'],
  ['field event', 'an empty field name', ['field'], ''],
  ['responded event', 'an unknown kind', ['kind'], 'replied'],
  ['responded event', 'at in 2300', ['at'], Y2300],
];

describe('bad values are rejected with a message naming the field', () => {
  it.each(rows)('%s: %s', (name, _label, path, value, field) => {
    const { schema, sample } = bySchema(name);
    expect(rejectionFaults(schema, setAt(sample, path, value), field ?? leafField(path)!)).toEqual(
      [],
    );
  });
});

describe('unknown keys', () => {
  // Records travel from the hub to every client and into storage: an unknown key
  // (from a newer hub) is dropped, so an older client still reads the record and
  // nothing it does not understand is stored.
  it.each(samples.map((s) => [s.name, s] as const))('%s drops an unknown key', (_, s) => {
    const parsed = s.schema.parse({ ...(s.sample as object), surprise: 1 }) as object;
    expect(parsed).not.toHaveProperty('surprise');
  });
});
