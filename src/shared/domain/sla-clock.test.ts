import { describe, expect, it } from 'vitest';
import { businessHoursCalendar, calendar24x7 } from './calendar';
import type { SlaClockOptions } from './sla-clock';
import type { HoldReason } from './states';
import { H, M, iso, created, move, responded, clock } from './sla-clock-testing';

describe('SLA clock over a weekend and a holiday (London business hours)', () => {
  it('P3: response met across the weekend, resolution projected into next week', () => {
    // Created Fri 10 Jan 2025 15:00, responded Mon 13 Jan 10:00.
    // Response: Fri 15–17 (2 h) + Mon 09–10 (1 h) = 3 h ≤ 4 h → met.
    // Resolution at Mon 12:00: Fri 2 h + Mon 09–12 3 h = 5 h of 24 h; 19 h left:
    // Mon 12–17 5 h (14 left), Tue 8 h (6 left), Wed 09:00 + 6 h = Wed 15 Jan 15:00.
    const c = clock(
      [created('2025-01-10T15:00:00Z', 3), responded('2025-01-13T10:00:00Z')],
      '2025-01-13T12:00:00Z',
    );
    expect(c.response).toMatchObject({
      state: 'met',
      made: true,
      elapsedMs: 3 * H,
      completed: true,
      dueAt: null,
    });
    expect(c.timeToFirstResponseMs).toBe(3 * H);
    expect(c.timeToFirstResponseWallMs).toBe(67 * H); // Fri 15:00 → Mon 10:00
    expect(c.resolution).toMatchObject({
      state: 'within',
      elapsedMs: 5 * H,
      remainingMs: 19 * H,
      made: null,
    });
    expect(iso(c.resolution!.dueAt)).toBe('2025-01-15T15:00:00.000Z');
  });

  it('P2 over Christmas: within, then warning at 75 %, then breached with the breach time', () => {
    // Created Wed 24 Dec 15:00; 25 and 26 Dec are holidays, then the weekend.
    const events = [created('2025-12-24T15:00:00Z', 2), responded('2025-12-24T15:20:00Z')];
    // Mon 29 Dec 12:00: Wed 15–17 2 h + Mon 09–12 3 h = 5 h of 8 h (62.5 %) → due Mon 15:00.
    const a = clock(events, '2025-12-29T12:00:00Z');
    expect(a.response).toMatchObject({ state: 'met', elapsedMs: 20 * M });
    expect(a.resolution).toMatchObject({ state: 'within', elapsedMs: 5 * H, fraction: 0.625 });
    expect(iso(a.resolution!.dueAt)).toBe('2025-12-29T15:00:00.000Z');
    // Mon 14:00: 2 + 5 = 7 h = 87.5 % → warning.
    expect(clock(events, '2025-12-29T14:00:00Z').resolution!.state).toBe('warning');
    // Tue 30 Dec 10:00: Wed 2 + Mon 8 + Tue 1 = 11 h → breached 3 h ago, when 8 h were used: Mon 15:00.
    const c = clock(events, '2025-12-30T10:00:00Z');
    expect(c.resolution).toMatchObject({
      state: 'breached',
      elapsedMs: 11 * H,
      remainingMs: -3 * H,
      made: false,
    });
    expect(iso(c.resolution!.breachedAt)).toBe('2025-12-29T15:00:00.000Z');
    expect(iso(c.resolution!.dueAt)).toBe('2025-12-29T15:00:00.000Z');
  });
});

describe('SLA clock across DST changes', () => {
  it('London March: the Monday after the change opens at 08:00Z', () => {
    // P2 created Fri 28 Mar 2025 16:30 GMT. At Mon 31 Mar 10:00 BST (09:00Z):
    // Fri 16:30–17:00 (30 min) + Mon 09:00–10:00 BST (1 h) = 1.5 h; 6.5 h left → Mon 16:30 BST = 15:30Z.
    const c = clock([created('2025-03-28T16:30:00Z', 2)], '2025-03-31T09:00:00Z');
    expect(c.resolution!.elapsedMs).toBe(1.5 * H);
    expect(iso(c.resolution!.dueAt)).toBe('2025-03-31T15:30:00.000Z');
    // Response (30 min) ran out at Fri 17:00 GMT.
    expect(c.response).toMatchObject({ state: 'breached', made: false });
    expect(iso(c.response!.breachedAt)).toBe('2025-03-28T17:00:00.000Z');
  });

  it('London October: the response due time moves to GMT', () => {
    // P3 created Fri 24 Oct 2025 16:00 BST (15:00Z). Seen on Sat: 1 h used, 3 h left →
    // Mon 27 Oct 09:00 GMT + 3 h = 12:00 GMT = 12:00Z (not 11:00Z as in summer time).
    const c = clock([created('2025-10-24T15:00:00Z', 3)], '2025-10-25T12:00:00Z');
    expect(c.response).toMatchObject({ state: 'within', elapsedMs: H, remainingMs: 3 * H });
    expect(iso(c.response!.dueAt)).toBe('2025-10-27T12:00:00.000Z');
  });

  it('New York March: resolved within 8 business hours across the change', () => {
    const ny = businessHoursCalendar('America/New_York');
    // P2 created Fri 7 Mar 2025 16:30 EST (21:30Z), resolved Mon 10 Mar 16:00 EDT (20:00Z).
    // Business: Fri 30 min + Mon 09:00–16:00 EDT 7 h = 7.5 h ≤ 8 h → met.
    // Wall: Fri 21:30Z → Mon 20:00Z = 72 h − 1.5 h = 70.5 h.
    const events = [
      created('2025-03-07T21:30:00Z', 2),
      move('2025-03-10T13:05:00Z', 'new', 'in_progress'),
      move('2025-03-10T20:00:00Z', 'in_progress', 'resolved'),
    ];
    const c = clock(events, '2025-03-11T12:00:00Z', undefined, [calendar24x7, ny]);
    expect(c.resolution).toMatchObject({
      state: 'met',
      made: true,
      elapsedMs: 7.5 * H,
      completed: true,
    });
    expect(c.timeToResolveMs).toBe(7.5 * H);
    expect(c.timeToResolveWallMs).toBe(70.5 * H);
    expect(iso(c.resolvedAt)).toBe('2025-03-10T20:00:00.000Z');
    // Nobody logged a response: the resolution answered the caller. Fri 30 min + Mon 09:00–16:00 7 h.
    expect(c.response).toMatchObject({ completed: true, elapsedMs: 7.5 * H, state: 'breached' });
  });
});

