import type { UserId } from '../../ids';
import { canWorkQueue, isOwnTicket } from '../access';
import type { Actor } from '../actor';
import { domainError, type DomainError } from '../errors';
import { stateLabel, type TicketType } from '../states';
import type { Ticket } from '../ticket';
import { changeWorkflow } from './change';
import { incidentWorkflow } from './incident';
import { problemWorkflow } from './problem';
import { requestWorkflow } from './request';
import type {
  TransitionCheck,
  TransitionInput,
  TransitionInputField,
  TransitionRule,
  Workflow,
} from './types';

export const workflows: { [K in TicketType]: Workflow } = {
  incident: incidentWorkflow as Workflow,
  request: requestWorkflow as Workflow,
  problem: problemWorkflow as Workflow,
  change: changeWorkflow as Workflow,
};

const typeNames: Record<TicketType, string> = {
  incident: 'an incident',
  request: 'a service request',
  problem: 'a problem',
  change: 'a change',
};

export const workflowFor = (type: TicketType): Workflow => workflows[type];

const mayTake = (actor: Actor, ticket: Ticket, rule: TransitionRule): boolean =>
  canWorkQueue(actor, ticket.queueId) || (rule.requester === true && isOwnTicket(actor, ticket));

const needMessages: Record<TransitionInputField, string> = {
  holdReason: 'putting a ticket on hold needs a hold reason',
  resolution: 'resolving needs a resolution code and notes',
  workaround: 'a known error needs a workaround',
};

const hasInput = (input: TransitionInput, field: TransitionInputField): boolean => {
  const v = input[field];
  return v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '');
};

/**
 * Whether `actor` may move `ticket` to `to` with `input`: INVALID_TRANSITION when the
 * workflow has no such edge for this ticket, FORBIDDEN when the actor may not take
 * it, GUARD_FAILED (naming the missing field) when the edge needs something.
 */
export const checkTransition = (
  ticket: Ticket,
  to: string,
  input: TransitionInput,
  actor: Actor,
): TransitionCheck => {
  const wf = workflows[ticket.type];
  const name = typeNames[ticket.type];
  if (!wf.states.includes(to)) {
    return fail(domainError('INVALID_TRANSITION', `"${to}" is not a state of ${name}`, 'to'));
  }
  const rule = wf.transitions[ticket.state]?.find((r) => r.to === to);
  const why = rule?.allowed?.(ticket) ?? null;
  if (!rule || why !== null) {
    const base = `${name[0]!.toUpperCase()}${name.slice(1)} cannot go from ${stateLabel(ticket.state)} to ${stateLabel(to)}`;
    return fail(domainError('INVALID_TRANSITION', why ? `${base}: ${why}` : base, 'to'));
  }
  if (!mayTake(actor, ticket, rule)) {
    return fail(
      domainError('FORBIDDEN', `You may not move this ticket to ${stateLabel(to)}`, 'to'),
    );
  }
  const blocker = rule.blocked?.(ticket) ?? null;
  if (blocker) return fail(domainError('GUARD_FAILED', blocker.message, blocker.field));
  const missing = (rule.needs?.(ticket) ?? []).find((f) => !hasInput(input, f));
  if (missing) return fail(domainError('GUARD_FAILED', needMessages[missing], missing));
  return { ok: true, rule };
};

const fail = (error: DomainError): TransitionCheck => ({ ok: false, error });

export interface AvailableTransition {
  to: string;
  label: string;
  /** Input the UI must collect before submitting (e.g. a resolution form). */
  needs: TransitionInputField[];
  reopen: boolean;
}

/** The transitions the UI offers: edges this actor may take now, given the ticket. */
export const availableTransitions = (ticket: Ticket, actor: Actor): AvailableTransition[] =>
  (workflows[ticket.type].transitions[ticket.state] ?? [])
    .filter((r) => (r.allowed?.(ticket) ?? null) === null)
    .filter((r) => mayTake(actor, ticket, r))
    .filter((r) => (r.blocked?.(ticket) ?? null) === null)
    .map((r) => ({
      to: r.to,
      label: stateLabel(r.to),
      needs: r.needs?.(ticket) ?? [],
      reopen: r.reopen === true,
    }));

/**
 * The ticket after taking an edge already checked by checkTransition: state, hold
 * reason, resolution/workaround, reopen count, and the history events the SLA clock
 * and reports read.
 */
export const applyTransition = (
  ticket: Ticket,
  rule: TransitionRule,
  input: TransitionInput,
  by: UserId,
  at: number,
): Ticket => {
  const to = rule.to;
  const holdReason = to === 'on_hold' ? (input.holdReason ?? null) : null;
  const events: Ticket['events'] = [
    ...ticket.events,
    { kind: 'state', at, by, from: ticket.state, to, holdReason },
  ];
  const fieldEvent = (field: string, from: unknown, value: unknown) =>
    events.push({ kind: 'field', at, by, field, from, to: value });

  let resolution = ticket.resolution;
  if (to === 'resolved' && input.resolution) resolution = input.resolution;
  if (rule.reopen) resolution = null;
  if (resolution !== ticket.resolution) fieldEvent('resolution', ticket.resolution, resolution);

  const next = {
    ...ticket,
    state: to,
    holdReason,
    resolution,
    reopenCount: ticket.reopenCount + (rule.reopen ? 1 : 0),
    updatedAt: Math.max(at, ticket.createdAt),
    events,
  } as Ticket;
  if (next.type === 'problem' && to === 'known_error' && hasInput(input, 'workaround')) {
    const knownError = { workaround: input.workaround!.trim() };
    fieldEvent('knownError', next.knownError, knownError);
    next.knownError = knownError;
  }
  return next;
};

/** checkTransition then applyTransition: the new ticket, or why not. */
export const transitionTicket = (
  ticket: Ticket,
  to: string,
  input: TransitionInput,
  actor: Actor,
  at: number,
): { ok: true; ticket: Ticket } | { ok: false; error: DomainError } => {
  const check = checkTransition(ticket, to, input, actor);
  if (!check.ok) return check;
  return { ok: true, ticket: applyTransition(ticket, check.rule, input, actor.userId, at) };
};

/**
 * Resolved incidents and fulfilled requests left alone for `autoCloseDays` close
 * themselves (0 = never); the hub's scheduler asks this and issues the transition.
 */
export const dueForAutoClose = (ticket: Ticket, autoCloseDays: number, now: number): boolean => {
  if (autoCloseDays <= 0) return false;
  const waiting =
    (ticket.type === 'incident' && ticket.state === 'resolved') ||
    (ticket.type === 'request' && ticket.state === 'fulfilled');
  if (!waiting) return false;
  const since = [...ticket.events]
    .reverse()
    .find((e) => e.kind === 'state' && e.to === ticket.state);
  const from = since?.at ?? ticket.updatedAt;
  return now - from >= autoCloseDays * 86_400_000;
};
