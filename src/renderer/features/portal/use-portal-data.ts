import { ticketsOfRequester } from '../../db/ticket-packs';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Queue } from '../../../shared/domain/accounts';
import type { OutboxEntry } from '../../db/database';
import { useOutpostDb } from '../../app/db-context';
import { isPortalTicket, type PortalTicket } from './portal-words';

export interface MyTickets {
  tickets: PortalTicket[];
  /** Ids of tickets with changes still only on this device. */
  unsent: Set<string>;
}

const ticketIdOf = (e: OutboxEntry): string | null => {
  const a = (e.args ?? {}) as { ticketId?: unknown; id?: unknown };
  if (typeof a.ticketId === 'string') return a.ticketId;
  return e.name.endsWith('.create') && typeof a.id === 'string' ? a.id : null;
};

/**
 * The signed-in person's own incidents and requests, newest activity first,
 * from the local store (so the list is there offline). The hub only ever
 * sends a requester their own tickets; filtering on requesterId here also
 * keeps an agent's queue work out of their personal portal.
 */
export const useMyTickets = (userId: string): MyTickets | undefined => {
  const db = useOutpostDb();
  return useLiveQuery(async () => {
    const [rows, outbox] = await Promise.all([ticketsOfRequester(db, userId), db.outbox.toArray()]);
    const tickets = rows.filter(isPortalTicket).sort((a, b) => b.updatedAt - a.updatedAt);
    const unsent = new Set(outbox.flatMap((e) => ticketIdOf(e) ?? []));
    return { tickets, unsent };
  }, [db, userId]);
};

/** Names that say "the front door of the service desk". */
const FRONT_DOOR = /service\s*desk|help\s*desk|first[\s-]*line|support/i;

/**
 * The team a reported problem goes to. Requesters do not know the desk's
 * queues, so they are not asked: the front-door queue (by its name), else
 * the first active queue by name. The desk re-routes from there as usual.
 */
export const pickIntakeQueue = (queues: readonly Queue[]): Queue | null => {
  const active = queues.filter((q) => !q.disabled).sort((a, b) => a.name.localeCompare(b.name));
  return active.find((q) => FRONT_DOOR.test(q.name)) ?? active[0] ?? null;
};

/** The intake queue from the local store; undefined while loading, null if there is none. */
export const useIntakeQueue = (): Queue | null | undefined => {
  const db = useOutpostDb();
  return useLiveQuery(async () => pickIntakeQueue(await db.queues.toArray()), [db]);
};
