import { defaultDomainSettings, type DomainSettings } from '../../../shared/domain/settings';
import { makeTicket, T0 } from '../../../shared/domain/test-fixtures';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import { newId, type QueueId, type TicketId, type UserId } from '../../../shared/ids';
import { openOutpostDb } from '../../db/database';
import { fakeId } from '../../testing/fake-hub';
import { renderApp, seededHub } from '../../testing/render-app';

/**
 * The whole app signed in as an agent of "Service Desk", with records
 * already in the local store (as after a sync): what the search and create
 * tests start from.
 */
export const signedInWith = async (data: {
  tickets?: (ctx: { agent: UserId; queue: QueueId }) => Ticket[];
  comments?: (tickets: Ticket[]) => Comment[];
  settings?: Partial<DomainSettings>;
  hash?: string;
}) => {
  const seeded = seededHub();
  const queue = fakeId<QueueId>();
  seeded.hub.queues.push({ id: queue, name: 'Service Desk', description: '', disabled: false });
  seeded.hub.users.find((u) => u.id === seeded.agent.id)!.queueIds = [queue];
  seeded.hub.sessionUserId = seeded.agent.id;
  const db = openOutpostDb('http://hub.test', seeded.agent.id);
  await db.open();
  await db.hubSettings.put({ id: 'domain', value: { ...defaultDomainSettings, ...data.settings } });
  await db.queues.put({ id: queue, name: 'Service Desk', description: '', disabled: false });
  await db.users.bulkPut(seeded.hub.users.map(({ password: _p, ...u }) => u));
  const tickets = data.tickets?.({ agent: seeded.agent.id as UserId, queue }) ?? [];
  await db.tickets.bulkPut(tickets);
  await db.comments.bulkPut(data.comments?.(tickets) ?? []);
  db.close();
  const app = renderApp({ hub: seeded.hub, hash: data.hash ?? '' });
  await app.screen.findByTestId('current-user-name');
  return {
    ...app,
    ...seeded,
    queue,
    tickets,
    dbName: `outpost:http://hub.test:${seeded.agent.id}`,
  };
};

let n = 0;
export const incident = (queue: QueueId, o: Partial<Ticket> = {}): Ticket =>
  makeTicket('incident', {
    id: newId<TicketId>(),
    number: `INC${String(++n).padStart(7, '0')}`,
    queueId: queue,
    createdAt: T0,
    updatedAt: T0,
    ...o,
  } as Partial<Ticket>);

export const comment = (ticket: Ticket, body: string): Comment => ({
  id: newId() as Comment['id'],
  ticketId: ticket.id,
  authorId: ticket.requesterId,
  body,
  visibility: 'public',
  createdAt: T0 + 60_000,
});
