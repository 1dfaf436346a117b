import { describe, expect, it } from 'vitest';
import type { QueueId, TicketId, UserId } from '../ids';
import { businessHoursCalendar, calendar24x7 } from './calendar';
import type { TicketEvent } from './events';
import {
  ageBucket,
  backlogByAge,
  collectFacts,
  durationStats,
  monthKey,
  summarize,
  summarizeBy,
  topBy,
  type MetricsContext,
  type MetricsTicket,
} from './metrics';
import { backlogBy, createdIn, inPeriod, monthKeysBetween, resolvedIn } from './metrics-period';
import type { Priority } from './priority';
import { defaultSlaDefinitions } from './sla';

const H = 3_600_000;
const M = 60_000;
const t = (iso: string): number => Date.parse(iso);

const U1 = '0190a1b2-0000-7000-8000-0000000000a1' as UserId;
const U2 = '0190a1b2-0000-7000-8000-0000000000a2' as UserId;
const QA = '0190a1b2-0000-7000-8000-00000000aa01' as QueueId;
const QB = '0190a1b2-0000-7000-8000-00000000aa02' as QueueId;

let seq = 0;
/** A ticket from a compact script: [iso time, action] pairs after creation. */
const ticket = (
  createdIso: string,
  opts: { priority?: Priority; queueId?: QueueId; category?: string },
  script: Array<[string, string]> = [],
): MetricsTicket => {
  const queueId = opts.queueId ?? QA;
  const priority = opts.priority ?? 1;
  const events: TicketEvent[] = [
    { kind: 'created', at: t(createdIso), by: U1, state: 'new', priority, queueId },
  ];
  let state = 'new';
  for (const [at, action] of script) {
    if (action === 'respond') events.push({ kind: 'responded', at: t(at), by: U1 });
    else if (action === 'reassign')
      events.push({ kind: 'field', at: t(at), by: U1, field: 'assigneeId', from: U1, to: U2 });
    else {
      const [to, reason] = action.split(':');
      events.push({
        kind: 'state',
        at: t(at),
        by: U1,
        from: state,
        to: to!,
        holdReason: (reason ?? null) as never,
      });
      state = to!;
    }
  }
  seq++;
  return {
    id: `0190a1b2-0000-7000-8000-${String(seq).padStart(12, '0')}` as TicketId,
    type: 'incident',
    queueId,
    priority,
    category: opts.category ?? '',
    state,
    createdAt: t(createdIso),
    reopenCount: 0,
    events,
  };
};

// P1 runs on the 24×7 calendar, so these figures are plain wall-clock arithmetic.
const A = ticket('2025-03-03T09:00:00Z', { category: 'network' }, [
  ['2025-03-03T09:10:00Z', 'respond'], // response 10 min ≤ 15 → met
  ['2025-03-03T09:10:00Z', 'in_progress'],
  ['2025-03-03T11:00:00Z', 'resolved'], // 2 h ≤ 4 h → met
  ['2025-03-08T11:00:00Z', 'closed'],
]);
const B = ticket('2025-03-04T09:00:00Z', { category: 'network' }, [
  ['2025-03-04T09:30:00Z', 'respond'], // 30 min > 15 → breached
  ['2025-03-04T09:30:00Z', 'in_progress'],
  ['2025-03-04T10:00:00Z', 'reassign'],
  ['2025-03-04T15:00:00Z', 'resolved'], // 6 h > 4 h → breached
]);
const C = ticket('2025-03-05T09:00:00Z', { queueId: QB, category: 'email' }, [
  ['2025-03-05T09:05:00Z', 'respond'],
  ['2025-03-05T09:05:00Z', 'in_progress'],
  ['2025-03-05T10:00:00Z', 'resolved'], // 1 h
  ['2025-03-06T09:00:00Z', 'in_progress'], // reopened
  ['2025-03-06T10:00:00Z', 'resolved'], // +1 h = 2 h running (met); wall 25 h
]);
const D = ticket('2025-03-19T12:00:00Z', { queueId: QB, category: 'network' }, [
  ['2025-03-19T12:30:00Z', 'in_progress'], // never responded: both breached by now (24 h)
]);
const E = ticket('2025-03-20T10:00:00Z', { category: 'hardware' }, [
  ['2025-03-20T10:10:00Z', 'respond'], // met; resolution 2 h of 4 h at now → undecided
]);
// 20:00Z on 28 Feb is 09:00 on 1 March in Auckland (NZDT, UTC+13).
const F = ticket('2025-02-28T20:00:00Z', { category: 'email' }, [
  ['2025-02-28T20:05:00Z', 'cancelled'],
]);
// P3 on London business hours, created on a Saturday: no business time passes before the hold.
const G = ticket('2025-02-01T00:00:00Z', { queueId: QB, priority: 3 }, [
  ['2025-02-01T00:05:00Z', 'respond'],
  ['2025-02-01T01:00:00Z', 'on_hold:awaiting_caller'],
]);

