import type { Priority } from '../../../shared/domain/priority';
import { slaStopStates } from '../../../shared/domain/sla-history';
import { allStates, type TicketType } from '../../../shared/domain/states';
import { ticketLabel, type Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../db/derived-sla';
import type { SlaPhaseLocal } from '../../db/derived-sla-fields';

/**
 * What a queue list needs of a ticket, and nothing more: about a tenth of a
 * stored ticket (no description, events or stamps), so 100k of them sort in
 * memory in tens of milliseconds.
 */
export interface QueueRow {
  id: string;
  label: string;
  title: string;
  type: TicketType;
  queueId: string;
  state: string;
  /** Work not yet done: the state is not one where the SLA clock stops for good. */
  open: boolean;
  priority: Priority;
  assigneeId: string | null;
  requesterId: string;
  category: string;
  createdAt: number;
  updatedAt: number;
  slaPhase: SlaPhaseLocal;
  slaDueAt: number | null;
  slaWarnAt: number | null;
  slaBreachAt: number | null;
  slaSoonAt: number | null;
  slaResponseDueAt: number | null;
  /** The row's local write counter: a newer write wins over an older read. */
  seq: number;
}

/** Open = not resolved/fulfilled/closed/cancelled/rejected (the SLA clock's stop states). */
export const isOpenState = (state: string): boolean => !slaStopStates.includes(state);

export const openStates: readonly string[] = allStates.filter(isOpenState);

/**
 * Ids, states and categories repeat across 100k rows; one shared string per
 * value keeps the model small (a fresh string per row per field otherwise).
 */
const interned = new Map<string, string>();
export const intern = (s: string): string => {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  interned.set(s, s);
  return s;
};

type StoredTicket = Ticket & Partial<Omit<LocalTicket, keyof Ticket>>;

export const toQueueRow = (t: StoredTicket): QueueRow => ({
  id: t.id,
  label: ticketLabel(t),
  title: t.title,
  type: t.type,
  queueId: intern(t.queueId),
  state: intern(t.state),
  open: isOpenState(t.state),
  priority: t.priority,
  assigneeId: t.assigneeId === null ? null : intern(t.assigneeId),
  requesterId: intern(t.requesterId),
  category: intern(t.category),
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  slaPhase: t.slaPhase ?? 'none',
  slaDueAt: t.slaDueAt ?? null,
  slaWarnAt: t.slaWarnAt ?? null,
  slaBreachAt: t.slaBreachAt ?? null,
  slaSoonAt: t.slaSoonAt ?? null,
  slaResponseDueAt: t.slaResponseDueAt ?? null,
  seq: t.localSeq ?? 0,
});