describe('SLA clock pauses', () => {
  // P3 created Tue 14 Jan 2025 10:00, responded 10:30, on hold awaiting the caller
  // Tue 16:00 → Wed 11:00 (a night in between), back to work until Wed 13:00.
  const history = (reason: HoldReason) => [
    created('2025-01-14T10:00:00Z', 3),
    responded('2025-01-14T10:30:00Z'),
    move('2025-01-14T10:31:00Z', 'new', 'in_progress'),
    move('2025-01-14T16:00:00Z', 'in_progress', 'on_hold', reason),
    move('2025-01-15T11:00:00Z', 'on_hold', 'in_progress'),
  ];

  it('excludes the paused business time from elapsed', () => {
    // Running: Tue 10–16 (6 h) + Wed 11–13 (2 h) = 8 h. The hold hid Tue 16–17 + Wed 09–11 = 3 h.
    const c = clock(history('awaiting_caller'), '2025-01-15T13:00:00Z');
    expect(c.resolution).toMatchObject({ elapsedMs: 8 * H, state: 'within', paused: false });
    // 16 h left from Wed 13:00: Wed 4 h (12), Thu 8 h (4), Fri 09:00 + 4 h = Fri 17 Jan 13:00.
    expect(iso(c.resolution!.dueAt)).toBe('2025-01-17T13:00:00.000Z');
    expect(c.timeToFirstResponseMs).toBe(30 * M);
  });

  it('shows paused with no due time while on hold', () => {
    const c = clock(history('awaiting_caller'), '2025-01-15T10:00:00Z');
    expect(c.state).toBe('on_hold');
    expect(c.resolution).toMatchObject({
      state: 'paused',
      paused: true,
      dueAt: null,
      elapsedMs: 6 * H,
    });
    expect(c.resolution!.remainingMs).toBe(18 * H);
  });

  it('keeps running on hold for a non-pausing reason, and follows the configured reasons', () => {
    // awaiting_change does not pause: Tue 10–17 (7 h) + Wed 09–13 (4 h) = 11 h.
    expect(clock(history('awaiting_change'), '2025-01-15T13:00:00Z').resolution!.elapsedMs).toBe(
      11 * H,
    );
    const onlyVendor: SlaClockOptions = { pausingHoldReasons: ['awaiting_vendor'] };
    expect(
      clock(history('awaiting_caller'), '2025-01-15T13:00:00Z', onlyVendor).resolution!.elapsedMs,
    ).toBe(11 * H);
    expect(
      clock(history('awaiting_change'), '2025-01-15T13:00:00Z', {
        pausingHoldReasons: ['awaiting_change'],
      }).resolution!.elapsedMs,
    ).toBe(8 * H);
  });

  it('stays breached while paused after the target ran out', () => {
    // P1 on 24×7: 4 h target. Created 10:00Z, on hold at 15:00Z (5 h run), seen at 16:00Z.
    const c = clock(
      [
        created('2025-01-14T10:00:00Z', 1),
        move('2025-01-14T15:00:00Z', 'new', 'on_hold', 'awaiting_vendor'),
      ],
      '2025-01-14T16:00:00Z',
    );
    expect(c.resolution).toMatchObject({
      state: 'breached',
      paused: true,
      dueAt: null,
      elapsedMs: 5 * H,
    });
    expect(iso(c.resolution!.breachedAt)).toBe('2025-01-14T14:00:00.000Z');
  });

  it('can pause in approval when configured', () => {
    // A P3 request waits for approval Tue 10:00–14:00, then runs until 16:00.
    const events = [
      created('2025-01-14T09:00:00Z', 3),
      move('2025-01-14T10:00:00Z', 'new', 'approval'),
      move('2025-01-14T14:00:00Z', 'approval', 'in_progress'),
    ];
    expect(clock(events, '2025-01-14T16:00:00Z').resolution!.elapsedMs).toBe(7 * H);
    expect(
      clock(events, '2025-01-14T16:00:00Z', { pausingStates: ['approval'] }).resolution!.elapsedMs,
    ).toBe(3 * H);
  });
});
