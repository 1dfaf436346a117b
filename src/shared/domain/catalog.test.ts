import { describe, expect, it } from 'vitest';
import { catalogItemSchema, validateRequestFields, type CatalogItem } from './catalog';
import { ids, uuid } from './test-fixtures';

const laptop: CatalogItem = catalogItemSchema.parse({
  id: uuid(401),
  name: 'New laptop',
  description: 'A standard laptop',
  category: 'hardware',
  defaultQueueId: ids.queueA,
  needsApproval: true,
  active: true,
  fields: [
    { key: 'model', label: 'Model', kind: 'select', required: true, options: ['13"', '15"'] },
    {
      key: 'ram',
      label: 'Memory (GB)',
      kind: 'number',
      required: false,
      min: 8,
      max: 64,
      integer: true,
    },
    { key: 'reason', label: 'Reason', kind: 'text', required: true, maxLength: 20 },
    { key: 'dock', label: 'Docking station', kind: 'boolean', required: true },
    { key: 'neededBy', label: 'Needed by', kind: 'date', required: false },
  ],
});

describe('catalogItemSchema', () => {
  it('fills defaults and rejects bad definitions', () => {
    const item = catalogItemSchema.parse({
      ...laptop,
      fields: [{ key: 'note', label: 'Note', kind: 'text', required: false }],
    });
    expect(item.fields[0]).toMatchObject({ maxLength: 2000, help: '' });
    const bad = (fields: unknown[]) =>
      catalogItemSchema.safeParse({ ...laptop, fields }).error?.issues[0]?.message;
    expect(bad([{ key: 'x', label: 'X', kind: 'colour', required: false }])).toMatch(
      /field kind must be one of text/,
    );
    expect(bad([{ key: 'x', label: 'X', kind: 'select', required: false, options: [] }])).toMatch(
      /at least one option/,
    );
    expect(bad([{ key: 'Bad Key', label: 'X', kind: 'boolean', required: false }])).toMatch(
      /field key must start/,
    );
    expect(bad([laptop.fields[0], laptop.fields[0]])).toMatch(/fields must not repeat a key/);
  });
});

describe('validateRequestFields', () => {
  const good = { model: '13"', ram: 16, reason: 'new hire', dock: false, neededBy: '2025-04-01' };

  it('accepts a complete form and fills missing optional fields with null', () => {
    expect(
      validateRequestFields(laptop, { model: ' 13" ', reason: 'new hire', dock: true }),
    ).toEqual({
      ok: true,
      values: { model: '13"', ram: null, reason: 'new hire', dock: true, neededBy: null },
    });
    expect(validateRequestFields(laptop, good).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a missing required field', { model: undefined }, 'requestFields.model', /Model is required/],
    ['a blank required text', { reason: '  ' }, 'requestFields.reason', /Reason is required/],
    ['an unknown option', { model: '17"' }, 'requestFields.model', /Model must be one of 13", 15"/],
    ['a number as text', { ram: '16' }, 'requestFields.ram', /must be a number/],
    [
      'a fraction where whole numbers are needed',
      { ram: 8.5 },
      'requestFields.ram',
      /whole number/,
    ],
    ['a number below min', { ram: 4 }, 'requestFields.ram', /at least 8/],
    ['a number above max', { ram: 128 }, 'requestFields.ram', /at most 64/],
    ['a long text', { reason: 'x'.repeat(21) }, 'requestFields.reason', /at most 20 characters/],
    [
      'text where text is expected is a number',
      { reason: 5 },
      'requestFields.reason',
      /Reason must be text/,
    ],
    ['a yes/no as text', { dock: 'yes' }, 'requestFields.dock', /yes or no/],
    ['an impossible date', { neededBy: '2025-02-30' }, 'requestFields.neededBy', /date YYYY-MM-DD/],
    [
      'an unknown field',
      { colour: 'red' },
      'requestFields.colour',
      /New laptop has no field "colour"/,
    ],
  ])('rejects %s', (_name, patch, field, message) => {
    const r = validateRequestFields(laptop, { ...good, ...patch } as never);
    expect(r).toMatchObject({ ok: false, field });
    expect(!r.ok && r.message).toMatch(message);
  });
});
