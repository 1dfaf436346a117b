import { describe, expect, it } from 'vitest';
import { CALENDAR_BUSINESS_ID } from './calendar';
import { defaultSlaDefinitions, slaDefinitionSchema } from './sla';
import { computeSla } from './sla-clock';
import {
  H,
  M,
  t,
  iso,
  ANA,
  BEN,
  DESK,
  NETWORK,
  calendars,
  created,
  move,
  responded,
  field,
  clock,
} from './sla-clock-testing';

describe('SLA clock on reopen', () => {
  // P4 (8 h / 40 h): created Mon 13 Jan 09:00, resolved 11:00, reopened Wed 15 Jan 09:00.
  const base = [
    created('2025-01-13T09:00:00Z', 4),
    move('2025-01-13T09:10:00Z', 'new', 'in_progress'),
    move('2025-01-13T11:00:00Z', 'in_progress', 'resolved'),
    move('2025-01-15T09:00:00Z', 'resolved', 'in_progress'),
  ];

  it('re-runs from the time already used, not counting the resolved days', () => {
    // At Wed 10:00: 2 h (Mon) + 1 h (Wed) = 3 h; 37 h left:
    // Wed 10–17 7 h (30), Thu 8 (22), Fri 8 (14), Mon 20 Jan 8 (6), Tue 21 Jan 09:00 + 6 h = 15:00.
    const c = clock(base, '2025-01-15T10:00:00Z');
    expect(c.reopenCount).toBe(1);
    expect(c.resolvedAt).toBeNull();
    expect(c.timeToResolveMs).toBeNull();
    expect(c.resolution).toMatchObject({ elapsedMs: 3 * H, completed: false, state: 'within' });
    expect(iso(c.resolution!.dueAt)).toBe('2025-01-21T15:00:00.000Z');
  });

  it('measures the final resolution over both runs', () => {
    const c = clock(
      [...base, move('2025-01-15T12:00:00Z', 'in_progress', 'resolved')],
      '2025-01-16T09:00:00Z',
    );
    // 2 h + 3 h = 5 h business; wall Mon 09:00 → Wed 12:00 = 51 h.
    expect(c.resolution).toMatchObject({ elapsedMs: 5 * H, state: 'met', made: true });
    expect(c.timeToResolveWallMs).toBe(51 * H);
    expect(iso(c.resolvedAt)).toBe('2025-01-15T12:00:00.000Z');
  });

  it('a reopen can turn a met SLA into a breach', () => {
    // P2 (8 h): Mon 09–16 used 7 h and resolved; reopened Tue 09:00; at Tue 11:00 9 h → breached at Tue 10:00.
    const events = [
      created('2025-01-13T09:00:00Z', 2),
      move('2025-01-13T16:00:00Z', 'new', 'resolved'),
      move('2025-01-14T09:00:00Z', 'resolved', 'in_progress'),
    ];
    const before = clock(events, '2025-01-13T18:00:00Z');
    expect(before.resolution).toMatchObject({ state: 'met', made: true, elapsedMs: 7 * H });
    const after = clock(events, '2025-01-14T11:00:00Z');
    expect(after.resolution).toMatchObject({ state: 'breached', made: false, elapsedMs: 9 * H });
    expect(iso(after.resolution!.breachedAt)).toBe('2025-01-14T10:00:00.000Z');
    // Closing a resolved ticket is not a reopen and does not move the resolution time.
    const closed = clock(
      [...events.slice(0, 2), move('2025-01-14T09:00:00Z', 'resolved', 'closed')],
      '2025-01-20T09:00:00Z',
    );
    expect(closed).toMatchObject({ reopenCount: 0, state: 'closed' });
    expect(iso(closed.resolvedAt)).toBe('2025-01-13T16:00:00.000Z');
  });
});

