import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketId } from '../ids';
import { businessHoursCalendar, calendar24x7 } from './calendar';
import { historyArb } from './history-arbitrary';
import {
  backlogByAge,
  collectFacts,
  groupings,
  summarize,
  summarizeBy,
  type MetricsSummary,
  type Rate,
  type TicketFacts,
} from './metrics';
import { defaultSlaDefinitions } from './sla';
import { ids, uuid } from './test-fixtures';

/**
 * Report invariants over ticket sets whose histories the workflows really produce
 * (history-arbitrary.ts): however tickets are grouped, the groups add up to the
 * whole; every rate is a fraction; cancelled and rejected tickets never count for or
 * against SLA attainment.
 */

const calendars = [calendar24x7, businessHoursCalendar('Europe/London', ['2025-12-25'])];
const categories = ['network', 'email', ''];

const factsArb = fc
  .record({
    histories: fc.array(historyArb([ids.queueA, ids.queueB]), { maxLength: 25 }),
    categoryPicks: fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
    // The report's present: the latest history's, or earlier ("as of" a past day).
    asOfBackMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 * 86_400_000 })),
  })
  .map(({ histories, categoryPicks, asOfBackMs }) => {
    const nowMs = Math.max(Date.UTC(2025, 0, 1), ...histories.map((h) => h.now)) - asOfBackMs;
    const tickets = histories.map(({ ticket }, i) => ({
      ...ticket,
      id: uuid(10_000 + i) as TicketId,
      category: categories[categoryPicks[i]! % categories.length]!,
    }));
    const { facts, problems } = collectFacts(tickets, {
      nowMs,
      calendars,
      definitions: defaultSlaDefinitions,
      timeZone: 'Europe/London',
    });
    expect(problems).toEqual([]);
    return facts;
  });

const sum = (rows: MetricsSummary[], pick: (s: MetricsSummary) => number): number =>
  rows.reduce((total, s) => total + pick(s), 0);

const rates = (s: MetricsSummary): Rate[] => [
  s.responseSla,
  s.resolutionSla,
  s.reopenRate,
  s.reassignmentRate,
];

const settled = (f: TicketFacts): boolean => ['cancelled', 'rejected'].includes(f.state);

describe('metrics properties', () => {
  it('group totals add up to the overall totals, for every grouping', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const all = summarize(facts);
        for (const by of groupings) {
          const groups = summarizeBy(facts, by).map((g) => g.summary);
          // Unresolved tickets have no resolution month, so that grouping covers the resolved.
          const expected = by === 'resolvedMonth' ? all.resolved : all.tickets;
          expect(
            sum(groups, (s) => s.tickets),
            by,
          ).toBe(expected);
          expect(
            sum(groups, (s) => s.resolved),
            by,
          ).toBe(all.resolved);
          if (by === 'resolvedMonth') continue;
          expect(
            sum(groups, (s) => s.open),
            by,
          ).toBe(all.open);
          expect(
            sum(groups, (s) => s.reopens),
            by,
          ).toBe(all.reopens);
          expect(
            sum(groups, (s) => s.reassignments),
            by,
          ).toBe(all.reassignments);
          for (const k of [
            'responseSla',
            'resolutionSla',
            'reopenRate',
            'reassignmentRate',
          ] as const) {
            expect(
              sum(groups, (s) => s[k].count),
              `${by} ${k}`,
            ).toBe(all[k].count);
            expect(
              sum(groups, (s) => s[k].of),
              `${by} ${k}`,
            ).toBe(all[k].of);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the backlog by any grouping adds up to the whole backlog, and each row to its buckets', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const whole = backlogByAge(facts);
        const total = whole[0]?.total ?? 0;
        expect(total).toBe(facts.filter((f) => f.open).length);
        for (const by of groupings.filter((g) => g !== 'resolvedMonth')) {
          const rows = backlogByAge(facts, by);
          expect(
            rows.reduce((t, r) => t + r.total, 0),
            by,
          ).toBe(total);
          for (const r of rows) {
            expect(Object.values(r.buckets).reduce((t, n) => t + n, 0)).toBe(r.total);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every rate is a fraction in [0, 1], or null when there is nothing to rate', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const summaries = [
          summarize(facts),
          ...groupings.flatMap((by) => summarizeBy(facts, by).map((g) => g.summary)),
        ];
        for (const s of summaries) {
          for (const r of rates(s)) {
            expect(r.count).toBeLessThanOrEqual(r.of);
            if (r.of === 0) expect(r.rate).toBeNull();
            else {
              expect(r.rate).toBeGreaterThanOrEqual(0);
              expect(r.rate).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never counts a cancelled or rejected ticket in SLA attainment', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        for (const f of facts.filter(settled)) {
          expect(f.responseMade).toBeNull();
          expect(f.resolutionMade).toBeNull();
        }
        const all = summarize(facts);
        const withoutSettled = summarize(facts.filter((f) => !settled(f)));
        expect(all.responseSla).toEqual(withoutSettled.responseSla);
        expect(all.resolutionSla).toEqual(withoutSettled.resolutionSla);
      }),
      { numRuns: 60 },
    );
  });
});
