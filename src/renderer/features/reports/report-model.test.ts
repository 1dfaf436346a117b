import { describe, expect, it } from 'vitest';
import { businessHoursCalendar, calendar24x7 } from '../../../shared/domain/calendar';
import { collectFacts } from '../../../shared/domain/metrics';
import type { Ticket } from '../../../shared/domain/ticket';
import { defaultSlaDefinitions } from '../../../shared/domain/sla';
import { buildReport, type RecordKind } from './report-model';
import { D, H, M, QA, QB, reportTicket, reportTickets } from './testing';

/** The report over hand-counted tickets (see testing.ts reportTickets for the arithmetic). */
const now = Date.UTC(2025, 5, 20, 12); // Friday 20 June 2025, 12:00 UTC
// A problem under analysis for three weeks, resolved yesterday: not the desk's work.
const problem: Ticket = {
  ...reportTicket(now, {
    n: 20,
    ago: 22 * D,
    queueId: QA,
    category: 'Email',
    script: [
      [H, 'assessed'],
      [21 * D, 'resolved'],
    ],
  }),
  type: 'problem',
} as Ticket;
const { facts, problems } = collectFacts([...reportTickets(now), problem], {
  nowMs: now,
  calendars: [calendar24x7, businessHoursCalendar('Europe/London')],
  definitions: defaultSlaDefinitions,
  timeZone: 'UTC',
});
const report = (
  period: '30d' | '90d' | '12m',
  queueId: string | null = null,
  kind: RecordKind = 'desk',
) => buildReport(facts, { period, queueId, kind }, now, 'UTC');

describe('report over the last 30 days, all queues', () => {
  const r = report('30d');

  it('counts the backlog now and the flow in the period', () => {
    expect(problems).toEqual([]);
    expect(r).toMatchObject({ inScope: 8, backlog: 3, created: 6, resolved: 3 });
    expect(r.period.tickets).toBe(6);
  });

  it('time to resolve in business time, pauses and the time before a reopen excluded', () => {
    expect(r.period.timeToResolveBusiness).toMatchObject({
      count: 3,
      medianMs: 3 * H,
      p90Ms: 4 * H + 30 * M,
    });
    expect(r.period.timeToResolve.medianMs).toBe(6 * H); // wall: 2 h, 6 h, 26 h
  });

  it('SLA attainment, reopen and reassignment rates', () => {
    expect(r.period.responseSla).toEqual({ count: 2, of: 5, rate: 0.4 });
    expect(r.period.resolutionSla).toEqual({ count: 2, of: 4, rate: 0.5 });
    expect(r.period.reopenRate).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(r.period.reassignmentRate).toEqual({ count: 1, of: 6, rate: 1 / 6 });
  });

  it('backlog by queue × priority and by age', () => {
    expect(r.backlogByQueue).toEqual([
      { key: QA, total: 2, cells: { P1: 2 } },
      { key: QB, total: 1, cells: { P3: 1 } },
    ]);
    expect(r.backlogByAge).toEqual({ '<1d': 1, '1-3d': 0, '3-7d': 0, '7-30d': 1, '>30d': 1 });
  });

  it('months of the period, empty ones included, by month of creation and of resolution', () => {
    expect(r.months.map((m) => [m.month, m.created, m.resolved, m.timeToResolve.medianMs])).toEqual(
      [
        ['2025-05', 0, 0, null],
        ['2025-06', 6, 3, 3 * H],
      ],
    );
    expect(r.months[1]!.responseSla).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    expect(r.months[1]!.resolutionSla).toEqual({ count: 2, of: 3, rate: 2 / 3 });
  });

  it('each queue: open now, created, resolved, MTTR and SLA in the period', () => {
    const rows = r.byQueue.map((q) => ({
      key: q.key,
      open: q.open,
      created: q.created,
      resolved: q.summary.resolved,
      median: q.summary.timeToResolveBusiness.medianMs,
      response: q.summary.responseSla.count + '/' + q.summary.responseSla.of,
      resolution: q.summary.resolutionSla.count + '/' + q.summary.resolutionSla.of,
    }));
    // QA: T1 T2 T5 T7 in the period, T5 T8 open; QB: T4 T6 in the period, T6 open.
    expect(rows).toEqual([
      {
        key: QA,
        open: 2,
        created: 4,
        resolved: 2,
        median: 3.25 * H,
        response: '1/3',
        resolution: '1/2',
      },
      {
        key: QB,
        open: 1,
        created: 2,
        resolved: 1,
        median: 3 * H,
        response: '1/2',
        resolution: '1/2',
      },
    ]);
    expect(report('30d', QA).byQueue).toEqual([]);
  });

  it('top categories of the tickets created in the period', () => {
    expect(r.topCategories).toEqual([
      { key: 'Email', count: 2 },
      { key: '(none)', count: 1 },
      { key: 'Access', count: 1 },
      { key: 'Hardware', count: 1 },
      { key: 'Network', count: 1 },
    ]);
  });
});

describe('the selection changes the figures', () => {
  it('one queue', () => {
    const r = report('30d', QB);
    expect(r).toMatchObject({ inScope: 3, backlog: 1, created: 2, resolved: 1 });
    expect(r.period.responseSla).toMatchObject({ count: 1, of: 2 });
    expect(r.period.resolutionSla).toMatchObject({ count: 1, of: 2 });
    expect(r.backlogByQueue.map((b) => b.key)).toEqual([QB]);
  });

  it('a longer period', () => {
    const r = report('90d');
    expect(r).toMatchObject({ created: 7, resolved: 4, backlog: 3 });
    expect(r.period.timeToResolveBusiness.medianMs).toBe(2.5 * H);
    // T3 was created on 11 May and resolved an hour later.
    expect(r.months.map((m) => [m.month, m.created, m.resolved])).toEqual([
      ['2025-03', 0, 0],
      ['2025-04', 0, 0],
      ['2025-05', 1, 1],
      ['2025-06', 6, 3],
    ]);
    // A year reaches T8, opened 200 days ago and still open.
    expect(report('12m')).toMatchObject({ created: 8, resolved: 4 });
    expect(report('12m').months).toHaveLength(13);
  });

  it('a kind of record: problems alone, or every record together', () => {
    const p = report('30d', null, 'problem');
    expect(p).toMatchObject({ inScope: 1, backlog: 0, created: 1, resolved: 1 });
    expect(p.period.timeToResolveBusiness.count).toBe(1);
    expect(report('30d', null, 'incident')).toMatchObject({ inScope: 8, created: 6 });
    expect(report('30d', null, 'request')).toMatchObject({ inScope: 0 });
    const all = report('30d', null, 'all');
    expect(all).toMatchObject({ inScope: 9, created: 7, resolved: 4 });
    expect(all.topCategories[0]).toEqual({ key: 'Email', count: 3 });
  });

  it('a queue with no tickets in the period has zero counts and no averages', () => {
    const r = report('30d', 'elsewhere');
    expect(r).toMatchObject({ inScope: 0, backlog: 0, created: 0, resolved: 0 });
    expect(r.period.timeToResolveBusiness.medianMs).toBeNull();
    expect(r.topCategories).toEqual([]);
  });
});