const ctx: MetricsContext = {
  nowMs: t('2025-03-20T12:00:00Z'),
  calendars: [calendar24x7, businessHoursCalendar('Europe/London')],
  definitions: defaultSlaDefinitions,
  timeZone: 'Pacific/Auckland',
};
const all = [A, B, C, D, E, F, G];
const { facts, problems } = collectFacts(all, ctx);

describe('report summary over hand-built tickets', () => {
  const s = summarize(facts);

  it('counts open and resolved tickets (cancelled is neither)', () => {
    expect(problems).toEqual([]);
    expect(s).toMatchObject({ tickets: 7, open: 3, resolved: 3 });
  });

  it('MTTR is the mean wall-clock time to the latest resolution', () => {
    // A 2 h, B 6 h, C 25 h (created 5 Mar 09:00, finally resolved 6 Mar 10:00).
    expect(s.timeToResolve).toEqual({ count: 3, meanMs: 11 * H, medianMs: 6 * H, p90Ms: 25 * H });
    // In business time C counts only its two running hours: (2 + 6 + 2) / 3.
    expect(s.timeToResolveBusiness).toEqual({
      count: 3,
      meanMs: (10 * H) / 3,
      medianMs: 2 * H,
      p90Ms: 6 * H,
    });
  });

  it('time to first response', () => {
    // A 10, B 30, C 5, E 10, G 5, F 5 (cancelling answers the caller); D none.
    // Sorted 5 5 5 10 10 30: mean 65/6, median (5 + 10) / 2, p90 = 6th of 6.
    expect(s.timeToFirstResponse).toEqual({
      count: 6,
      meanMs: (65 * M) / 6,
      medianMs: 7.5 * M,
      p90Ms: 30 * M,
    });
    // G's response came on a Saturday: 0 business minutes.
    expect(s.timeToFirstResponseBusiness.count).toBe(6);
    expect(s.timeToFirstResponseBusiness.meanMs).toBe((60 * M) / 6);
  });

  it('SLA attainment counts decided outcomes only and leaves out cancelled tickets', () => {
    // Response: met A, C, E, G; missed B, D (open but already past 15 min) → 4 / 6.
    expect(s.responseSla).toEqual({ count: 4, of: 6, rate: 4 / 6 });
    // Resolution: met A, C; missed B, D; E and G still open within target → 2 / 4.
    expect(s.resolutionSla).toEqual({ count: 2, of: 4, rate: 0.5 });
  });

  it('reopen and reassignment counts and rates', () => {
    expect(s.reopens).toBe(1);
    expect(s.reopenRate).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(s.reassignments).toBe(1);
    expect(s.reassignmentRate).toEqual({ count: 1, of: 7, rate: 1 / 7 });
  });

  it('an empty report has counts of zero and no averages', () => {
    expect(summarize([])).toMatchObject({
      tickets: 0,
      timeToResolve: { count: 0, meanMs: null, medianMs: null, p90Ms: null },
      responseSla: { count: 0, of: 0, rate: null },
    });
  });
});

describe('grouped reports', () => {
  it('per queue', () => {
    const rows = summarizeBy(facts, 'queue');
    expect(rows.map((r) => [r.key, r.summary.tickets, r.summary.resolutionSla.rate])).toEqual([
      [QA, 4, 0.5], // A met, B missed, E open, F cancelled
      [QB, 3, 0.5], // C met, D missed, G paused
    ]);
  });

  it('per priority and category', () => {
    expect(summarizeBy(facts, 'priority').map((r) => [r.key, r.summary.tickets])).toEqual([
      ['P1', 6],
      ['P3', 1],
    ]);
    expect(summarizeBy(facts, 'category').map((r) => [r.key, r.summary.tickets])).toEqual([
      ['(none)', 1],
      ['email', 2],
      ['hardware', 1],
      ['network', 3],
    ]);
    expect(topBy(facts, 'category', 2)).toEqual([
      { key: 'network', count: 3 },
      { key: 'email', count: 2 },
    ]);
  });

  it('per month in the report time zone', () => {
    // In Auckland F (28 Feb 20:00Z) belongs to March; in UTC to February.
    expect(summarizeBy(facts, 'createdMonth').map((r) => [r.key, r.summary.tickets])).toEqual([
      ['2025-02', 1],
      ['2025-03', 6],
    ]);
    const utc = collectFacts(all, { ...ctx, timeZone: 'UTC' }).facts;
    expect(summarizeBy(utc, 'createdMonth').map((r) => [r.key, r.summary.tickets])).toEqual([
      ['2025-02', 2],
      ['2025-03', 5],
    ]);
    // Only resolved tickets have a resolution month: A, B, C.
    const byResolved = summarizeBy(facts, 'resolvedMonth');
    expect(
      byResolved.map((r) => [r.key, r.summary.tickets, r.summary.timeToResolve.meanMs]),
    ).toEqual([['2025-03', 3, 11 * H]]);
    expect(summarizeBy(facts, 'type').map((r) => r.key)).toEqual(['incident']);
    expect(monthKey(t('2025-03-31T23:30:00Z'), 'Europe/London')).toBe('2025-04');
  });
});

