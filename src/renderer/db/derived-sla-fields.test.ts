import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessHoursCalendar, calendar24x7 } from '../../shared/domain/calendar';
import type { TicketEvent } from '../../shared/domain/events';
import { defaultDomainSettings } from '../../shared/domain/settings';
import { defaultSlaDefinitions } from '../../shared/domain/sla';
import { computeSla } from '../../shared/domain/sla-clock';
import { holdReasons, type HoldReason } from '../../shared/domain/states';
import type { QueueId, UserId } from '../../shared/ids';
import { deriveSla, isBreachingSoon, slaReference, slaStateAt } from './derived-sla-fields';

const H = 3_600_000;
const M = 60_000;
const ANA = '0190a1b2-0000-7000-8000-0000000000a1' as UserId;
const DESK = '0190a1b2-0000-7000-8000-00000000aa02' as QueueId;
const london = businessHoursCalendar('Europe/London', ['2025-12-25', '2025-12-26']);
const ref = slaReference([calendar24x7, london], defaultSlaDefinitions, defaultDomainSettings);
const MON_0900 = Date.parse('2025-03-03T09:00:00Z');

const created = (at: number, priority: 1 | 2 | 3 | 4 | 5): TicketEvent => ({
  kind: 'created',
  at,
  by: ANA,
  state: 'new',
  priority,
  queueId: DESK,
});
const to = (
  at: number,
  from: string,
  state: string,
  hold: HoldReason | null = null,
): TicketEvent => ({
  kind: 'state',
  at,
  by: ANA,
  from,
  to: state,
  holdReason: hold,
});

describe('deriveSla', () => {
  it('stores the due time of a running P2 clock in business hours', () => {
    // P2: 8 business hours on Mon–Fri 09–17 London (UTC in March): due Monday 17:00.
    const d = deriveSla({ type: 'incident', events: [created(MON_0900, 2)] }, ref, MON_0900 + H);
    expect(d.slaPhase).toBe('running');
    expect(new Date(d.slaDueAt!).toISOString()).toBe('2025-03-03T17:00:00.000Z');
    // Warning at 75 % = 6 h in: 15:00; breaching soon at 4 h left: 13:00.
    expect(new Date(d.slaWarnAt!).toISOString()).toBe('2025-03-03T15:00:00.000Z');
    expect(new Date(d.slaSoonAt!).toISOString()).toBe('2025-03-03T13:00:00.000Z');
    expect(slaStateAt(d, MON_0900 + 2 * H)).toBe('within');
    expect(slaStateAt(d, MON_0900 + 6 * H)).toBe('warning');
    // After hours the clock stands at exactly the target: not breached until work resumes.
    expect(slaStateAt(d, MON_0900 + 12 * H)).toBe('warning');
    expect(slaStateAt(d, MON_0900 + 24 * H + 1)).toBe('breached');
  });

  it('has no due time while paused for a pausing hold reason, and none once resolved', () => {
    const events = [
      created(MON_0900, 3),
      to(MON_0900 + M, 'new', 'in_progress'),
      to(MON_0900 + H, 'in_progress', 'on_hold', 'awaiting_caller'),
    ];
    const paused = deriveSla({ type: 'incident', events }, ref, MON_0900 + 2 * H);
    expect(paused).toMatchObject({ slaPhase: 'paused', slaDueAt: null, slaSoonAt: null });
    expect(slaStateAt(paused, MON_0900 + 2 * H)).toBe('paused');

    const resolved = deriveSla(
      { type: 'incident', events: [...events, to(MON_0900 + 3 * H, 'on_hold', 'resolved')] },
      ref,
      MON_0900 + 4 * H,
    );
    expect(resolved).toMatchObject({ slaPhase: 'stopped', slaDueAt: null });
    expect(slaStateAt(resolved, MON_0900 + 4 * H)).toBe('met');
  });

  it('keeps the clock running when the admin says a hold reason does not pause', () => {
    const settings = {
      ...defaultDomainSettings,
      holdReasons: defaultDomainSettings.holdReasons.map((r) => ({ ...r, pausesSla: false })),
    };
    const strict = slaReference([calendar24x7, london], defaultSlaDefinitions, settings);
    expect(strict.fp).not.toBe(ref.fp);
    const events = [created(MON_0900, 3), to(MON_0900 + H, 'new', 'on_hold', 'awaiting_caller')];
    expect(deriveSla({ type: 'incident', events }, strict, MON_0900 + 2 * H).slaPhase).toBe(
      'running',
    );
  });

  it('reads events stamped ahead of this device clock instead of ignoring them', () => {
    const events = [created(MON_0900, 2), to(MON_0900 + 2 * H, 'new', 'resolved')];
    // This laptop's clock is an hour behind the author's.
    expect(deriveSla({ type: 'incident', events }, ref, MON_0900 + H).slaPhase).toBe('stopped');
  });

  it('says "none" for problems without a problem SLA and for histories it cannot read', () => {
    expect(
      deriveSla({ type: 'problem', events: [created(MON_0900, 2)] }, ref, MON_0900).slaPhase,
    ).toBe('none');
    expect(deriveSla({ type: 'incident', events: [] }, ref, MON_0900).slaPhase).toBe('none');
    const noCalendars = slaReference([], defaultSlaDefinitions, null);
    expect(
      deriveSla({ type: 'incident', events: [created(MON_0900, 3)] }, noCalendars, MON_0900)
        .slaPhase,
    ).toBe('none');
  });

  it('ignores reference rows that fail their schema and fingerprints what is left', () => {
    const withJunk = slaReference(
      [calendar24x7, london, { id: 'x', name: '' }],
      [...defaultSlaDefinitions, { id: 'nope' }],
      { not: 'settings' },
    );
    expect(withJunk.calendars).toHaveLength(2);
    expect(withJunk.definitions).toHaveLength(defaultSlaDefinitions.length);
    expect(withJunk.fp).toBe(ref.fp);
    const reordered = slaReference(
      [london, calendar24x7],
      [...defaultSlaDefinitions].reverse(),
      null,
    );
    expect(reordered.fp).toBe(ref.fp);
  });
});

