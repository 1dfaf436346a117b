import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Queue, Role, User } from '../../../shared/domain/accounts';
import type { Actor } from '../../../shared/domain/actor';
import { CALENDAR_24X7_ID, calendar24x7 } from '../../../shared/domain/calendar';
import { defaultSlaDefinitions } from '../../../shared/domain/sla';
import { newId, type QueueId, type TicketId, type UserId } from '../../../shared/ids';
import { LocalStoreProvider, type LocalStoreFactory } from '../../app/db-context';
import { createServices, ServicesProvider } from '../../app/services';
import { theme } from '../../app/theme';
import { openOutpostDbByName, type OutpostDb } from '../../db/database';
import { useSession } from '../../session/session-store';
import { createSyncEngine, type SyncEngine } from '../../sync/engine';
import type { SyncTransport } from '../../sync/transport';
import { webPlatform } from '../../testing/render-app';
import { TicketPage } from './ticket-page';

/**
 * The ticket view over a real local store (fake-indexeddb) and the real sync
 * engine, whose hub is never reachable: every edit stays in the outbox,
 * exactly as offline. Records are made with the real mutations.
 */
const unreachable = {
  ok: false as const,
  error: { kind: 'unreachable' as const, message: 'offline' },
};
const offlineTransport: SyncTransport = {
  push: async () => unreachable,
  pull: async () => unreachable,
  bootstrap: async () => unreachable,
  events: async () => ({ ok: true, value: null }),
};

let dbCount = 0;

export interface Harness {
  db: OutpostDb;
  engine: SyncEngine;
  actor: Actor;
  queueId: QueueId;
  users: { sam: User; ana: User; ben: User; rita: User };
  /** Creates an incident with the real mutation and marks everything so far as synced. */
  incident(overrides?: Record<string, unknown>): Promise<TicketId>;
  /** Forgets the outbox, as if the hub had acknowledged everything. */
  markSynced(): Promise<void>;
  /**
   * Renders the ticket view. `animate` keeps Mantine's transitions (and
   * portals) on, for what happens while a dialog fades in or out.
   */
  show(
    ticketId: string,
    options?: { animate?: boolean },
  ): ReturnType<typeof render> & { user: ReturnType<typeof userEvent.setup> };
}

const user = (id: UserId, displayName: string, roles: Role[], queueIds: QueueId[]): User => ({
  id,
  username: displayName.toLowerCase().replace(/\s+/g, '.'),
  displayName,
  email: null,
  roles,
  disabled: false,
  queueIds,
});

export const createHarness = async (): Promise<Harness> => {
  const name = `ticket-test-${++dbCount}-${newId()}`;
  const db = openOutpostDbByName(name);
  await db.open();
  const queueId = newId<QueueId>();
  const other = newId<QueueId>();
  const users = {
    sam: user(newId<UserId>(), 'Sam Rivera', ['agent'], [queueId]),
    ana: user(newId<UserId>(), 'Ana Lopez', ['agent'], [queueId]),
    ben: user(newId<UserId>(), 'Ben Okafor', ['agent'], [other]),
    rita: user(newId<UserId>(), 'Rita Moreno', ['requester'], []),
  };
  const queues: Queue[] = [
    { id: queueId, name: 'Service Desk', description: '', disabled: false },
    { id: other, name: 'Network', description: '', disabled: false },
  ];
  await db.users.bulkPut(Object.values(users));
  await db.queues.bulkPut(queues);
  // Round-the-clock SLAs, so the clocks run whatever the hour of the test.
  await db.calendars.put(calendar24x7);
  await db.slas.bulkPut(defaultSlaDefinitions.map((d) => ({ ...d, calendarId: CALENDAR_24X7_ID })));
  const actor: Actor = { userId: users.sam.id, roles: ['agent'], queueIds: [queueId] };
  const engineFor = (d: OutpostDb) =>
    createSyncEngine({
      db: d,
      journal: { append: async () => {}, list: async () => [], trim: async () => {} },
      transport: offlineTransport,
      actor,
      now: () => Date.now(),
    });
  const engine = engineFor(db);
  const markSynced = async () => {
    await db.outbox.clear();
    await db.shadows.clear();
  };
  // The provider closes its database on unmount: each mount gets its own
  // connection to the same IndexedDB, as a reload would.
  const factory: LocalStoreFactory = () => {
    const own = openOutpostDbByName(name);
    return { db: own, engine: engineFor(own) };
  };
  const services = createServices({
    platform: webPlatform,
    fetch: async () => new Response(null, { status: 503 }),
    storage: window.localStorage,
    pageOrigin: 'http://hub.test',
  });
  useSession.setState({
    phase: {
      name: 'signed-in',
      user: {
        id: users.sam.id,
        username: users.sam.username,
        displayName: users.sam.displayName,
        roles: ['agent'],
        queueIds: [queueId],
      },
      unverified: false,
    },
    hubOrigin: 'http://hub.test',
    sessionLost: false,
  });
  return {
    db,
    engine,
    actor,
    queueId,
    users,
    markSynced,
    async incident(overrides = {}) {
      const id = newId<TicketId>();
      const r = await engine.mutate({
        name: 'incident.create',
        version: 1,
        args: {
          id,
          title: 'VPN drops every few minutes',
          description: 'Started after the **client update**.',
          queueId,
          requesterId: users.rita.id,
          impact: 2,
          urgency: 2,
          ...overrides,
        },
      });
      if (!r.ok) throw new Error(r.error.message);
      await markSynced();
      return id;
    },
    show(ticketId, options = {}) {
      const view = render(
        <MantineProvider theme={theme} env={options.animate ? 'default' : 'test'}>
          <ServicesProvider services={services}>
            <LocalStoreProvider hubOrigin="http://hub.test" actor={actor} factory={factory}>
              <TicketPage ticketId={ticketId} />
            </LocalStoreProvider>
          </ServicesProvider>
        </MantineProvider>,
      );
      return { ...view, user: userEvent.setup({ delay: null }) };
    },
  };
};

export { screen };
