import type { Link } from '../../../shared/domain/link';
import type { TicketEvent } from '../../../shared/domain/events';
import { hlcWallTime } from '../../../shared/sync/hlc';
import type { OutboxEntry } from '../../db/database';

/**
 * What of one ticket is still only on this device: the outbox entries that
 * name it. Field and state events carry their mutation's time (the wall time
 * of its HLC), which is how an event is matched to the entry that made it.
 */
export interface PendingForTicket {
  /** Editable fields with an unsynced change. */
  fields: Set<string>;
  /** Comments, work log entries and attachments not yet on the hub. */
  childIds: Set<string>;
  /** Times of unsynced transitions and field edits (event.at). */
  stateAts: Set<number>;
  fieldAts: Map<number, Set<string>>;
  links: { kind: string; a: string; b: string }[];
  /** Local re-apply failures: the hub will decide, but the user should know. */
  localErrors: string[];
  /** The ticket itself was created on this device and has no hub number yet. */
  created: boolean;
  count: number;
}

type Args = Record<string, unknown>;

const ticketOf = (e: OutboxEntry): string[] => {
  const a = (e.args ?? {}) as Args;
  if (e.name === 'ticket.link') {
    const to = a.to as { id?: string } | undefined;
    return [a.fromId as string, to?.id ?? ''];
  }
  if (typeof a.ticketId === 'string') return [a.ticketId];
  if (typeof a.id === 'string') return [a.id];
  return [];
};

export const pendingFor = (entries: readonly OutboxEntry[], ticketId: string): PendingForTicket => {
  const p: PendingForTicket = {
    fields: new Set(),
    childIds: new Set(),
    stateAts: new Set(),
    fieldAts: new Map(),
    links: [],
    localErrors: [],
    created: false,
    count: 0,
  };
  for (const e of entries) {
    if (!ticketOf(e).includes(ticketId)) continue;
    p.count++;
    if (e.localError) p.localErrors.push(e.localError.message);
    const a = (e.args ?? {}) as Args;
    let at: number;
    try {
      at = hlcWallTime(e.hlc);
    } catch {
      at = e.createdAt;
    }
    switch (e.name) {
      case 'ticket.setFields': {
        const names = Object.keys((a.fields ?? {}) as Args);
        for (const f of names) p.fields.add(f);
        if (names.includes('impact') || names.includes('urgency')) names.push('priority');
        const set = p.fieldAts.get(at) ?? new Set<string>();
        for (const f of names) set.add(f);
        p.fieldAts.set(at, set);
        break;
      }
      case 'ticket.transition':
        p.stateAts.add(at);
        p.fields.add('state');
        // A transition may also record a resolution or workaround.
        p.fieldAts.set(at, new Set([...(p.fieldAts.get(at) ?? []), 'resolution', 'knownError']));
        break;
      case 'ticket.addComment':
      case 'ticket.logWork':
      case 'ticket.attach':
        p.childIds.add(a.id as string);
        break;
      case 'ticket.link': {
        const to = a.to as { id: string };
        p.links.push({ kind: a.kind as string, a: a.fromId as string, b: to.id });
        break;
      }
      default:
        if (e.name.endsWith('.create')) p.created = true;
        break;
    }
  }
  return p;
};

export const isEventPending = (p: PendingForTicket, e: TicketEvent): boolean => {
  if (e.kind === 'state') return p.stateAts.has(e.at);
  if (e.kind === 'field') return p.fieldAts.get(e.at)?.has(e.field) ?? false;
  return false;
};

export const isLinkPending = (p: PendingForTicket, l: Link): boolean =>
  p.links.some(
    (x) =>
      x.kind === l.kind &&
      ((x.a === l.fromId && x.b === l.to.id) || (x.b === l.fromId && x.a === l.to.id)),
  );