describe('backlog by age', () => {
  it('buckets open tickets by wall-clock age', () => {
    // D is exactly 24 h old (1–3 d), E 2 h (<1 d), G 47 days (>30 d).
    expect(backlogByAge(facts)).toEqual([
      { key: 'all', total: 3, buckets: { '<1d': 1, '1-3d': 1, '3-7d': 0, '7-30d': 0, '>30d': 1 } },
    ]);
    expect(backlogByAge(facts, 'queue')).toEqual([
      { key: QA, total: 1, buckets: { '<1d': 1, '1-3d': 0, '3-7d': 0, '7-30d': 0, '>30d': 0 } },
      { key: QB, total: 2, buckets: { '<1d': 0, '1-3d': 1, '3-7d': 0, '7-30d': 0, '>30d': 1 } },
    ]);
  });

  it('puts boundary ages in the older bucket', () => {
    const d = 86_400_000;
    expect([0, d - 1, d, 3 * d, 7 * d - 1, 7 * d, 30 * d].map(ageBucket)).toEqual([
      '<1d',
      '<1d',
      '1-3d',
      '3-7d',
      '3-7d',
      '7-30d',
      '>30d',
    ]);
  });
});

describe('periods', () => {
  const ids = (list: typeof facts) => list.map((f) => f.id);

  it('dates a resolution by the latest one; cancelled and open tickets have none', () => {
    const at = Object.fromEntries(facts.map((f) => [f.id, f.resolvedAt]));
    expect(at[A.id]).toBe(t('2025-03-03T11:00:00Z'));
    expect(at[C.id]).toBe(t('2025-03-06T10:00:00Z')); // not the first, reopened resolution
    expect([at[D.id], at[F.id], at[G.id]]).toEqual([null, null, null]);
  });

  it('holds the tickets created or resolved in it, both ends included', () => {
    const from = t('2025-03-04T12:00:00Z');
    const now = ctx.nowMs;
    expect(ids(facts.filter((f) => createdIn(f, from, now)))).toEqual([C.id, D.id, E.id]);
    // B was created before the period but resolved in it (15:00); C is in both.
    expect(ids(facts.filter((f) => resolvedIn(f, from, now)))).toEqual([B.id, C.id]);
    const period = facts.filter((f) => inPeriod(f, from, now));
    expect(ids(period)).toEqual([B.id, C.id, D.id, E.id]);
    // So MTTR covers B (6 h) and C (25 h); D is open but already breached.
    const s = summarize(period);
    expect(s.timeToResolve).toMatchObject({ count: 2, meanMs: 15.5 * H });
    expect(s.resolutionSla).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    const a = facts.find((f) => f.id === A.id)!;
    expect(inPeriod(a, t('2025-03-03T11:00:00Z'), t('2025-03-03T11:00:00Z'))).toBe(true);
    expect(inPeriod(a, t('2025-03-03T09:00:01Z'), t('2025-03-03T10:59:59Z'))).toBe(false);
  });

  it('months of an axis, in the report zone', () => {
    expect(monthKeysBetween(t('2024-11-15T00:00:00Z'), t('2025-02-01T00:00:00Z'), 'UTC')).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
    // 28 Feb 20:00Z is already March in Auckland.
    expect(monthKeysBetween(F.createdAt, ctx.nowMs, 'Pacific/Auckland')).toEqual(['2025-03']);
    expect(monthKeysBetween(ctx.nowMs, F.createdAt, 'UTC')).toEqual([]);
  });

  it('backlog by queue and priority counts open tickets only', () => {
    // Open: D (QB, P1), E (QA, P1), G (QB, P3).
    expect(backlogBy(facts, 'queue', 'priority')).toEqual([
      { key: QA, total: 1, cells: { P1: 1 } },
      { key: QB, total: 2, cells: { P1: 1, P3: 1 } },
    ]);
  });
});

describe('tickets the clock cannot measure', () => {
  it('still count, and the report lists why', () => {
    const bare: MetricsTicket = { ...D, events: [], state: 'resolved', reopenCount: 2 };
    const r = collectFacts([G, bare], { ...ctx, calendars: [calendar24x7] });
    expect(r.problems.map((p) => [p.ticketId, p.code])).toEqual([
      [G.id, 'UNKNOWN_CALENDAR'],
      [bare.id, 'NO_HISTORY'],
    ]);
    expect(r.facts).toHaveLength(2);
    // G is measured without an SLA: round the clock minus pauses, 5 min to respond.
    expect(r.facts[0]).toMatchObject({
      open: true,
      timeToFirstResponseMs: 5 * M,
      responseMade: null,
    });
    expect(r.facts[1]).toMatchObject({ open: false, resolved: false, reopenCount: 2 });
  });

  it('duration stats of one value', () => {
    expect(durationStats([null, 4])).toEqual({ count: 1, meanMs: 4, medianMs: 4, p90Ms: 4 });
  });
});
