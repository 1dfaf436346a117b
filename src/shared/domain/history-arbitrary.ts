import fc from 'fast-check';
import type { QueueId, UserId } from '../ids';
import type { Priority } from './priority';
import { holdReasons, ticketTypes, type HoldReason, type TicketType } from './states';
import { actors, ids, makeTicket } from './test-fixtures';
import type { Ticket } from './ticket';
import { availableTransitions, transitionTicket } from './workflow/transitions';
import type { TransitionInput } from './workflow/types';

/**
 * Test helper for property tests of the SLA clock and the reports: ticket histories
 * the app itself would record. Each step takes one of the transitions the ticket's
 * real workflow offers at that moment (guards included) through the same
 * transitionTicket the mutations use, so no history holds a move the workflow
 * forbids (an incident never goes from New straight to On Hold).
 */

const actor = actors.admin;

type Step = {
  gapMin: number;
  pick: number;
  reason: HoldReason;
  respond: boolean;
  end: boolean;
  /** 1: move to the next queue, 2: hand to another assignee, else nothing. */
  move: number;
};

const inputFor = (needs: readonly string[], reason: HoldReason): TransitionInput => ({
  ...(needs.includes('holdReason') ? { holdReason: reason } : {}),
  ...(needs.includes('resolution') ? { resolution: { code: 'fixed', notes: 'Fixed.' } } : {}),
  ...(needs.includes('workaround') ? { workaround: 'Restart the service.' } : {}),
});

const withEvent = (t: Ticket, e: Ticket['events'][number]): Ticket => ({
  ...t,
  events: [...t.events, e],
});

/** Moves that are not transitions: a queue change or a hand-over, as ticket.setFields records them. */
const fieldMove = (t: Ticket, s: Step, at: number, queueIds: readonly QueueId[]): Ticket => {
  if (s.move === 1 && queueIds.length > 1) {
    const to = queueIds[(queueIds.indexOf(t.queueId) + 1) % queueIds.length]!;
    const moved = withEvent(t, {
      kind: 'field',
      at,
      by: actor.userId,
      field: 'queueId',
      from: t.queueId,
      to,
    });
    return { ...moved, queueId: to };
  }
  if (s.move === 2) {
    const to: UserId = t.assigneeId === ids.agentA ? ids.agentB : ids.agentA;
    const handed = withEvent(t, {
      kind: 'field',
      at,
      by: actor.userId,
      field: 'assigneeId',
      from: t.assigneeId,
      to,
    });
    return { ...handed, assigneeId: to };
  }
  return t;
};

export type GeneratedHistory = { ticket: Ticket; now: number };

export const historyArb = (
  queueIds: readonly QueueId[] = [ids.queueA],
): fc.Arbitrary<GeneratedHistory> =>
  fc
    .record({
      // Incidents and requests are what SLAs are about; problems and changes still run clocks.
      type: fc.constantFrom<TicketType>(
        'incident',
        'incident',
        'request',
        'request',
        ...ticketTypes,
      ),
      queueId: fc.constantFrom(...queueIds),
      start: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 1) }),
      priority: fc.constantFrom<Priority>(1, 2, 3, 4, 5),
      steps: fc.array(
        fc.record({
          gapMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
          pick: fc.nat(),
          reason: fc.constantFrom(...holdReasons),
          respond: fc.boolean(),
          // Cancelling or rejecting ends a history: taken rarely, so most reach holds and reopens.
          end: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
          move: fc.integer({ min: 0, max: 5 }),
        }),
        { maxLength: 12 },
      ),
      tailMin: fc.integer({ min: 0, max: 10 * 24 * 60 }),
    })
    .map(({ type, queueId, start, priority, steps, tailMin }) => {
      let ticket = makeTicket(type, {
        queueId,
        createdAt: start,
        updatedAt: start,
        priority,
        events: [{ kind: 'created', at: start, by: actor.userId, state: 'new', priority, queueId }],
      });
      let at = start;
      for (const s of steps as Step[]) {
        at += s.gapMin * 60_000;
        if (s.respond) ticket = withEvent(ticket, { kind: 'responded', at, by: actor.userId });
        ticket = fieldMove(ticket, s, at, queueIds);
        const offered = availableTransitions(ticket, actor);
        const going = offered.filter((o) => !['cancelled', 'rejected'].includes(o.to));
        const options = s.end || going.length === 0 ? offered : going;
        if (options.length === 0) break;
        const next = options[s.pick % options.length]!;
        const r = transitionTicket(ticket, next.to, inputFor(next.needs, s.reason), actor, at);
        if (!r.ok) throw new Error(`offered ${next.to} but refused: ${r.error.message}`);
        ticket = r.ticket;
      }
      return { ticket, now: at + tailMin * 60_000 };
    });
