import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../shared/domain/system-user';
import type { Ticket } from '../../shared/domain/ticket';
import { newId } from '../../shared/ids';
import { formatHlc } from '../../shared/sync/hlc';
import { DIALECTS, startTestHub, type TestHub } from '../../../tests/fixtures/hub-fixture';
import { runAutoClose } from './auto-close';

const DAY = 86_400_000;

describe.each(DIALECTS)('auto-close of resolved tickets (%s)', (dialect) => {
  let hub: TestHub;
  let token: string;
  let ticketId: string;

  const push = async (id: number, name: string, args: Record<string, unknown>) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/sync/v1/push',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        protocol: 2,
        clientId: '0199a0aa-0000-7000-8000-0000000000c1',
        mutations: [
          {
            id,
            name,
            version: 1,
            args,
            hlc: formatHlc({ wallMs: hub.clock.now(), counter: id, nodeId: 'c1' }),
            createdAt: hub.clock.now(),
          },
        ],
      },
    });
    expect(res.json().results[0].status, res.body).toBe('applied');
  };
  const ticket = async () =>
    JSON.parse(
      (
        await hub.db.kysely
          .selectFrom('tickets')
          .select('data')
          .where('id', '=', ticketId)
          .executeTakeFirstOrThrow()
      ).data,
    ) as Ticket;

  beforeEach(async () => {
    hub = await startTestHub(dialect);
    const admin = await hub.setupAdmin();
    token = admin.token;
    const queueId = (
      await hub.api('POST', '/admin/queues', { token, body: { name: 'Service Desk' } })
    ).json().queue.id;
    ticketId = newId();
    await push(1, 'incident.create', {
      id: ticketId,
      title: 'Mail down',
      queueId,
      impact: 2,
      urgency: 2,
      requesterId: admin.user.id,
    });
    await push(2, 'ticket.transition', { ticketId, from: 'new', to: 'in_progress' });
    await push(3, 'ticket.transition', {
      ticketId,
      from: 'in_progress',
      to: 'resolved',
      resolution: { code: 'fixed', notes: 'Restarted the relay' },
    });
  });
  afterEach(async () => {
    await hub.close();
  });

  it('closes a resolved incident once the waiting period is over, as the hub, once', async () => {
    expect((await runAutoClose(hub.db, hub.clock.now() + 4 * DAY)).closed).toBe(0);
    const run = await runAutoClose(hub.db, hub.clock.now() + 5 * DAY + 1);
    expect(run.closed).toBe(1);
    expect(run.lastSeq).not.toBeNull();
    const t = await ticket();
    expect(t.state).toBe('closed');
    expect(t.events.at(-1)).toMatchObject({
      kind: 'state',
      from: 'resolved',
      to: 'closed',
      by: SYSTEM_USER_ID,
    });
    expect((await runAutoClose(hub.db, hub.clock.now() + 6 * DAY)).closed).toBe(0);
  });

  it('leaves a ticket reopened in the meantime alone', async () => {
    await push(4, 'ticket.transition', { ticketId, from: 'resolved', to: 'in_progress' });
    expect((await runAutoClose(hub.db, hub.clock.now() + 30 * DAY)).closed).toBe(0);
    expect((await ticket()).state).toBe('in_progress');
  });
});
