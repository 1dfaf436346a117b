import { z } from 'zod';

/** The states of each record type's workflow (DOMAIN.md "Workflows"), as stored. */
export const incidentStates = [
  'new',
  'in_progress',
  'on_hold',
  'resolved',
  'closed',
  'cancelled',
] as const;
export const requestStates = [
  'new',
  'approval',
  'in_progress',
  'on_hold',
  'fulfilled',
  'closed',
  'rejected',
  'cancelled',
] as const;
export const problemStates = [
  'new',
  'assessed',
  'root_cause_analysis',
  'known_error',
  'resolved',
  'closed',
] as const;
export const changeStates = [
  'new',
  'assess',
  'authorize',
  'scheduled',
  'implement',
  'review',
  'closed',
  'cancelled',
] as const;

export type IncidentState = (typeof incidentStates)[number];
export type RequestState = (typeof requestStates)[number];
export type ProblemState = (typeof problemStates)[number];
export type ChangeState = (typeof changeStates)[number];
export type TicketState = IncidentState | RequestState | ProblemState | ChangeState;

export const ticketTypes = ['incident', 'request', 'problem', 'change'] as const;
export type TicketType = (typeof ticketTypes)[number];

export const statesOf: { [K in TicketType]: readonly string[] } = {
  incident: incidentStates,
  request: requestStates,
  problem: problemStates,
  change: changeStates,
};

export const allStates: readonly TicketState[] = [
  ...new Set<TicketState>([...incidentStates, ...requestStates, ...problemStates, ...changeStates]),
];

/** Why work waits. Whether a reason pauses the SLA clock is a setting (settings.ts). */
export const holdReasons = [
  'awaiting_caller',
  'awaiting_vendor',
  'awaiting_change',
  'awaiting_problem',
] as const;
export type HoldReason = (typeof holdReasons)[number];
export const holdReasonSchema = z.enum(holdReasons, {
  error: `holdReason must be one of ${holdReasons.join(', ')}`,
});

export const stateLabels: Record<TicketState, string> = {
  new: 'New',
  in_progress: 'In Progress',
  on_hold: 'On Hold',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
  approval: 'Approval',
  fulfilled: 'Fulfilled',
  rejected: 'Rejected',
  assessed: 'Assessed',
  root_cause_analysis: 'Root Cause Analysis',
  known_error: 'Known Error',
  assess: 'Assess',
  authorize: 'Authorize',
  scheduled: 'Scheduled',
  implement: 'Implement',
  review: 'Review',
};

export const stateLabel = (state: string): string =>
  (stateLabels as Record<string, string>)[state] ?? state;

export const holdReasonLabels: Record<HoldReason, string> = {
  awaiting_caller: 'Awaiting caller',
  awaiting_vendor: 'Awaiting vendor',
  awaiting_change: 'Awaiting change',
  awaiting_problem: 'Awaiting problem',
};

/** States in which nothing more happens to a ticket (no edits, no SLA clock). */
export const terminalStates: readonly string[] = ['closed', 'cancelled', 'rejected'];
export const isTerminal = (state: string): boolean => terminalStates.includes(state);
