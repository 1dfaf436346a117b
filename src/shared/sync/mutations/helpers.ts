import type { ConflictId, TicketId, UserId } from '../../ids';
import { conflictCodes, type Conflict } from '../../domain/conflict';
import { domainError, type DomainError, type DomainErrorCode } from '../../domain/errors';
import { stateLabel } from '../../domain/states';
import { ticketLabel, type FieldStamp, type Ticket } from '../../domain/ticket';
import type { Hlc } from '../hlc';
import { mergeField, sameValue } from '../merge';
import { derivedId } from './derived-id';
import type { Effect, Loaded, MutationCtx, MutationOutcome } from './types';

export const ok = (...effects: Effect[]): MutationOutcome => ({ ok: true, effects });

export const fail = (code: DomainErrorCode, message: string, field?: string): MutationOutcome => ({
  ok: false,
  error: domainError(code, message, field),
});

export const notFound = (what: string, id: string, field: string): DomainError =>
  domainError('NOT_FOUND', `${what} ${id} does not exist or is not available here`, field);

export const forbidden = (message: string, field?: string): DomainError =>
  domainError('FORBIDDEN', message, field);

export const getTicket = (loaded: Loaded, id: TicketId): Ticket | undefined =>
  loaded.tickets.get(id);

/** Stamps for every field a create sets, so the first edit can name the value it saw. */
export const initialStamps = (
  fields: readonly string[],
  ctx: MutationCtx,
): Record<string, FieldStamp> =>
  Object.fromEntries(fields.map((f) => [f, { hlc: ctx.hlc, by: ctx.actor.userId }]));

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface MergedFields {
  values: Record<string, unknown>;
  stamps: Record<string, FieldStamp>;
  changes: FieldChange[];
  /** True when a value or a stamp must be written back. */
  dirty: boolean;
  conflicts: Conflict[];
}

export interface MergeInput {
  current: Record<string, unknown>;
  stamps: Record<string, FieldStamp>;
  fields: Record<string, unknown>;
  base: Record<string, Hlc | null>;
  ctx: MutationCtx;
  mutation: string;
  ticketId: TicketId | null;
  /** "INC0001234" or "KB article 'VPN'" — for conflict messages. */
  subject: string;
  label: (field: string) => string;
}

/**
 * Field-level LWW over a document (SYNC.md "Merge rules"): each field is merged on
 * its own, and each concurrent losing value becomes a conflict for its author.
 * Fields are visited in name order so every replica builds identical output.
 */
export const mergeFields = (m: MergeInput): MergedFields => {
  const values: Record<string, unknown> = {};
  const stamps = { ...m.stamps };
  const changes: FieldChange[] = [];
  const conflicts: Conflict[] = [];
  let dirty = false;
  for (const field of Object.keys(m.fields).sort()) {
    const incoming = m.fields[field];
    const r = mergeField(
      { value: m.current[field], stamp: m.stamps[field] ?? null },
      { value: incoming, hlc: m.ctx.hlc, by: m.ctx.actor.userId, base: m.base[field] ?? null },
    );
    if (r.changed) {
      dirty = true;
      stamps[field] = r.stamp!;
      values[field] = r.value;
      if (!sameValue(m.current[field], r.value)) {
        changes.push({ field, from: m.current[field], to: r.value });
      }
    }
    if (r.lost) {
      const mine = r.lost.side === 'incoming';
      // An overwritten value may have several authors (co-authors of one value, see
      // merge.ts); each gets their own conflict, told by the id's user part.
      for (const userId of mine ? [m.ctx.actor.userId as UserId] : r.lost.authors) {
        conflicts.push({
          id: derivedId<ConflictId>('conflict', m.mutation, m.ctx.hlc, m.subject, field, userId),
          userId,
          ticketId: m.ticketId,
          field,
          mine: r.lost.value,
          theirs: mine ? m.current[field] : incoming,
          theirsBy: mine ? (m.stamps[field]?.by ?? null) : m.ctx.actor.userId,
          at: m.ctx.now,
          mutation: m.mutation,
          code: mine ? conflictCodes.notApplied : conflictCodes.overwritten,
          message: mine
            ? `Your change to the ${m.label(field)} of ${m.subject} was not applied: someone else changed it at the same time`
            : `Your ${m.label(field)} of ${m.subject} was replaced by a later edit made at the same time`,
        });
      }
    }
  }
  return { values, stamps, changes, dirty, conflicts };
};

const doneVerbs: Record<string, string> = {
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
  rejected: 'rejected',
  fulfilled: 'fulfilled',
  on_hold: 'put on hold',
};

/**
 * The TRANSITION_CONFLICT a late transition gets: who moved the ticket, when, and to
 * what, so the UI can say "INC0001234 was resolved by Ana while you were offline".
 */
export const transitionConflict = (ticket: Ticket, expectedFrom: string): DomainError => {
  const last = [...ticket.events]
    .reverse()
    .find((e) => e.kind === 'state' && e.to === ticket.state);
  const label = ticketLabel(ticket);
  const verb = doneVerbs[ticket.state] ?? `moved to ${stateLabel(ticket.state)}`;
  const message = last
    ? `${label} was ${verb} by ${last.by} while you were offline`
    : `${label} is ${stateLabel(ticket.state)}, not ${stateLabel(expectedFrom)}`;
  return domainError('TRANSITION_CONFLICT', message, 'from', {
    state: ticket.state,
    by: last?.by ?? null,
    at: last?.at ?? null,
    number: ticket.number,
  });
};
