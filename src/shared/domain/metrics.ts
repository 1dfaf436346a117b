import type { QueueId, TicketId } from '../ids';
import type { Calendar } from './calendar';
import { zonedParts } from './calendar-zone';
import type { Priority } from './priority';
import type { SlaDefinition } from './sla';
import { computeSla, type SlaClockOptions } from './sla-clock';
import { slaStopStates } from './sla-history';
import type { Ticket } from './ticket';

/**
 * Continual-improvement measures (DOMAIN.md "Continual improvement"), computed
 * locally from tickets and their event histories. Per-ticket facts come from the
 * same SLA clock the queues show, so a report never disagrees with a ticket.
 *
 * Definitions:
 * - resolved: the ticket stands in resolved/fulfilled/closed after work (not
 *   cancelled or rejected). MTTR is the mean wall-clock time from creation to the
 *   latest resolution of resolved tickets; the business-time figure excludes pauses.
 * - SLA attainment: met / decided, where decided means completed, or still open but
 *   already breached. Cancelled and rejected tickets are left out.
 * - reopen rate: tickets reopened at least once / tickets resolved at least once.
 * - reassignment rate: tickets reassigned at least once / all tickets.
 * - backlog: tickets not in a stop state at `nowMs`, by wall-clock age.
 * - periods (a report's "last 30 days"): metrics-period.ts.
 */

export type MetricsTicket = Pick<
  Ticket,
  | 'id'
  | 'type'
  | 'queueId'
  | 'priority'
  | 'category'
  | 'state'
  | 'createdAt'
  | 'reopenCount'
  | 'events'
>;

export type MetricsContext = {
  nowMs: number;
  calendars: readonly Calendar[];
  definitions: readonly SlaDefinition[];
  /** Zone in which months are read ('2025-03' ends at midnight there). */
  timeZone: string;
  slaOptions?: Omit<SlaClockOptions, 'ticketType'>;
};

export type TicketFacts = {
  id: TicketId;
  type: Ticket['type'];
  queueId: QueueId;
  priority: Priority;
  category: string;
  state: string;
  createdAt: number;
  /** 'YYYY-MM' of creation, and of the latest resolution (null while unresolved). */
  createdMonth: string;
  resolvedMonth: string | null;
  /** The latest resolution; null unless resolved (cancelled and rejected are not). */
  resolvedAt: number | null;
  open: boolean;
  resolved: boolean;
  ageMs: number;
  timeToResolveWallMs: number | null;
  timeToResolveMs: number | null;
  timeToFirstResponseWallMs: number | null;
  timeToFirstResponseMs: number | null;
  responseMade: boolean | null;
  resolutionMade: boolean | null;
  reopenCount: number;
  reassignmentCount: number;
};

export type MetricsProblem = { ticketId: TicketId; code: string; message: string };

const notResolutions = ['cancelled', 'rejected'];

export const yearMonth = (year: number, month: number): string =>
  `${year}-${String(month).padStart(2, '0')}`;

/** 'YYYY-MM' of an instant in the zone. */
export const monthKey = (ms: number, timeZone: string): string => {
  const p = zonedParts(timeZone, ms);
  return yearMonth(p.year, p.month);
};

const factsOf = (t: MetricsTicket, ctx: MetricsContext, definitions: readonly SlaDefinition[]) => {
  const r = computeSla(t.events, ctx.nowMs, ctx.calendars, definitions, {
    ...ctx.slaOptions,
    ticketType: t.type,
  });
  if (!r.ok) return r;
  const c = r.clock;
  const resolved = c.resolvedAt !== null && !notResolutions.includes(c.state);
  const facts: TicketFacts = {
    id: t.id,
    type: t.type,
    queueId: c.queueId,
    priority: c.priority,
    category: t.category,
    state: c.state,
    createdAt: c.createdAt,
    createdMonth: monthKey(c.createdAt, ctx.timeZone),
    resolvedMonth: resolved ? monthKey(c.resolvedAt!, ctx.timeZone) : null,
    resolvedAt: resolved ? c.resolvedAt : null,
    open: c.resolvedAt === null,
    resolved,
    ageMs: Math.max(0, ctx.nowMs - c.createdAt),
    timeToResolveWallMs: resolved ? c.timeToResolveWallMs : null,
    timeToResolveMs: resolved ? c.timeToResolveMs : null,
    timeToFirstResponseWallMs: c.timeToFirstResponseWallMs,
    timeToFirstResponseMs: c.timeToFirstResponseMs,
    responseMade: notResolutions.includes(c.state) ? null : (c.response?.made ?? null),
    resolutionMade: notResolutions.includes(c.state) ? null : (c.resolution?.made ?? null),
    reopenCount: c.reopenCount,
    reassignmentCount: c.reassignmentCount,
  };
  return { ok: true as const, facts };
};

