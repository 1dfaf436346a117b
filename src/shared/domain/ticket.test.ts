import { describe, expect, it } from 'vitest';
import { makeChange, makeIncident, makeProblem, makeRequest, stamp, T0 } from './test-fixtures';
import {
  formatTicketNumber,
  provisionalLabel,
  ticketLabel,
  ticketSchema,
  type Ticket,
} from './ticket';

const firstMessage = (value: unknown): string => {
  const r = ticketSchema.safeParse(value);
  if (r.success) return 'valid';
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
};

describe('ticketSchema', () => {
  it('accepts every ticket type', () => {
    for (const t of [makeIncident(), makeRequest(), makeProblem(), makeChange()]) {
      expect(firstMessage(t)).toBe('valid');
    }
  });

  it('lower-cases ids so the same UUID always compares equal', () => {
    const t = ticketSchema.parse({ ...makeIncident(), id: '0198F3A0-0000-7000-8000-00000000ABCD' });
    expect(t.id).toBe('0198f3a0-0000-7000-8000-00000000abcd');
  });

  it('reads field stamps with and without co-authors, and keeps the co-authors it reads', () => {
    const by = makeIncident().requesterId;
    const other = makeIncident().createdBy;
    const hlc = stamp(0);
    const t = ticketSchema.parse(
      makeIncident({ stamps: { impact: { hlc, by, coAuthors: [other] }, title: { hlc, by } } }),
    );
    expect(t.stamps).toEqual({ impact: { hlc, by, coAuthors: [other] }, title: { hlc, by } });
    expect(
      firstMessage(makeIncident({ stamps: { impact: { hlc, by, coAuthors: ['bob'] } } } as never)),
    ).toMatch(/stamps\.impact\.coAuthors\.0: .*UUID/);
  });

  it.each<[string, Partial<Ticket> | Record<string, unknown>, RegExp]>([
    ['unknown type', { type: 'outage' }, /type must be incident, request, problem or change/],
    ['unknown state', { state: 'waiting' }, /state must be one of the incident states/],
    [
      'a state of another type',
      { state: 'known_error' },
      /state must be one of the incident states/,
    ],
    ['impact out of range', { impact: 4 }, /impact must be 1 \(high\), 2 \(medium\) or 3 \(low\)/],
    ['urgency as text', { urgency: '1' }, /urgency must be 1/],
    ['priority 0', { priority: 0 }, /priority must be a whole number from 1/],
    ['empty title', { title: '   ' }, /title must not be empty/],
    ['long title', { title: 'x'.repeat(201) }, /title must be at most 200 characters/],
    ['huge description', { description: 'x'.repeat(20_001) }, /description must be at most 20,000/],
    ['NaN createdAt', { createdAt: Number.NaN }, /createdAt must be a time in epoch milliseconds/],
    ['negative updatedAt', { updatedAt: -5 }, /updatedAt must not be before 2000-01-01/],
    [
      'seconds instead of ms',
      { createdAt: Math.floor(T0 / 1000), updatedAt: Math.floor(T0 / 1000) },
      /createdAt must not be before 2000-01-01/,
    ],
    ['year 2300', { updatedAt: Date.UTC(2300, 0, 1) }, /updatedAt must be before 2200-01-01/],
    ['updated before created', { updatedAt: T0 - 1 }, /updatedAt must not be before createdAt/],
    ['bad requester id', { requesterId: 'bob' }, /requesterId: requesterId must be a UUID/],
    ['wrong type of tags', { tags: 'vpn' }, /tags must be a list of text/],
    ['repeated tags', { tags: ['vpn', 'vpn'] }, /tags must not repeat/],
    [
      'hold reason outside on hold',
      { holdReason: 'awaiting_caller' },
      /holdReason must be set exactly when the ticket is on hold/,
    ],
    [
      'unknown hold reason',
      { state: 'on_hold', holdReason: 'lunch' },
      /holdReason must be one of awaiting_caller/,
    ],
    [
      'resolution without notes',
      { resolution: { code: 'fixed', notes: '' } },
      /resolution.notes must not be empty/,
    ],
    [
      'unknown resolution code',
      { resolution: { code: 'magic', notes: 'x' } },
      /resolution.code must be one of/,
    ],
    ['malformed number', { number: 'INC12' }, /number must look like INC0001234/],
    [
      'malformed stamp',
      { stamps: { title: { hlc: 'now', by: makeIncident().requesterId } } },
      /HLC stamp "now" must look like/,
    ],
    [
      'event of unknown kind',
      { events: [{ kind: 'moved', at: T0 }] },
      /event.kind must be created, state, field or responded/,
    ],
    [
      'event with impossible time',
      { events: [{ kind: 'responded', at: 12, by: makeIncident().requesterId }] },
      /event.at must not be before 2000-01-01/,
    ],
  ])('rejects %s with a message naming the field', (_name, patch, message) => {
    expect(firstMessage({ ...makeIncident(), ...patch })).toMatch(message);
  });

  it('checks type-specific fields', () => {
    expect(firstMessage({ ...makeChange(), changeKind: 'urgent' })).toMatch(
      /changeKind must be normal, standard or emergency/,
    );
    expect(firstMessage({ ...makeChange(), risk: 'extreme' })).toMatch(
      /risk must be low, medium or high/,
    );
    expect(firstMessage({ ...makeChange(), plannedStart: T0 + 10, plannedEnd: T0 + 10 })).toMatch(
      /plannedEnd must be after plannedStart/,
    );
    expect(firstMessage({ ...makeChange(), plannedStart: 'tomorrow' })).toMatch(
      /plannedStart must be a time/,
    );
    expect(firstMessage({ ...makeProblem(), knownError: { workaround: '' } })).toMatch(
      /workaround must not be empty/,
    );
    expect(firstMessage({ ...makeRequest(), requestFields: { size: [1] } })).toMatch(
      /request field size must be text, a number/,
    );
    expect(
      firstMessage({
        ...makeRequest(),
        approval: {
          required: true,
          decidedBy: null,
          decidedAt: null,
          decision: 'maybe',
          comment: null,
        },
      }),
    ).toMatch(/approval.decision must be approved or rejected/);
    expect(firstMessage({ ...makeRequest(), state: 'resolved' })).toMatch(
      /state must be one of the service request states/,
    );
  });
});

describe('ticket labels', () => {
  it('formats hub numbers with the type prefix', () => {
    expect(formatTicketNumber('incident', 1234)).toBe('INC0001234');
    expect(formatTicketNumber('change', 12_345_678)).toBe('CHG12345678');
  });

  it('shows a provisional label until the hub numbers the ticket', () => {
    const t = makeRequest({ id: '0198f3a0-0000-7000-8000-000000001a2b' as Ticket['id'] });
    expect(provisionalLabel(t)).toBe('REQ-new-1a2b');
    expect(ticketLabel(t)).toBe('REQ-new-1a2b');
    expect(ticketLabel({ ...t, number: 'REQ0000042' })).toBe('REQ0000042');
  });
});
