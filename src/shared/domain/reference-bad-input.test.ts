import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { queueSchema, roleSchema, userSchema } from './accounts';
import {
  firstMessage,
  leafField,
  rejectionFaults,
  setAt,
  wrongTypeCases,
  type Path,
} from './bad-input-testing';
import { calendarSchema } from './calendar';
import { catalogFieldSchema, catalogItemSchema } from './catalog';
import { defaultDomainSettings, domainSettingsSchema } from './settings';
import { slaDefinitionSchema } from './sla';
import { ids, uuid } from './test-fixtures';

/**
 * Issue 4's rule for what admins and the hub define: accounts, queues, roles,
 * calendars, SLA definitions, the catalogue and the domain settings reject bad input
 * with a message naming the field. Unknown keys are refused where a misspelt key
 * would otherwise fall back to a default without a word (an SLA meant for requests
 * silently covering every type, a catalogue field losing its limits).
 */

const H = 3_600_000;
const day = [{ start: '09:00', end: '17:00' }];
const textField = {
  key: 'reason',
  label: 'Reason',
  help: 'Why you need it',
  required: true,
  kind: 'text',
  maxLength: 200,
};
const numberField = {
  key: 'ram',
  label: 'Memory (GB)',
  help: '',
  required: false,
  kind: 'number',
  min: 8,
  max: 64,
  integer: true,
};
const selectField = {
  key: 'model',
  label: 'Model',
  help: '',
  required: true,
  kind: 'select',
  options: ['13"', '15"'],
};
const catalogItem = {
  id: uuid(401),
  name: 'New laptop',
  description: 'A standard laptop.',
  category: 'hardware',
  defaultQueueId: ids.queueA,
  fields: [textField],
  needsApproval: true,
  active: true,
};

const samples: Array<{ name: string; schema: z.ZodType; sample: unknown; strict: boolean }> = [
  {
    name: 'Queue',
    schema: queueSchema,
    sample: { id: ids.queueA, name: 'Network', description: 'Routers and VPN.', disabled: false },
    strict: false,
  },
  {
    name: 'User',
    schema: userSchema,
    sample: {
      id: ids.agentA,
      username: 'ana.lopez',
      displayName: 'Ana Lopez',
      email: 'ana@example.org',
      roles: ['agent'],
      disabled: false,
      queueIds: [ids.queueA],
    },
    strict: false,
  },
  {
    name: 'Calendar',
    schema: calendarSchema,
    sample: {
      id: uuid(601),
      name: 'UK office',
      timeZone: 'Europe/London',
      week: { sun: [], mon: day, tue: day, wed: day, thu: day, fri: day, sat: [] },
      holidays: ['2025-12-25'],
    },
    strict: false,
  },
  {
    name: 'SlaDefinition',
    schema: slaDefinitionSchema,
    sample: {
      id: uuid(701),
      name: 'Network P3 requests',
      priority: 3,
      queueId: ids.queueA,
      ticketType: 'request',
      calendarId: uuid(601),
      responseMs: 4 * H,
      resolutionMs: 24 * H,
    },
    strict: true,
  },
  { name: 'CatalogItem', schema: catalogItemSchema, sample: catalogItem, strict: true },
  { name: 'text field', schema: catalogFieldSchema, sample: textField, strict: true },
  { name: 'number field', schema: catalogFieldSchema, sample: numberField, strict: true },
  { name: 'select field', schema: catalogFieldSchema, sample: selectField, strict: true },
  {
    name: 'date field',
    schema: catalogFieldSchema,
    sample: { key: 'neededBy', label: 'Needed by', help: '', required: false, kind: 'date' },
    strict: true,
  },
  {
    name: 'DomainSettings',
    schema: domainSettingsSchema,
    sample: { ...defaultDomainSettings, catalogItems: [catalogItem] },
    strict: false,
  },
];

const bySchema = (name: string) => samples.find((s) => s.name === name)!;

describe.each(samples)('$name', ({ schema, sample }) => {
  it('accepts the valid sample', () => {
    expect(firstMessage(schema, sample)).toBe('valid');
  });

  it.each(wrongTypeCases(sample).map((c) => [c.what, c.path.join('.'), c.path, c.value] as const))(
    'rejects %s at %s, naming the field',
    (_what, _, path: Path, value) => {
      expect(rejectionFaults(schema, setAt(sample, path, value), leafField(path)!)).toEqual([]);
    },
  );
});

type Row = [schema: string, label: string, path: Path, value: unknown, field?: string];