const stateNames = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;

/** Random histories: a creation, then state moves, priority changes and a response. */
const history = fc
  .record({
    start: fc.integer({ min: 0, max: 30 * 24 * 60 }).map((m) => MON_0900 + m * M),
    priority: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
    steps: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 3 * 24 * 60 }),
        kind: fc.constantFrom('state', 'state', 'priority', 'responded'),
        state: fc.constantFrom(...stateNames),
        hold: fc.constantFrom(...holdReasons),
        priority: fc.constantFrom(1, 2, 3, 4, 5),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ start, priority, steps }) => {
    const events: TicketEvent[] = [created(start, priority)];
    let at = start;
    let state = 'new';
    for (const s of steps) {
      at += s.gap * M;
      if (s.kind === 'responded') events.push({ kind: 'responded', at, by: ANA });
      else if (s.kind === 'priority')
        events.push({ kind: 'field', at, by: ANA, field: 'priority', from: null, to: s.priority });
      else if (s.state !== state) {
        events.push(to(at, state, s.state, s.state === 'on_hold' ? s.hold : null));
        state = s.state;
      }
    }
    return { events, last: at };
  });

describe('derived fields against the SLA clock', () => {
  it('count a passed threshold as passed for a screen whose clock is a little behind', () => {
    // 3.5 h into a 4 h P1 clock, computed now; a list whose clock reads a minute earlier.
    const d = deriveSla(
      { type: 'incident', events: [created(MON_0900, 1)] },
      ref,
      MON_0900 + 3.5 * H,
    );
    expect(isBreachingSoon(d, MON_0900 + 3.5 * H - M)).toBe(true);
    expect(slaStateAt(d, MON_0900 + 3.5 * H - M)).toBe('warning');
  });

  it('read at any later time, give the state and due time computeSla gives then', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        ({ events, last }, computedAfter, readAfter) => {
          const computedAt = last + computedAfter * M;
          const readAt = computedAt + readAfter * M;
          const d = deriveSla({ type: 'incident', events }, ref, computedAt);
          const clock = computeSla(events, readAt, ref.calendars, ref.definitions, {
            ticketType: 'incident',
            pausingHoldReasons: ref.pausingHoldReasons,
          });
          expect(clock.ok).toBe(true);
          const res = clock.ok ? clock.clock.resolution : null;
          expect(slaStateAt(d, readAt)).toBe(res?.state ?? 'none');
          // Exactly at the target after hours, computeSla reports "due now" (its
          // dueAt follows the clock until work resumes); the stored instant keeps
          // the moment the target was reached, which is what a list should show.
          if (d.slaPhase === 'running' && res?.remainingMs !== 0)
            expect(d.slaDueAt).toBe(res?.dueAt);
          if (d.slaPhase === 'running' && res?.remainingMs === 0)
            expect(d.slaDueAt).toBeLessThanOrEqual(readAt);
          if (d.slaPhase === 'running' && res) {
            const left = res.remainingMs;
            // "Breaching soon" means at most 4 business hours left, or overdue.
            expect(isBreachingSoon(d, readAt)).toBe(left <= 4 * H || res.state === 'breached');
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