/** Facts from the ticket's own fields when it carries no history (e.g. an import without events). */
const bareFacts = (t: MetricsTicket, ctx: MetricsContext): TicketFacts => {
  const stopped = slaStopStates.includes(t.state);
  return {
    id: t.id,
    type: t.type,
    queueId: t.queueId,
    priority: t.priority,
    category: t.category,
    state: t.state,
    createdAt: t.createdAt,
    createdMonth: monthKey(t.createdAt, ctx.timeZone),
    resolvedMonth: null,
    resolvedAt: null,
    open: !stopped,
    resolved: false,
    ageMs: Math.max(0, ctx.nowMs - t.createdAt),
    timeToResolveWallMs: null,
    timeToResolveMs: null,
    timeToFirstResponseWallMs: null,
    timeToFirstResponseMs: null,
    responseMade: null,
    resolutionMade: null,
    reopenCount: t.reopenCount,
    reassignmentCount: 0,
  };
};

/**
 * Per-ticket facts for a report. A ticket whose SLA cannot be computed still counts
 * (without SLA figures) and is listed in `problems` so the report can say why.
 */
export const collectFacts = (
  tickets: Iterable<MetricsTicket>,
  ctx: MetricsContext,
): { facts: TicketFacts[]; problems: MetricsProblem[] } => {
  const facts: TicketFacts[] = [];
  const problems: MetricsProblem[] = [];
  for (const t of tickets) {
    let r = factsOf(t, ctx, ctx.definitions);
    if (!r.ok) {
      problems.push({ ticketId: t.id, ...r.error });
      if (r.error.code === 'UNKNOWN_CALENDAR') r = factsOf(t, ctx, []);
    }
    facts.push(r.ok ? r.facts : bareFacts(t, ctx));
  }
  return { facts, problems };
};

export type DurationStats = {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
};
export type Rate = { count: number; of: number; rate: number | null };

export type MetricsSummary = {
  tickets: number;
  open: number;
  resolved: number;
  /** MTTR: wall-clock creation → resolution of resolved tickets. */
  timeToResolve: DurationStats;
  /** The same in business time of each ticket's SLA calendar, pauses excluded. */
  timeToResolveBusiness: DurationStats;
  timeToFirstResponse: DurationStats;
  timeToFirstResponseBusiness: DurationStats;
  responseSla: Rate;
  resolutionSla: Rate;
  reopens: number;
  reopenRate: Rate;
  reassignments: number;
  reassignmentRate: Rate;
};

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: Float64Array, p: number): number =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

export const durationStats = (values: readonly (number | null)[]): DurationStats => {
  // A typed array sorts numbers natively: several times faster than a comparator over 100k values.
  let n = 0;
  for (const x of values) if (x !== null) n++;
  const v = new Float64Array(n);
  n = 0;
  for (const x of values) if (x !== null) v[n++] = x;
  v.sort();
  if (v.length === 0) return { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  const mid = v.length >> 1;
  return {
    count: v.length,
    meanMs: v.reduce((s, x) => s + x, 0) / v.length,
    medianMs: v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2,
    p90Ms: percentile(v, 0.9),
  };
};

const rate = (count: number, of: number): Rate => ({
  count,
  of,
  rate: of === 0 ? null : count / of,
});

/**
 * One pass over the facts, durations gathered as it goes: a report summarises up to
 * 100k tickets per selection and again per month, and a pass per figure took about 3× as long.
 */
export const summarize = (facts: readonly TicketFacts[]): MetricsSummary => {
  const n = facts.length;
  const wall = new Array<number | null>(n);
  const business = new Array<number | null>(n);
  const firstWall = new Array<number | null>(n);
  const first = new Array<number | null>(n);
  let open = 0;
  let resolved = 0;
  let responseMet = 0;
  let responseDecided = 0;
  let resolutionMet = 0;
  let resolutionDecided = 0;
  let reopens = 0;
  let reopened = 0;
  let resolvedOnce = 0;
  let reassignments = 0;
  let reassigned = 0;
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    if (f.open) open++;
    if (f.resolved) resolved++;
    wall[i] = f.timeToResolveWallMs;
    business[i] = f.timeToResolveMs;
    firstWall[i] = f.timeToFirstResponseWallMs;
    first[i] = f.timeToFirstResponseMs;
    // Undecided (null) outcomes count neither way.
    if (f.responseMade !== null) {
      responseDecided++;
      if (f.responseMade) responseMet++;
    }
    if (f.resolutionMade !== null) {
      resolutionDecided++;
      if (f.resolutionMade) resolutionMet++;
    }
    reopens += f.reopenCount;
    if (f.reopenCount > 0) reopened++;
    if (f.resolved || f.reopenCount > 0) resolvedOnce++;
    reassignments += f.reassignmentCount;
    if (f.reassignmentCount > 0) reassigned++;
  }
  return {
    tickets: n,
    open,
    resolved,
    timeToResolve: durationStats(wall),
    timeToResolveBusiness: durationStats(business),
    timeToFirstResponse: durationStats(firstWall),
    timeToFirstResponseBusiness: durationStats(first),
    responseSla: rate(responseMet, responseDecided),
    resolutionSla: rate(resolutionMet, resolutionDecided),
    reopens,
    reopenRate: rate(reopened, resolvedOnce),
    reassignments,
    reassignmentRate: rate(reassigned, n),
  };
};

