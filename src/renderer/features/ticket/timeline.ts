import type { Attachment } from '../../../shared/domain/attachment';
import type { Comment } from '../../../shared/domain/comment';
import type { Conflict } from '../../../shared/domain/conflict';
import type { TicketEvent } from '../../../shared/domain/events';
import type { Ticket } from '../../../shared/domain/ticket';
import type { WorklogEntry } from '../../../shared/domain/worklog';
import { isFieldConflict, theirTime } from './conflict-text';
import { isEventPending, type PendingForTicket } from './pending';

export type TimelineItem =
  | { kind: 'comment'; key: string; at: number; by: string; pending: boolean; comment: Comment }
  | {
      kind: 'worklog';
      key: string;
      at: number;
      by: string;
      pending: boolean;
      worklog: WorklogEntry;
    }
  | {
      kind: 'attachment';
      key: string;
      at: number;
      by: string;
      pending: boolean;
      attachment: Attachment;
    }
  /**
   * An edit that lost under last-writer-wins, from this device's conflicts
   * (the hub sends each to its author only), at the time the winner was written.
   */
  | { kind: 'overwritten'; key: string; at: number; by: string; pending: false; conflict: Conflict }
  | {
      kind: 'event';
      key: string;
      at: number;
      by: string;
      pending: boolean;
      event: Exclude<TicketEvent, { kind: 'responded' }>;
    };

/** Field events that only echo another line (a transition's resolution is shown with it). */
const echoes = (e: TicketEvent, events: readonly TicketEvent[]): boolean =>
  e.kind === 'field' &&
  (e.field === 'resolution' || e.field === 'knownError') &&
  events.some((o) => o.kind === 'state' && o.at === e.at && o.by === e.by);

/**
 * One chronological story of a ticket: what people wrote, the time they
 * logged, the files they attached, every change of state or field, and the
 * field edits of this user that were overwritten, oldest first. Items made at
 * the same instant keep the order they were recorded in, so an overwritten
 * edit follows the change that replaced it.
 */
export const buildTimeline = (
  ticket: Ticket,
  children: {
    comments: Comment[];
    worklogs: WorklogEntry[];
    attachments: Attachment[];
    conflicts?: Conflict[];
  },
  pending: PendingForTicket,
): TimelineItem[] => {
  const items: TimelineItem[] = [];
  ticket.events.forEach((e, i) => {
    if (e.kind === 'responded' || echoes(e, ticket.events)) return;
    items.push({
      kind: 'event',
      key: `e${i}`,
      at: e.at,
      by: e.by,
      pending: e.kind === 'created' ? pending.created : isEventPending(pending, e),
      event: e,
    });
  });
  for (const c of children.comments) {
    items.push({
      kind: 'comment',
      key: c.id,
      at: c.createdAt,
      by: c.authorId,
      pending: pending.childIds.has(c.id),
      comment: c,
    });
  }
  for (const w of children.worklogs) {
    items.push({
      kind: 'worklog',
      key: w.id,
      at: w.createdAt,
      by: w.userId,
      pending: pending.childIds.has(w.id),
      worklog: w,
    });
  }
  for (const a of children.attachments) {
    items.push({
      kind: 'attachment',
      key: a.id,
      at: a.createdAt,
      by: a.uploadedBy,
      pending: pending.childIds.has(a.id),
      attachment: a,
    });
  }
  for (const c of children.conflicts ?? []) {
    if (!isFieldConflict(c)) continue;
    items.push({
      kind: 'overwritten',
      key: c.id,
      at: theirTime(c, ticket),
      by: c.userId,
      pending: false,
      conflict: c,
    });
  }
  // Stable sort: equal times keep events before children, in recorded order.
  return items.sort((a, b) => a.at - b.at);
};

/** Total minutes logged, for the work log summary. */
export const totalMinutes = (worklogs: readonly WorklogEntry[]): number =>
  worklogs.reduce((n, w) => n + w.minutes, 0);

export const formatMinutes = (m: number): string => {
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h ? (r ? `${h}h ${r}m` : `${h}h`) : `${r}m`;
};
