import { businessHoursCalendar, calendar24x7 } from '../../../shared/domain/calendar';
import type { TicketEvent } from '../../../shared/domain/events';
import type { Priority } from '../../../shared/domain/priority';
import { defaultDomainSettings } from '../../../shared/domain/settings';
import { defaultSlaDefinitions } from '../../../shared/domain/sla';
import type { HoldReason } from '../../../shared/domain/states';
import { ids, makeTicket, T0, uuid } from '../../../shared/domain/test-fixtures';
import type { Ticket } from '../../../shared/domain/ticket';
import type { QueueId, TicketId, UserId } from '../../../shared/ids';
import { openOutpostDb, type OutpostDb } from '../../db/database';
import { derivedSlaOf } from '../../db/derived-sla';
import { deriveSla, slaReference } from '../../db/derived-sla-fields';
import { toQueueRow, type QueueRow } from './row-model';

/** Test data for the queue views: tickets with real histories in a real (fake-IndexedDB) store. */
export const H = 3_600_000;
export { ids, T0, uuid };

export interface TicketSpec {
  n: number;
  type?: Ticket['type'];
  title?: string;
  priority?: Priority;
  state?: string;
  hold?: HoldReason;
  queueId?: QueueId;
  assigneeId?: UserId | null;
  category?: string;
  number?: string | null;
  /** Minutes after T0 the ticket was created. */
  at?: number;
  updatedAt?: number;
}

/** A ticket whose events match its fields, so its SLA clock is what a user would expect. */
export const ticket = (s: TicketSpec): Ticket => {
  const created = T0 + (s.at ?? 0) * 60_000;
  const priority = s.priority ?? 3;
  const queueId = s.queueId ?? ids.queueA;
  const state = s.state ?? 'new';
  const events: TicketEvent[] = [
    { kind: 'created', at: created, by: ids.requester, state: 'new', priority, queueId },
  ];
  if (state !== 'new') {
    events.push({
      kind: 'state',
      at: created + 60_000,
      by: ids.agentA,
      from: 'new',
      to: state,
      holdReason: state === 'on_hold' ? (s.hold ?? 'awaiting_caller') : null,
    });
  }
  return makeTicket(s.type ?? 'incident', {
    id: uuid(1000 + s.n) as TicketId,
    number: s.number === undefined ? `INC${String(s.n).padStart(7, '0')}` : s.number,
    title: s.title ?? `Ticket ${s.n}`,
    priority,
    queueId,
    state,
    holdReason: state === 'on_hold' ? (s.hold ?? 'awaiting_caller') : null,
    assigneeId: s.assigneeId ?? null,
    category: s.category ?? 'Network',
    createdAt: created,
    updatedAt: s.updatedAt ?? created + 60_000,
    events,
  } as Partial<Ticket>);
};

let dbCount = 0;

/** A fresh app store with the default calendars and SLAs, derived fields on. */
export const storeWith = async (tickets: Ticket[], now = T0 + H): Promise<OutpostDb> => {
  const db = openOutpostDb(`https://queues-${++dbCount}.test`, 'agent', undefined, {
    now: () => now,
  });
  await db.open();
  await db.calendars.bulkPut([calendar24x7, businessHoursCalendar('Europe/London')]);
  await db.slas.bulkPut([...defaultSlaDefinitions]);
  await db.hubSettings.put({ id: 'domain', value: defaultDomainSettings });
  await derivedSlaOf(db)!.idle();
  if (tickets.length) await db.tickets.bulkPut(tickets);
  return db;
};

const slaRef = slaReference(
  [calendar24x7, businessHoursCalendar('Europe/London')],
  defaultSlaDefinitions,
  defaultDomainSettings,
);

/** A ticket's queue row, SLA fields derived an hour after T0, without a store. */
export const queueRow = (s: TicketSpec): QueueRow => {
  const t = ticket(s);
  return toQueueRow({ ...t, ...deriveSla(t, slaRef, T0 + H), localSeq: s.n });
};
