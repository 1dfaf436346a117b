import type { QueueId } from '../ids';
import { addBusinessMs, businessMsBetween, calendar24x7, type Calendar } from './calendar';
import type { TicketEvent } from './events';
import type { Priority } from './priority';
import { selectSla, type SlaDefinition } from './sla';
import {
  defaultPausingHoldReasons,
  replayHistory,
  type History,
  type SlaPhase,
} from './sla-history';
import type { HoldReason, TicketType } from './states';

/**
 * The SLA clock (DOMAIN.md "Service level management"): a pure function of a
 * ticket's recorded events, the calendars and the SLA definitions, so a laptop
 * offline and the hub compute the same figures from the same history.
 *
 * - Both clocks start at creation and count business time of the governing
 *   definition's calendar. The definition is chosen from the ticket's *current*
 *   priority, queue and type, and its targets apply to the whole history.
 * - They pause while On Hold for a pausing reason (awaiting caller / vendor by
 *   default) and stop at resolved/fulfilled/closed/cancelled/rejected.
 * - Response is met by the first 'responded' event (or by settling the ticket
 *   before anyone responded) and never restarts. Resolution re-runs on reopen,
 *   continuing from the time already used.
 * - dueAt is non-null exactly while a clock runs: the projected instant it runs
 *   out (in the past once breached). While paused it is null and `paused` is true.
 * - A clock breaches when its elapsed time exceeds the target; `breachedAt` is
 *   when the target ran out. Reaching the target exactly still counts as made.
 */

export type SlaState = 'within' | 'warning' | 'breached' | 'paused' | 'met';

export type SlaTargetStatus = {
  targetMs: number;
  /** Business ms the clock has run. */
  elapsedMs: number;
  /** targetMs − elapsedMs: negative means overdue by that much. */
  remainingMs: number;
  /** elapsedMs / targetMs (1 = due now). */
  fraction: number;
  state: SlaState;
  paused: boolean;
  completed: boolean;
  dueAt: number | null;
  breachedAt: number | null;
  completedAt: number | null;
  /** Decided outcome: true/false once completed or breached, null while still open to go either way. */
  made: boolean | null;
};

export type SlaClock = {
  definition: SlaDefinition | null;
  calendar: Calendar;
  response: SlaTargetStatus | null;
  resolution: SlaTargetStatus | null;
  state: string;
  priority: Priority;
  queueId: QueueId;
  createdAt: number;
  firstResponseAt: number | null;
  /** Business ms to first response, pauses excluded. */
  timeToFirstResponseMs: number | null;
  timeToFirstResponseWallMs: number | null;
  /** When the current resolution began; null while open. */
  resolvedAt: number | null;
  /** Business ms the resolution clock ran in total (all reopened runs), pauses excluded. */
  timeToResolveMs: number | null;
  timeToResolveWallMs: number | null;
  reopenCount: number;
  reassignmentCount: number;
};

export type SlaClockError = { code: 'NO_HISTORY' | 'UNKNOWN_CALENDAR'; message: string };
export type SlaClockResult = { ok: true; clock: SlaClock } | { ok: false; error: SlaClockError };

export type SlaClockOptions = {
  /** The ticket's type, for type-specific definitions. */
  ticketType?: TicketType | null;
  /** Hold reasons that pause the clock; default awaiting_caller and awaiting_vendor. */
  pausingHoldReasons?: readonly HoldReason[];
  /** States that pause the clock besides pausing holds; default none. */
  pausingStates?: readonly string[];
  /** Fraction of the target at which a running clock shows 'warning'; default 0.75. */
  warningRatio?: number;
};

export const DEFAULT_WARNING_RATIO = 0.75;

type Measured = { elapsed: number; breachedAt: number | null };

