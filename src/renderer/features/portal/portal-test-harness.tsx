import { ticketById } from '../../db/ticket-packs';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import type { Queue, Role, User } from '../../../shared/domain/accounts';
import type { Actor } from '../../../shared/domain/actor';
import type { CatalogItem } from '../../../shared/domain/catalog';
import type { Comment } from '../../../shared/domain/comment';
import { defaultDomainSettings } from '../../../shared/domain/settings';
import {
  newId,
  type CatalogItemId,
  type CommentId,
  type QueueId,
  type TicketId,
  type UserId,
} from '../../../shared/ids';
import { LocalStoreProvider, type LocalStoreFactory } from '../../app/db-context';
import { createServices, ServicesProvider } from '../../app/services';
import { theme } from '../../app/theme';
import { openOutpostDbByName, type OutpostDb } from '../../db/database';
import { useSession } from '../../session/session-store';
import { createSyncEngine, type SyncEngine } from '../../sync/engine';
import type { SyncTransport } from '../../sync/transport';
import { webPlatform } from '../../testing/render-app';

/**
 * The portal's pages over a real local store (fake-indexeddb) and the real
 * sync engine with a hub that never answers, so every edit stays in the
 * outbox as it would offline. Rita is the requester signed in; Sam is an
 * agent whose engine (same database) moves tickets along, the way the
 * desk's changes would arrive by sync.
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

const person = (displayName: string, roles: Role[], queueIds: QueueId[]): User => ({
  id: newId<UserId>(),
  username: displayName.toLowerCase().replace(/\s+/g, '.'),
  displayName,
  email: null,
  roles,
  disabled: false,
  queueIds,
});

export const laptop = (queueId: QueueId): CatalogItem => ({
  id: newId<CatalogItemId>(),
  name: 'Laptop',
  description: 'A standard laptop with docking station.',
  category: 'Hardware',
  defaultQueueId: queueId,
  needsApproval: false,
  active: true,
  fields: [
    {
      key: 'model',
      label: 'Model',
      kind: 'select',
      required: true,
      help: '',
      options: ['ThinkPad T14', 'MacBook Air 13'],
    },
    {
      key: 'neededBy',
      label: 'Needed by',
      kind: 'text',
      required: false,
      help: '',
      maxLength: 100,
    },
  ],
});

let count = 0;

export const createPortalHarness = async () => {
  const name = `portal-test-${++count}-${newId()}`;
  const db = openOutpostDbByName(name);
  await db.open();
  const desk = newId<QueueId>();
  const network = newId<QueueId>();
  const queues: Queue[] = [
    { id: network, name: 'Network', description: '', disabled: false },
    { id: desk, name: 'Service Desk', description: '', disabled: false },
  ];
  const users = {
    rita: person('Rita Moreno', ['requester'], []),
    sam: person('Sam Rivera', ['agent'], [desk]),
    otto: person('Otto Lind', ['requester'], []),
  };
  await db.users.bulkPut(Object.values(users));
  await db.queues.bulkPut(queues);
  const item = laptop(desk);
  await db.hubSettings.put({
    id: 'domain',
    value: { ...defaultDomainSettings, catalogItems: [item] },
  });
  const rita: Actor = { userId: users.rita.id, roles: ['requester'], queueIds: [] };
  const sam: Actor = { userId: users.sam.id, roles: ['agent'], queueIds: [desk] };
  const engineFor = (d: OutpostDb, actor: Actor): SyncEngine =>
    createSyncEngine({
      db: d,
      journal: { append: async () => {}, list: async () => [], trim: async () => {} },
      transport: offlineTransport,
      actor,
      now: () => Date.now(),
    });
  const agent = engineFor(db, sam);
  const requester = engineFor(db, rita);
  const markSynced = async () => {
    await db.outbox.clear();
    await db.shadows.clear();
  };
  const run = async (engine: SyncEngine, name: string, args: Record<string, unknown>) => {
    const r = await engine.mutate({ name, version: 1, args });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    await markSynced();
  };
  const factory: LocalStoreFactory = () => {
    const own = openOutpostDbByName(name);
    return { db: own, engine: engineFor(own, rita) };
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
        id: users.rita.id,
        username: users.rita.username,
        displayName: users.rita.displayName,
        roles: ['requester'],
        queueIds: [],
      },
      unverified: false,
    },
    hubOrigin: 'http://hub.test',
    sessionLost: false,
  });

  return {
    db,
    desk,
    users,
    item,
    rita,
    markSynced,
    /** An incident Rita raised, already on the hub. */
    async incident(overrides: Record<string, unknown> = {}) {
      const id = newId<TicketId>();
      await run(requester, 'incident.create', {
        id,
        title: 'Printer jams on every page',
        description: 'Floor 2, since **Monday**.',
        queueId: desk,
        requesterId: users.rita.id,
        impact: 3,
        urgency: 2,
        ...overrides,
      });
      return id;
    },
    /** A desk action (Sam), as if it had arrived by sync. */
    agentDoes: async (name: string, args: Record<string, unknown>) => run(agent, name, args),
    async resolve(ticketId: TicketId, notes = 'Replaced the fuser unit.') {
      const t = await ticketById(db, ticketId);
      if (t?.state === 'new') {
        await run(agent, 'ticket.transition', { ticketId, from: 'new', to: 'in_progress' });
      }
      await run(agent, 'ticket.transition', {
        ticketId,
        from: 'in_progress',
        to: 'resolved',
        resolution: { code: 'fixed', notes },
      });
    },
    /** A comment written straight into the store (what a sync would deliver). */
    async comment(ticketId: TicketId, body: string, visibility: Comment['visibility'], by: UserId) {
      await db.comments.put({
        id: newId<CommentId>(),
        ticketId,
        authorId: by,
        body,
        visibility,
        createdAt: Date.now(),
      });
    },
    show(page: ReactNode) {
      const view = render(
        <MantineProvider theme={theme} env="test">
          <ServicesProvider services={services}>
            <LocalStoreProvider hubOrigin="http://hub.test" actor={rita} factory={factory}>
              {page}
            </LocalStoreProvider>
          </ServicesProvider>
        </MantineProvider>,
      );
      return { ...view, user: userEvent.setup({ delay: null }) };
    },
  };
};

export type PortalHarness = Awaited<ReturnType<typeof createPortalHarness>>;
