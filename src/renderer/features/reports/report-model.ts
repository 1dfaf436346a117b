import {
  ageBuckets,
  backlogByAge,
  summarize,
  summarizeBy,
  topBy,
  type AgeBucket,
  type DurationStats,
  type MetricsSummary,
  type Rate,
  type TicketFacts,
} from '../../../shared/domain/metrics';
import {
  backlogBy,
  createdIn,
  inPeriod,
  monthKeysBetween,
  resolvedIn,
  type BacklogCell,
} from '../../../shared/domain/metrics-period';
import type { TicketType } from '../../../shared/domain/states';

/**
 * What the Reports screen shows, from per-ticket facts: a selection (period
 * and queue) applied, then only metrics.ts and metrics-period.ts functions, so every figure means
 * what the domain says it means. Pure, so it is tested with hand-counted
 * tickets and memoised by the screen.
 */
const DAY = 86_400_000;

export const periods = {
  '30d': { label: 'Last 30 days', days: 30 },
  '90d': { label: 'Last 90 days', days: 90 },
  '12m': { label: 'Last 12 months', days: 365 },
} as const;
export type PeriodId = keyof typeof periods;
export const periodIds = Object.keys(periods) as PeriodId[];

/**
 * Which records a report covers. The desk's figures are incidents and
 * service requests: a problem's root-cause analysis or a change's months of
 * planning would swamp their time to resolve and backlog.
 */
export const recordKinds = {
  desk: {
    label: 'Incidents and requests',
    noun: 'incidents or requests',
    types: ['incident', 'request'],
  },
  incident: { label: 'Incidents', noun: 'incidents', types: ['incident'] },
  request: { label: 'Service requests', noun: 'service requests', types: ['request'] },
  problem: { label: 'Problems', noun: 'problems', types: ['problem'] },
  change: { label: 'Changes', noun: 'changes', types: ['change'] },
  all: {
    label: 'All records',
    noun: 'records',
    types: ['incident', 'request', 'problem', 'change'],
  },
} as const satisfies Record<string, { label: string; noun: string; types: readonly TicketType[] }>;
export type RecordKind = keyof typeof recordKinds;
export const recordKindIds = Object.keys(recordKinds) as RecordKind[];

export interface ReportSelection {
  period: PeriodId;
  /** null: every queue on the device. */
  queueId: string | null;
  kind: RecordKind;
}

export interface MonthPoint {
  month: string;
  /** Tickets created in the month (in the period). */
  created: number;
  /** Tickets resolved in the month (in the period). */
  resolved: number;
  /** Business time to resolve of those tickets. */
  timeToResolve: DurationStats;
  responseSla: Rate;
  resolutionSla: Rate;
}

export interface Report {
  fromMs: number;
  toMs: number;
  /** Tickets on the device of the selected queue(s) and kind, whatever their dates. */
  inScope: number;
  /** Open now, and by age and queue × priority. */
  backlog: number;
  backlogByAge: Record<AgeBucket, number>;
  backlogByQueue: BacklogCell[];
  created: number;
  resolved: number;
  /** Tickets created or resolved in the period (metrics.ts inPeriod). */
  period: MetricsSummary;
  months: MonthPoint[];
  /** Most frequent categories of the tickets created in the period. */
  topCategories: Array<{ key: string; count: number }>;
  /** Each queue's figures, for all queues only (one queue's are the headline). */
  byQueue: QueueRow[];
}

export interface QueueRow {
  key: string;
  open: number;
  created: number;
  /** Of the queue's tickets created or resolved in the period. */
  summary: MetricsSummary;
}

export const TOP_CATEGORIES = 8;

const emptyAges = (): Record<AgeBucket, number> =>
  Object.fromEntries(ageBuckets.map((b) => [b, 0])) as Record<AgeBucket, number>;

export const buildReport = (
  facts: readonly TicketFacts[],
  selection: ReportSelection,
  nowMs: number,
  timeZone: string,
): Report => {
  const fromMs = nowMs - periods[selection.period].days * DAY;
  const types: readonly TicketType[] = recordKinds[selection.kind].types;
  const scope = facts.filter(
    (f) =>
      (selection.queueId === null || f.queueId === selection.queueId) && types.includes(f.type),
  );
  const inThePeriod = scope.filter((f) => inPeriod(f, fromMs, nowMs));
  const created = inThePeriod.filter((f) => createdIn(f, fromMs, nowMs));
  const resolved = inThePeriod.filter((f) => resolvedIn(f, fromMs, nowMs));
  const byMonth = new Map(summarizeBy(resolved, 'resolvedMonth').map((r) => [r.key, r.summary]));
  const createdByMonth = new Map<string, number>();
  for (const f of created)
    createdByMonth.set(f.createdMonth, (createdByMonth.get(f.createdMonth) ?? 0) + 1);
  const ages = backlogByAge(scope)[0];
  const backlogByQueue = backlogBy(scope, 'queue', 'priority');
  return {
    fromMs,
    toMs: nowMs,
    inScope: scope.length,
    backlog: ages?.total ?? 0,
    backlogByAge: ages?.buckets ?? emptyAges(),
    backlogByQueue,
    created: created.length,
    resolved: resolved.length,
    period: summarize(inThePeriod),
    months: monthKeysBetween(fromMs, nowMs, timeZone).map((month) => {
      const s = byMonth.get(month) ?? summarize([]);
      return {
        month,
        created: createdByMonth.get(month) ?? 0,
        resolved: s.resolved,
        timeToResolve: s.timeToResolveBusiness,
        responseSla: s.responseSla,
        resolutionSla: s.resolutionSla,
      };
    }),
    topCategories: topBy(created, 'category', TOP_CATEGORIES),
    byQueue: selection.queueId === null ? queueRows(inThePeriod, created, backlogByQueue) : [],
  };
};

const queueRows = (
  inThePeriod: readonly TicketFacts[],
  created: readonly TicketFacts[],
  backlog: readonly BacklogCell[],
): QueueRow[] => {
  const summaries = new Map(summarizeBy(inThePeriod, 'queue').map((r) => [r.key, r.summary]));
  const open = new Map(backlog.map((r) => [r.key, r.total]));
  const createdBy = new Map<string, number>();
  for (const f of created) createdBy.set(f.queueId, (createdBy.get(f.queueId) ?? 0) + 1);
  return [...new Set([...summaries.keys(), ...open.keys()])].map((key) => ({
    key,
    open: open.get(key) ?? 0,
    created: createdBy.get(key) ?? 0,
    summary: summaries.get(key) ?? summarize([]),
  }));
};
