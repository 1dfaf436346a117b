import type { TicketEvent } from '../../../shared/domain/events';
import type { Priority } from '../../../shared/domain/priority';
import { ids, makeTicket, uuid } from '../../../shared/domain/test-fixtures';
import type { Ticket } from '../../../shared/domain/ticket';
import type { QueueId, TicketId } from '../../../shared/ids';

/**
 * Test tickets for the reports, with real histories relative to a "now".
 * The figures the tests expect are counted by hand in reportTickets' comments.
 */
export const M = 60_000;
export const H = 60 * M;
export const D = 24 * H;

/** After creation: [ms after creation, action]; action 'respond', 'reassign' or a state ('on_hold:awaiting_caller'). */
type Step = [number, string];

const stateOf = (script: readonly Step[]) =>
  script.reduce((s, [, a]) => (a === 'respond' || a === 'reassign' ? s : a.split(':')[0]!), 'new');

export const reportTicket = (
  now: number,
  spec: {
    n: number;
    ago: number;
    queueId: QueueId;
    priority?: Priority;
    category?: string;
    script?: readonly Step[];
  },
): Ticket => {
  const createdAt = now - spec.ago;
  const priority = spec.priority ?? 1;
  const events: TicketEvent[] = [
    {
      kind: 'created',
      at: createdAt,
      by: ids.requester,
      state: 'new',
      priority,
      queueId: spec.queueId,
    },
  ];
  let state = 'new';
  for (const [after, action] of spec.script ?? []) {
    const at = createdAt + after;
    if (action === 'respond') events.push({ kind: 'responded', at, by: ids.agentA });
    else if (action === 'reassign') {
      events.push({
        kind: 'field',
        at,
        by: ids.agentA,
        field: 'assigneeId',
        from: ids.agentA,
        to: ids.agentB,
      });
    } else {
      const [to, reason] = action.split(':') as [string, string | undefined];
      events.push({
        kind: 'state',
        at,
        by: ids.agentA,
        from: state,
        to,
        holdReason: (reason ?? null) as never,
      });
      state = to;
    }
  }
  const final = stateOf(spec.script ?? []);
  return makeTicket('incident', {
    id: uuid(5000 + spec.n) as TicketId,
    number: `INC${String(spec.n).padStart(7, '0')}`,
    title: `Ticket ${spec.n}`,
    queueId: spec.queueId,
    priority,
    category: spec.category ?? '',
    state: final,
    holdReason: final === 'on_hold' ? ('awaiting_caller' as const) : null,
    assigneeId: ids.agentA,
    createdAt,
    updatedAt: events[events.length - 1]!.at,
    events,
  } as Partial<Ticket>);
};

export const QA = ids.queueA;
export const QB = ids.queueB;

/**
 * Eight tickets. P1 runs on the 24×7 calendar (15 min to respond, 4 h to
 * resolve), so its business time is wall time minus pauses; T6 is P3 on
 * London business hours and ten days old, so both its targets are breached
 * whatever the weekday.
 *
 * Last 30 days (created or resolved in it): T1 T2 T4 T5 T6 T7; created 6, resolved 3.
 *   business time to resolve T1 2 h, T2 4 h 30 m (6 h wall, 1 h 30 m on hold), T4 3 h
 *   (1 h + 2 h after the reopen; 26 h wall): median 3 h, p90 4 h 30 m.
 *   response: met T1 T4; missed T2 (30 m), T5 and T6 (open, overdue); T7 cancelled: 2 of 5.
 *   resolution: met T1 T4; missed T2, T6; T5 still within: 2 of 4.
 *   reopened T4 of resolved T1 T2 T4: 1 of 3; reassigned T2: 1 of 6.
 *   categories created: Email 2, then (none), Access, Hardware, Network 1 each.
 * Open now: T5 (QA P1, 3 h), T8 (QA P1, 200 d), T6 (QB P3, 10 d).
 * Queue B only, 30 days: T4 T6; created 2, resolved 1; response 1 of 2; resolution 1 of 2.
 * Last 90 days adds T3 (resolved in 1 h, 40 days ago): created 7, resolved 4, median 2 h 30 m.
 */
export const reportTickets = (now: number): Ticket[] => [
  reportTicket(now, {
    n: 1,
    ago: 10 * D,
    queueId: QA,
    category: 'Email',
    script: [
      [10 * M, 'respond'],
      [10 * M, 'in_progress'],
      [2 * H, 'resolved'],
    ],
  }),
  reportTicket(now, {
    n: 2,
    ago: 5 * D,
    queueId: QA,
    category: 'Email',
    script: [
      [30 * M, 'respond'],
      [30 * M, 'in_progress'],
      [H, 'reassign'],
      [H, 'on_hold:awaiting_caller'],
      [2.5 * H, 'in_progress'],
      [6 * H, 'resolved'],
    ],
  }),
  reportTicket(now, {
    n: 3,
    ago: 40 * D,
    queueId: QB,
    category: 'Network',
    script: [
      [5 * M, 'respond'],
      [5 * M, 'in_progress'],
      [H, 'resolved'],
    ],
  }),
  reportTicket(now, {
    n: 4,
    ago: 2 * D,
    queueId: QB,
    category: 'Network',
    script: [
      [5 * M, 'respond'],
      [5 * M, 'in_progress'],
      [H, 'resolved'],
      [D, 'in_progress'],
      [D + 2 * H, 'resolved'],
    ],
  }),
  reportTicket(now, { n: 5, ago: 3 * H, queueId: QA, category: 'Hardware' }),
  reportTicket(now, { n: 6, ago: 10 * D, queueId: QB, priority: 3 }),
  reportTicket(now, {
    n: 7,
    ago: D,
    queueId: QA,
    priority: 2,
    category: 'Access',
    script: [[5 * M, 'cancelled']],
  }),
  reportTicket(now, {
    n: 8,
    ago: 200 * D,
    queueId: QA,
    category: 'Email',
    script: [
      [5 * M, 'respond'],
      [5 * M, 'in_progress'],
    ],
  }),
];