export const groupings = [
  'queue',
  'priority',
  'category',
  'type',
  'createdMonth',
  'resolvedMonth',
] as const;
export type Grouping = (typeof groupings)[number];

/** The group a ticket falls in; null leaves it out (unresolved tickets have no resolvedMonth). */
export const groupKey = (f: TicketFacts, by: Grouping): string | null => {
  switch (by) {
    case 'queue':
      return f.queueId;
    case 'priority':
      return `P${f.priority}`;
    case 'category':
      return f.category === '' ? '(none)' : f.category;
    case 'type':
      return f.type;
    case 'createdMonth':
      return f.createdMonth;
    case 'resolvedMonth':
      return f.resolvedMonth;
  }
};

const groupFacts = (facts: readonly TicketFacts[], by: Grouping): Map<string, TicketFacts[]> => {
  const groups = new Map<string, TicketFacts[]>();
  for (const f of facts) {
    const key = groupKey(f, by);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
};

/** One summary per group, sorted by key (months and priorities sort naturally). */
export const summarizeBy = (
  facts: readonly TicketFacts[],
  by: Grouping,
): Array<{ key: string; summary: MetricsSummary }> =>
  [...groupFacts(facts, by)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => ({ key, summary: summarize(list) }));

export const ageBuckets = ['<1d', '1-3d', '3-7d', '7-30d', '>30d'] as const;
export type AgeBucket = (typeof ageBuckets)[number];
const DAY = 86_400_000;
const bucketLimits: ReadonlyArray<[number, AgeBucket]> = [
  [DAY, '<1d'],
  [3 * DAY, '1-3d'],
  [7 * DAY, '3-7d'],
  [30 * DAY, '7-30d'],
];

/** Lower bounds are inclusive: exactly one day old is '1-3d'. */
export const ageBucket = (ageMs: number): AgeBucket =>
  bucketLimits.find(([limit]) => ageMs < limit)?.[1] ?? '>30d';

export type BacklogRow = { key: string; total: number; buckets: Record<AgeBucket, number> };

const emptyBuckets = (): Record<AgeBucket, number> => ({
  '<1d': 0,
  '1-3d': 0,
  '3-7d': 0,
  '7-30d': 0,
  '>30d': 0,
});

/** Open tickets by age, per group ('all' gives a single row keyed 'all'). */
export const backlogByAge = (
  facts: readonly TicketFacts[],
  by: Grouping | 'all' = 'all',
): BacklogRow[] => {
  const open = facts.filter((f) => f.open);
  const groups = by === 'all' ? new Map([['all', open]]) : groupFacts(open, by);
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => {
      const buckets = emptyBuckets();
      for (const f of list) buckets[ageBucket(f.ageMs)]++;
      return { key, total: list.length, buckets };
    });
};

/** The n most frequent values of a grouping (top categories, busiest queues), ties by key. */
export const topBy = (
  facts: readonly TicketFacts[],
  by: Grouping,
  n: number,
): Array<{ key: string; count: number }> =>
  [...groupFacts(facts, by)]
    .map(([key, list]) => ({ key, count: list.length }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
    .slice(0, n);