/** Business time of the running segments up to `cutoff`, and when `target` ran out. */
const measure = (h: History, cal: Calendar, cutoff: number, target: number): Measured => {
  let elapsed = 0;
  let breachedAt: number | null = null;
  for (const seg of h.segments) {
    if (seg.from >= cutoff) break;
    if (seg.phase !== 'running') continue;
    const b = businessMsBetween(cal, seg.from, Math.min(seg.to, cutoff));
    if (breachedAt === null && elapsed + b > target)
      breachedAt = addBusinessMs(cal, seg.from, target - elapsed);
    elapsed += b;
  }
  return { elapsed, breachedAt };
};

const status = (
  h: History,
  cal: Calendar,
  target: number,
  completedAt: number | null,
  phase: SlaPhase,
  warningRatio: number,
): SlaTargetStatus => {
  const end = h.segments[h.segments.length - 1]!.to;
  const { elapsed, breachedAt } = measure(h, cal, completedAt ?? end, target);
  const completed = completedAt !== null;
  const over = elapsed > target;
  const paused = !completed && phase === 'paused';
  const state: SlaState = completed
    ? over
      ? 'breached'
      : 'met'
    : over
      ? 'breached'
      : paused
        ? 'paused'
        : elapsed >= warningRatio * target
          ? 'warning'
          : 'within';
  const running = !completed && !paused;
  return {
    targetMs: target,
    elapsedMs: elapsed,
    remainingMs: target - elapsed,
    fraction: elapsed / target,
    state,
    paused,
    completed,
    dueAt: running ? (over ? breachedAt : addBusinessMs(cal, end, target - elapsed)) : null,
    breachedAt,
    completedAt,
    made: completed ? !over : over ? false : null,
  };
};

export const computeSla = (
  events: readonly TicketEvent[],
  nowMs: number,
  calendars: readonly Calendar[],
  definitions: readonly SlaDefinition[],
  options: SlaClockOptions = {},
): SlaClockResult => {
  const replay = replayHistory(events, nowMs, {
    pausingHoldReasons: options.pausingHoldReasons ?? defaultPausingHoldReasons,
    pausingStates: options.pausingStates ?? [],
  });
  if (!replay.ok) return replay;
  const h = replay.history;
  const definition = selectSla(definitions, {
    priority: h.priority,
    queueId: h.queueId,
    type: options.ticketType ?? null,
  });
  let calendar = calendar24x7;
  if (definition) {
    const found = calendars.find((c) => c.id === definition.calendarId);
    if (!found) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_CALENDAR',
          message: `SLA ${definition.name} uses calendar ${definition.calendarId}, which does not exist`,
        },
      };
    }
    calendar = found;
  }
  const warningRatio = options.warningRatio ?? DEFAULT_WARNING_RATIO;
  // Without a definition the time figures still count, round the clock minus pauses.
  const measureOnly = (cutoff: number) =>
    measure(h, calendar, cutoff, Number.POSITIVE_INFINITY).elapsed;
  const response = definition
    ? status(
        h,
        calendar,
        definition.responseMs,
        h.respondedAt,
        h.respondedAt !== null ? 'stopped' : h.phase,
        warningRatio,
      )
    : null;
  const resolution = definition
    ? status(h, calendar, definition.resolutionMs, h.stoppedAt, h.phase, warningRatio)
    : null;
  return {
    ok: true,
    clock: {
      definition,
      calendar,
      response,
      resolution,
      state: h.state,
      priority: h.priority,
      queueId: h.queueId,
      createdAt: h.createdAt,
      firstResponseAt: h.respondedAt,
      timeToFirstResponseMs:
        h.respondedAt === null ? null : (response?.elapsedMs ?? measureOnly(h.respondedAt)),
      timeToFirstResponseWallMs: h.respondedAt === null ? null : h.respondedAt - h.createdAt,
      resolvedAt: h.stoppedAt,
      timeToResolveMs:
        h.stoppedAt === null ? null : (resolution?.elapsedMs ?? measureOnly(h.stoppedAt)),
      timeToResolveWallMs: h.stoppedAt === null ? null : h.stoppedAt - h.createdAt,
      reopenCount: h.reopenCount,
      reassignmentCount: h.reassignmentCount,
    },
  };
};
