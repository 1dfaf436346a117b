import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { businessHoursCalendar, businessMsBetween, calendar24x7 } from './calendar';
import type { TicketEvent } from './events';
import { defaultSlaDefinitions } from './sla';
import { computeSla, type SlaClock, type SlaClockOptions } from './sla-clock';
import { historyArb } from './history-arbitrary';
import { holdReasons } from './states';
import { ticketSchema } from './ticket';

const calendars = [
  calendar24x7,
  businessHoursCalendar('Europe/London', ['2025-04-18', '2025-04-21', '2025-05-05', '2025-12-25']),
];

const historiesArb = historyArb().map(({ ticket, now }) => ({
  ticket,
  events: ticket.events,
  now,
}));

const run = (events: TicketEvent[], now: number, options?: SlaClockOptions): SlaClock => {
  const r = computeSla(events, now, calendars, defaultSlaDefinitions, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.clock;
};

describe('SLA clock properties', () => {
  it('reads histories the workflows really produce', () => {
    fc.assert(
      fc.property(historiesArb, ({ ticket }) => {
        const parsed = ticketSchema.safeParse(ticket);
        expect(parsed.success ? null : parsed.error.issues[0]).toBeNull();
        // Incidents go on hold only from In Progress (DOMAIN.md): never straight from New.
        const illegal = ticket.events.some(
          (e) => e.kind === 'state' && e.from === 'new' && e.to === 'on_hold',
        );
        expect(illegal).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('business time elapsed never exceeds wall time elapsed', () => {
    fc.assert(
      fc.property(historiesArb, ({ events, now }) => {
        const c = run(events, now);
        const end = Math.max(now, c.createdAt);
        for (const s of [c.response!, c.resolution!]) {
          expect(s.elapsedMs).toBeGreaterThanOrEqual(0);
          expect(s.elapsedMs).toBeLessThanOrEqual((s.completedAt ?? end) - c.createdAt);
        }
        if (c.timeToResolveMs !== null)
          expect(c.timeToResolveMs).toBeLessThanOrEqual(c.timeToResolveWallMs!);
        if (c.timeToFirstResponseMs !== null)
          expect(c.timeToFirstResponseMs).toBeLessThanOrEqual(c.timeToFirstResponseWallMs!);
      }),
      { numRuns: 300 },
    );
  });

  it('pausing never increases elapsed time', () => {
    fc.assert(
      fc.property(historiesArb, ({ events, now }) => {
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
        historiesArb,
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
      fc.property(historiesArb, ({ events, now }) => {
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
      fc.property(historiesArb, ({ events, now }) => {
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