const rows: Row[] = [
  ['Queue', 'an empty name', ['name'], '  '],
  ['Queue', 'a name of 81 characters', ['name'], 'x'.repeat(81)],
  ['Queue', 'a description of 501 characters', ['description'], 'x'.repeat(501)],
  ['User', 'an unknown role', ['roles', 0], 'superuser', 'roles'],
  ['User', 'no role', ['roles'], []],
  ['User', 'a malformed e-mail address', ['email'], 'ana@'],
  ['User', 'a display name of 121 characters', ['displayName'], 'x'.repeat(121)],
  ['User', 'a queue id that is not a UUID', ['queueIds', 0], 'network', 'queueIds'],
  ['Calendar', 'holiday 2025-02-30', ['holidays', 0], '2025-02-30', 'holidays'],
  ['Calendar', 'holiday 2023-02-29', ['holidays', 0], '2023-02-29', 'holidays'],
  ['Calendar', 'a holiday in 1999', ['holidays', 0], '1999-12-25', 'holidays'],
  ['Calendar', 'a holiday in 2200', ['holidays', 0], '2200-01-01', 'holidays'],
  ['Calendar', 'a holiday not written YYYY-MM-DD', ['holidays', 0], '25/12/2025', 'holidays'],
  [
    'Calendar',
    'a working interval ending before it starts',
    ['week', 'mon', 0],
    { start: '17:00', end: '09:00' },
    'mon',
  ],
  [
    'Calendar',
    'a working interval ending as it starts',
    ['week', 'tue', 0],
    { start: '09:00', end: '09:00' },
    'tue',
  ],
  [
    'Calendar',
    'overlapping working intervals',
    ['week', 'wed'],
    [
      { start: '09:00', end: '12:30' },
      { start: '12:00', end: '17:00' },
    ],
    'wed',
  ],
  ['Calendar', 'a start of 25:00', ['week', 'mon', 0, 'start'], '25:00'],
  ['Calendar', 'an end of 24:01', ['week', 'mon', 0, 'end'], '24:01'],
  [
    'Calendar',
    'a week without working time',
    ['week'],
    { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
  ],
  ['Calendar', 'an unknown time zone', ['timeZone'], 'Europe/Londn'],
  ['Calendar', 'a numeric offset for a time zone', ['timeZone'], '+01:00'],
  ['SlaDefinition', 'priority 0', ['priority'], 0],
  ['SlaDefinition', 'priority 1.5', ['priority'], 1.5],
  ['SlaDefinition', 'an unknown ticket type', ['ticketType'], 'task'],
  ['SlaDefinition', 'a response target of 10 ms', ['responseMs'], 10],
  ['SlaDefinition', 'a resolution target of NaN', ['resolutionMs'], Number.NaN],
  ['SlaDefinition', 'a response due after the resolution', ['responseMs'], 48 * H],
  ['CatalogItem', 'two fields with one key', ['fields'], [textField, textField]],
  ['CatalogItem', 'an unknown field kind', ['fields', 0, 'kind'], 'colour', 'kind'],
  ['text field', 'a key with a space', ['key'], 'the reason'],
  ['text field', 'maxLength 0', ['maxLength'], 0],
  ['text field', 'maxLength 1.5', ['maxLength'], 1.5],
  ['text field', 'a help text of 501 characters', ['help'], 'x'.repeat(501)],
  ['number field', 'min above max', ['min'], 100],
  ['number field', 'min NaN', ['min'], Number.NaN],
  ['select field', 'no options', ['options'], []],
  ['select field', 'an empty option', ['options', 0], ' ', 'options'],
  ['select field', 'repeated options', ['options'], ['a', 'a']],
  ['DomainSettings', 'autoCloseDays -1', ['autoCloseDays'], -1],
  ['DomainSettings', 'autoCloseDays 2.5', ['autoCloseDays'], 2.5],
  ['DomainSettings', 'autoCloseDays 366', ['autoCloseDays'], 366],
  [
    'DomainSettings',
    'a priority of 0 in the matrix',
    ['priorityMatrix', 1, 2],
    0,
    'priorityMatrix',
  ],
  [
    'DomainSettings',
    'a priority of 1.5 in the matrix',
    ['priorityMatrix', 0, 0],
    1.5,
    'priorityMatrix',
  ],
  ['DomainSettings', 'a matrix row of two', ['priorityMatrix', 2], [3, 4], 'priorityMatrix'],
  ['DomainSettings', 'an empty hold reason label', ['holdReasons', 0, 'label'], '  ', 'label'],
  [
    'DomainSettings',
    'a hold reason label of 81 characters',
    ['holdReasons', 0, 'label'],
    'x'.repeat(81),
    'label',
  ],
  ['DomainSettings', 'an unknown hold reason', ['holdReasons', 0, 'code'], 'lunch', 'code'],
  [
    'DomainSettings',
    'a hold reason missing',
    ['holdReasons'],
    defaultDomainSettings.holdReasons.slice(1),
  ],
  [
    'DomainSettings',
    'two catalogue items with one id',
    ['catalogItems'],
    [catalogItem, catalogItem],
  ],
];

describe('bad values are rejected with a message naming the field', () => {
  it.each(rows)('%s: %s', (name, _label, path, value, field) => {
    const { schema, sample } = bySchema(name);
    expect(rejectionFaults(schema, setAt(sample, path, value), field ?? leafField(path)!)).toEqual(
      [],
    );
  });

  it('a role outside a user is checked alike', () => {
    expect(firstMessage(roleSchema, 'superuser')).toMatch(/^role must be one of requester/);
    expect(firstMessage(roleSchema, 3)).toMatch(/^role must be one of/);
  });
});

describe('unknown keys', () => {
  it.each(samples.filter((s) => s.strict).map((s) => [s.name, s] as const))(
    '%s refuses an unknown key, naming it',
    (_, s) => {
      const input = { ...(s.sample as object), ticketTyp: 'incident' };
      expect(rejectionFaults(s.schema, input, 'ticketTyp')).toEqual([]);
    },
  );

  it.each(samples.filter((s) => !s.strict).map((s) => [s.name, s] as const))(
    '%s drops an unknown key (records a newer hub sends stay readable)',
    (_, s) => {
      const parsed = s.schema.parse({ ...(s.sample as object), surprise: 1 }) as object;
      expect(parsed).not.toHaveProperty('surprise');
    },
  );
});