describe('SLA clock targets, counts and errors', () => {
  it('P1 round the clock: warning at 75 %, response breached after 15 min', () => {
    const c = clock([created('2025-01-11T10:00:00Z', 1)], '2025-01-11T13:00:00Z');
    expect(c.definition?.name).toBe('P1 Critical');
    expect(c.resolution).toMatchObject({ state: 'warning', elapsedMs: 3 * H, fraction: 0.75 });
    expect(iso(c.resolution!.dueAt)).toBe('2025-01-11T14:00:00.000Z');
    expect(c.response).toMatchObject({
      state: 'breached',
      made: false,
      remainingMs: -(2 * H + 45 * M),
    });
    expect(iso(c.response!.breachedAt)).toBe('2025-01-11T10:15:00.000Z');
    expect(iso(c.response!.dueAt)).toBe('2025-01-11T10:15:00.000Z');
  });

  it('follows the current priority for the whole history', () => {
    // Raised from P4 to P2 at Mon 12:00; P2 resolution (8 h) applies from creation at Mon 09:00.
    const c = clock(
      [created('2025-01-13T09:00:00Z', 4), field('2025-01-13T12:00:00Z', 'priority', 4, 2)],
      '2025-01-13T14:00:00Z',
    );
    expect(c.priority).toBe(2);
    expect(c.resolution).toMatchObject({ targetMs: 8 * H, elapsedMs: 5 * H });
    expect(iso(c.resolution!.dueAt)).toBe('2025-01-13T17:00:00.000Z');
  });

  it('counts reassignments (queue moves and assignee changes, not the first assignment)', () => {
    const override = slaDefinitionSchema.parse({
      id: '0190a1b2-0000-7000-8000-00000000bb09',
      name: 'Network P3',
      priority: 3,
      queueId: NETWORK,
      calendarId: CALENDAR_BUSINESS_ID,
      responseMs: H,
      resolutionMs: 8 * H,
    });
    const events = [
      created('2025-01-13T09:00:00Z', 3),
      field('2025-01-13T09:05:00Z', 'assigneeId', null, ANA),
      field('2025-01-13T09:10:00Z', 'assigneeId', ANA, BEN),
      field('2025-01-13T09:15:00Z', 'queueId', DESK, NETWORK),
      field('2025-01-13T09:16:00Z', 'title', 'a', 'b'),
    ];
    const r = computeSla(events, t('2025-01-13T10:00:00Z'), calendars, [
      ...defaultSlaDefinitions,
      override,
    ]);
    expect(r.ok && r.clock.reassignmentCount).toBe(2);
    expect(r.ok && r.clock.queueId).toBe(NETWORK);
    expect(r.ok && r.clock.definition?.name).toBe('Network P3');
  });

  it('reads out-of-order times as no time passing and ignores events after now', () => {
    const events = [
      created('2025-01-13T09:00:00Z', 3),
      move('2025-01-13T12:00:00Z', 'new', 'in_progress'),
      // A skewed laptop stamped this before the previous event.
      move('2025-01-13T11:00:00Z', 'in_progress', 'on_hold', 'awaiting_caller'),
      move('2025-01-13T15:00:00Z', 'on_hold', 'in_progress'),
      move('2025-01-14T09:00:00Z', 'in_progress', 'resolved'),
    ];
    // Running 09–12 (3 h), paused 12–15, running 15–16 (1 h); the resolution is still in the future.
    const c = clock(events, '2025-01-13T16:00:00Z');
    expect(c.resolution).toMatchObject({ elapsedMs: 4 * H, completed: false });
    expect(c.state).toBe('in_progress');
  });

  it('a cancelled ticket stops both clocks', () => {
    const c = clock(
      [created('2025-01-13T09:00:00Z', 3), move('2025-01-13T09:30:00Z', 'new', 'cancelled')],
      '2025-01-20T09:00:00Z',
    );
    expect(c.response).toMatchObject({ completed: true, state: 'met', elapsedMs: 30 * M });
    expect(c.resolution).toMatchObject({ completed: true, state: 'met', elapsedMs: 30 * M });
    expect(c.firstResponseAt).toBe(t('2025-01-13T09:30:00Z'));
  });

  it('measures times without a matching SLA round the clock minus pauses', () => {
    const events = [
      created('2025-01-13T09:00:00Z', 3),
      responded('2025-01-13T10:00:00Z'),
      move('2025-01-13T11:00:00Z', 'new', 'on_hold', 'awaiting_caller'),
      move('2025-01-13T20:00:00Z', 'on_hold', 'resolved'),
    ];
    const r = computeSla(events, t('2025-01-14T00:00:00Z'), calendars, []);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.clock).toMatchObject({ definition: null, response: null, resolution: null });
    expect(r.clock.timeToFirstResponseMs).toBe(H);
    expect(r.clock.timeToResolveMs).toBe(2 * H);
    expect(r.clock.timeToResolveWallMs).toBe(11 * H);
  });

  it('returns errors as values', () => {
    expect(computeSla([], 0, calendars, defaultSlaDefinitions)).toEqual({
      ok: false,
      error: { code: 'NO_HISTORY', message: 'the ticket history must begin with its creation' },
    });
    const r = computeSla(
      [created('2025-01-13T09:00:00Z', 3)],
      t('2025-01-13T10:00:00Z'),
      [],
      defaultSlaDefinitions,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('UNKNOWN_CALENDAR');
    expect(!r.ok && r.error.message).toMatch(
      /SLA P3 Moderate uses calendar .* which does not exist/,
    );
  });

  it('a clock asked about a time before creation has used nothing', () => {
    const c = clock([created('2025-01-13T09:00:00Z', 3)], '2025-01-10T09:00:00Z');
    expect(c.resolution).toMatchObject({ elapsedMs: 0, state: 'within' });
    expect(iso(c.resolution!.dueAt)).toBe('2025-01-15T17:00:00.000Z');
  });
});
