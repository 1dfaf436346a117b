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

export interface ReportSelection {
  period: PeriodId;
  /** null: every queue on the device. */
  queueId: string | null;
}

export interface MonthPoint {
  month: string;
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
  /** Tickets on the device in the selected queue(s), whatever their dates. */
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
  const scope =
    selection.queueId === null ? facts : facts.filter((f) => f.queueId === selection.queueId);
  const inThePeriod = scope.filter((f) => inPeriod(f, fromMs, nowMs));
  const created = inThePeriod.filter((f) => createdIn(f, fromMs, nowMs));
  const resolved = inThePeriod.filter((f) => resolvedIn(f, fromMs, nowMs));
  const byMonth = new Map(summarizeBy(resolved, 'resolvedMonth').map((r) => [r.key, r.summary]));
  const ages = backlogByAge(scope)[0];
  return {
    fromMs,
    toMs: nowMs,
    inScope: scope.length,
    backlog: ages?.total ?? 0,
    backlogByAge: ages?.buckets ?? emptyAges(),
    backlogByQueue: backlogBy(scope, 'queue', 'priority'),
    created: created.length,
    resolved: resolved.length,
    period: summarize(inThePeriod),
    months: monthKeysBetween(fromMs, nowMs, timeZone).map((month) => {
      const s = byMonth.get(month) ?? summarize([]);
      return {
        month,
        resolved: s.resolved,
        timeToResolve: s.timeToResolveBusiness,
        responseSla: s.responseSla,
        resolutionSla: s.resolutionSla,
      };
    }),
    topCategories: topBy(created, 'category', TOP_CATEGORIES),
  };
};
