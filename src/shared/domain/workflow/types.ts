import type { DomainError } from '../errors';
import type { HoldReason, TicketType } from '../states';
import type { Resolution, Ticket } from '../ticket';

/** What a transition may need from the person taking it (collected by the UI). */
export type TransitionInputField = 'holdReason' | 'resolution' | 'workaround';

export interface TransitionInput {
  holdReason?: HoldReason | null;
  resolution?: Resolution | null;
  workaround?: string | null;
}

export interface Blocker {
  field: string;
  message: string;
}

/**
 * One edge of a workflow. `allowed` decides whether the edge exists for this ticket
 * at all (a standard change has no Assess step): failing it is INVALID_TRANSITION.
 * `blocked` and `needs` are guards (GUARD_FAILED): the edge exists, but the ticket or
 * the input lacks something the edge requires.
 */
export interface TransitionRule<T extends Ticket = Ticket> {
  to: string;
  allowed?: (t: T) => string | null;
  blocked?: (t: T) => Blocker | null;
  needs?: (t: T) => TransitionInputField[];
  /** Taking this edge reopens a resolved/fulfilled ticket (counted in reopenCount). */
  reopen?: boolean;
  /** The ticket's requester may take this edge (confirm, reject or withdraw). */
  requester?: boolean;
}

export interface Workflow<T extends Ticket = Ticket> {
  type: TicketType;
  states: readonly string[];
  transitions: Record<string, TransitionRule<T>[]>;
}

export type TransitionCheck =
  { ok: true; rule: TransitionRule } | { ok: false; error: DomainError };
