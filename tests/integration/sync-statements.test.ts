import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { wire } from './sync/wire';

/**
 * What one steady client's push and pull cost the database, in statements.
 * On PostgreSQL each statement is a network round trip and a parse and plan
 * on the server: with 50 clients each pushing ten times a second, the hub
 * spent a third of its CPU writing statements to its sockets. These figures
 * are the budget; a change that adds a statement to the hot path fails here
 * and has to say why.
 */
const BUDGET = {
  postgres: {
    /**
     * session+user, begin, the push batch's rows (client, settings, ticket;
     * locked), its writes (ticket, result, client, log), commit
     */
    push: 5,
    /** session+user, then the client's row, head, compaction point and page in one */
    pull: 2,
  },
  /**
   * SQLite statements are function calls, not round trips: the push numbers
   * the log inside its transaction, writes its end as three statements, and
   * the pull reads the session, then the client row and the page on the one
   * connection held for both, with no BEGIN or COMMIT (faster there than
   * the one statement PostgreSQL runs).
   */
  sqlite: { push: 10, pull: 3 },
};

describe.each(DIALECTS)('statements per sync request (%s)', (dialect) => {
  let hub: SyncHub;
  let statements: string[] | null = null;
  const record = async <T>(run: () => Promise<T>): Promise<{ result: T; sql: string[] }> => {
    statements = [];
    try {
      return { result: await run(), sql: statements };
    } finally {
      statements = null;
    }
  };

  beforeEach(async () => {
    hub = await startSyncHub(dialect, { onQuery: (sql) => statements?.push(sql) });
  });
  afterEach(async () => {
    await hub.close();
  });

  it('a client that has synced before pushes one edit and pulls it within the budget', async () => {
    const kit = wire(hub);
    const { queue, anaId, token, clientId, begin } = await kit.agentClient();
    const ticketId = newId();
    const created = await kit.post(
      'push',
      {
        protocol: 2,
        clientId,
        mutations: [
          kit.incidentCreate(1, {
            ticketId,
            title: 'Printer jam',
            queueId: queue,
            requesterId: anaId,
          }),
        ],
      },
      token,
    );
    expect(created.json.results).toEqual([{ id: 1, status: 'applied' }]);

    const push = await record(() =>
      kit.post(
        'push',
        {
          protocol: 2,
          clientId,
          mutations: [
            {
              id: 2,
              name: 'ticket.setFields',
              version: 1,
              args: {
                ticketId,
                fields: { title: 'Printer jam on floor 2' },
                base: { title: kit.stamp(1) },
              },
              hlc: kit.stamp(2),
              createdAt: hub.clock.now(),
            },
          ],
        },
        token,
      ),
    );
    expect(push.result.json.results).toEqual([{ id: 2, status: 'applied' }]);
    expect(push.sql.length, push.sql.join('\n')).toBeLessThanOrEqual(BUDGET[dialect].push);

    const pull = await record(() =>
      kit.post(
        'pull',
        { protocol: 2, clientId, cursor: begin.cursor, aclHash: begin.aclHash },
        token,
      ),
    );
    expect(pull.result.json.lastMutationId).toBe(2);
    expect(pull.result.json.changes.map((c: { id: string }) => c.id)).toEqual([ticketId, ticketId]);
    expect(pull.sql.length, pull.sql.join('\n')).toBeLessThanOrEqual(BUDGET[dialect].pull);
  });
});
