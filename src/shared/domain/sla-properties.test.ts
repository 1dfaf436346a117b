import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueId, UserId } from '../ids';
import { businessHoursCalendar, businessMsBetween, calendar24x7 } from './calendar';
import type { TicketEvent } from './events';
import type { Priority } from './priority';
import { defaultSlaDefinitions } from './sla';
import { computeSla, type SlaClock, type SlaClockOptions } from './sla-clock';
import { holdReasons, type HoldReason } from './states';

const USER = '0190a1b2-0000-7000-8000-0000000000a1' as UserId;
const QUEUE = '0190a1b2-0000-7000-8000-00000000aa02' as QueueId;
const calendars = [
  calendar24x7,
  businessHoursCalendar('Europe/London', ['2025-04-18', '2025-04-21', '2025-05-05', '2025-12-25']),
];

/** Allowed incident moves from each state (a reopen is resolved → in_progress). */
const moves: Record<string, string[]> = {
  new: ['in_progress', 'on_hold', 'cancelled'],
  in_progress: ['on_hold', 'resolved', 'cancelled'],
  on_hold: ['in_progress', 'resolved'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  cancelled: [],
};

type Step = { gapMin: number; pick: number; reason: HoldReason; respond: boolean };

const historyArb = fc
  .record({
    start: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 1) }),
    priority: fc.constantFrom<Priority>(1, 2, 3, 4, 5),
    steps: fc.array(
      fc.record({
        gapMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        pick: fc.nat(),
        reason: fc.constantFrom(...holdReasons),
        respond: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    tailMin: fc.integer({ min: 0, max: 10 * 24 * 60 }),
  })
  .map(({ start, priority, steps, tailMin }) => {
    const events: TicketEvent[] = [
      { kind: 'created', at: start, by: USER, state: 'new', priority, queueId: QUEUE },
    ];
    let state = 'new';
    let at = start;
    for (const s of steps as Step[]) {
      at += s.gapMin * 60_000;
      if (s.respond) events.push({ kind: 'responded', at, by: USER });
      const options = moves[state]!;
      if (options.length === 0) break;
      const to = options[s.pick % options.length]!;
      events.push({
        kind: 'state',
        at,
        by: USER,
        from: state,
        to,
        holdReason: to === 'on_hold' ? s.reason : null,
      });
      state = to;
    }
    return { events, now: at + tailMin * 60_000 };
  });

const run = (events: TicketEvent[], now: number, options?: SlaClockOptions): SlaClock => {
  const r = computeSla(events, now, calendars, defaultSlaDefinitions, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.clock;
};

describe('SLA clock properties', () => {
  it('pausing never increases elapsed time', () => {
    fc.assert(
      fc.property(historyArb, ({ events, now }) => {
        const never = run(events, now, { pausingHoldReasons: [] });
        const usual = run(events, now);
        const always = run(events, now, { pausingHoldReasons: [...holdReasons] });
        for (const k of ['response', 'resolution'] as const) {
          expect(usual[k]!.elapsedMs).toBeLessThanOrEqual(never[k]!.elapsedMs);
          expect(always[k]!.elapsedMs).toBeLessThanOrEqual(usual[k]!.elapsedMs);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('elapsed time never decreases as now moves on', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        ({ events, now }, later) => {
          const a = run(events, now);
          const b = run(events, now + later);
          expect(b.resolution!.elapsedMs).toBeGreaterThanOrEqual(a.resolution!.elapsedMs);
          expect(b.response!.elapsedMs).toBeGreaterThanOrEqual(a.response!.elapsedMs);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a running clock is due exactly when its remaining business time is used up', () => {
    fc.assert(
      fc.property(historyArb, ({ events, now }) => {
        const c = run(events, now);
        for (const s of [c.response!, c.resolution!]) {
          expect(s.dueAt !== null).toBe(!s.paused && !s.completed);
          expect(s.state === 'breached').toBe(s.made === false);
          expect(s.breachedAt !== null).toBe(s.elapsedMs > s.targetMs);
          if (s.dueAt !== null && s.remainingMs >= 0) {
            const cal = calendars.find((k) => k.id === c.definition!.calendarId)!;
            expect(businessMsBetween(cal, now, s.dueAt)).toBe(s.remainingMs);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('SLA clock independence from the process time zone', () => {
  // Typed locally: the web tsconfig (which also checks src/shared) has no node types.
  const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } })
    .process.env;
  const saved = env.TZ;
  afterEach(() => {
    if (saved === undefined) delete env.TZ;
    else env.TZ = saved;
  });

  it('computes identical clocks under TZ=UTC and TZ=Pacific/Auckland', () => {
    fc.assert(
      fc.property(historyArb, ({ events, now }) => {
        const fresh = () =>
          computeSla(events, now, structuredClone(calendars), defaultSlaDefinitions);
        env.TZ = 'UTC';
        const utc = fresh();
        env.TZ = 'Pacific/Auckland';
        const auckland = fresh();
        expect(auckland).toEqual(utc);
      }),
      { numRuns: 100 },
    );
  });
});
