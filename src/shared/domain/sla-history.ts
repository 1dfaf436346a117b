import type { QueueId } from '../ids';
import type { TicketEvent } from './events';
import type { Priority } from './priority';
import type { HoldReason } from './states';

/**
 * Replays a ticket's event history into the facts the SLA clock and the reports
 * need: when the clock ran, paused or stood still, and the counts around it.
 *
 * Events are read in array order (the order the hub applied them, which is the
 * order the workflow validated). Their `at` comes from the author's clock, so a
 * time earlier than the event before it is read as that earlier event's time:
 * skew between laptops may shorten a segment but never makes time run backwards.
 * Events after `nowMs` are ignored, which also lets a report ask "as of" a past time.
 */

/** States at which the work is done: the resolution clock stops (reopening restarts it). */
export const slaStopStates: readonly string[] = [
  'resolved',
  'fulfilled',
  'closed',
  'cancelled',
  'rejected',
];

export const defaultPausingHoldReasons: readonly HoldReason[] = [
  'awaiting_caller',
  'awaiting_vendor',
];

export type SlaPhase = 'running' | 'paused' | 'stopped';
export type Segment = { from: number; to: number; phase: SlaPhase };

export type PauseRules = {
  /** On-hold reasons that pause the clock (others keep it running). */
  pausingHoldReasons: readonly string[];
  /** Extra states that pause the clock, e.g. 'approval' if approvals should not count. */
  pausingStates: readonly string[];
};

export type History = {
  createdAt: number;
  /** Contiguous from createdAt to the replay's end (max(now, createdAt)). */
  segments: Segment[];
  /** Phase at the end of the replay (the last segment may be empty and so not listed). */
  phase: SlaPhase;
  state: string;
  holdReason: HoldReason | null;
  priority: Priority;
  queueId: QueueId;
  /** First 'responded' event, or the first stop if the ticket was settled before anyone responded. */
  respondedAt: number | null;
  /** When the current stop began (entry into resolved/fulfilled/…), null while open. */
  stoppedAt: number | null;
  reopenCount: number;
  reassignmentCount: number;
};

export type HistoryError = { code: 'NO_HISTORY'; message: string };

export const phaseOf = (state: string, holdReason: string | null, rules: PauseRules): SlaPhase => {
  if (slaStopStates.includes(state)) return 'stopped';
  if (rules.pausingStates.includes(state)) return 'paused';
  if (state === 'on_hold' && holdReason !== null && rules.pausingHoldReasons.includes(holdReason))
    return 'paused';
  return 'running';
};

const isPriority = (v: unknown): v is Priority =>
  v === 1 || v === 2 || v === 3 || v === 4 || v === 5;

export const replayHistory = (
  events: readonly TicketEvent[],
  nowMs: number,
  rules: PauseRules,
): { ok: true; history: History } | { ok: false; error: HistoryError } => {
  const first = events[0];
  if (!first || first.kind !== 'created') {
    return {
      ok: false,
      error: { code: 'NO_HISTORY', message: 'the ticket history must begin with its creation' },
    };
  }
  const h: History = {
    createdAt: first.at,
    segments: [],
    phase: 'running',
    state: first.state,
    holdReason: null,
    priority: first.priority,
    queueId: first.queueId,
    respondedAt: null,
    stoppedAt: null,
    reopenCount: 0,
    reassignmentCount: 0,
  };
  let phase = phaseOf(h.state, null, rules);
  if (phase === 'stopped') h.stoppedAt = h.respondedAt = first.at;
  let segStart = first.at;
  let last = first.at;
  const end = Math.max(nowMs, first.at);

  for (let i = 1; i < events.length; i++) {
    const e = events[i]!;
    if (e.at > end) break;
    const at = Math.max(e.at, last);
    last = at;
    if (e.kind === 'responded') {
      h.respondedAt ??= at;
    } else if (e.kind === 'field') {
      if (e.field === 'priority' && isPriority(e.to)) h.priority = e.to;
      else if (e.field === 'queueId' && typeof e.to === 'string' && e.to !== h.queueId) {
        h.queueId = e.to as QueueId;
        h.reassignmentCount++;
      } else if (e.field === 'assigneeId' && e.from != null && e.to !== e.from) {
        // Taking an unassigned ticket is an assignment, not a reassignment.
        h.reassignmentCount++;
      }
    } else if (e.kind === 'state') {
      const wasStopped = phase === 'stopped';
      h.state = e.to;
      h.holdReason = e.to === 'on_hold' ? e.holdReason : null;
      const next = phaseOf(h.state, h.holdReason, rules);
      if (wasStopped && next !== 'stopped') {
        h.reopenCount++;
        h.stoppedAt = null;
      } else if (!wasStopped && next === 'stopped') {
        h.stoppedAt = at;
        h.respondedAt ??= at;
      }
      if (next !== phase) {
        if (at > segStart) h.segments.push({ from: segStart, to: at, phase });
        segStart = at;
        phase = next;
      }
    }
    // 'created' repeated later in a history is meaningless and ignored.
  }
  if (end > segStart || h.segments.length === 0)
    h.segments.push({ from: segStart, to: end, phase });
  h.phase = phase;
  return { ok: true, history: h };
};
