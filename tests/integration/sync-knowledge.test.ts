import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { DIALECTS } from '../fixtures/hub-fixture';
import { startSyncHub, type SyncHub } from './sync/sync-hub';
import { rowsOf, wire, type Json } from './sync/wire';

/** Knowledge articles are numbered by the hub (KB0000001) as tickets are, once, for good. */
describe.each(DIALECTS)('knowledge article numbers (%s)', (dialect) => {
  let hub: SyncHub;
  let kit: ReturnType<typeof wire>;
  let token = '';
  const clientId = newId();
  let next = 0;
  const push = async (name: string, args: Json) => {
    next += 1;
    const res = await kit.post(
      'push',
      {
        protocol: 2,
        clientId,
        mutations: [
          { id: next, name, version: 1, args, hlc: kit.stamp(next), createdAt: hub.clock.now() },
        ],
      },
      token,
    );
    expect(res.json.results, JSON.stringify(res.json)).toEqual([{ id: next, status: 'applied' }]);
  };
  const articles = async () =>
    Object.fromEntries(
      (rowsOf((await kit.bootstrap(newId(), 2, token)).lines).article ?? []).map((a) => [
        a.title as string,
        a as Json,
      ]),
    );

  beforeEach(async () => {
    hub = await startSyncHub(dialect);
    kit = wire(hub);
    const queue = await hub.createQueue('Service Desk');
    await hub.createUser('lena', ['agent', 'lead'], [queue]);
    token = await kit.login('lena');
    next = 0;
  });
  afterEach(async () => {
    await hub.close();
  });

  it('gives each new article the next KB number and keeps it through edits and publishing', async () => {
    const vpn = newId();
    const printer = newId();
    const draft = { kind: 'howto', body: 'Steps', audience: 'internal' };
    await push('kb.create', { id: vpn, title: 'Reset the VPN client', ...draft });
    await push('kb.create', { id: printer, title: 'Clear a printer jam', ...draft });
    let all = await articles();
    expect(all['Reset the VPN client']!.number).toBe('KB0000001');
    expect(all['Clear a printer jam']!.number).toBe('KB0000002');

    await push('kb.update', {
      articleId: vpn,
      fields: { body: 'New steps' },
      base: { body: all['Reset the VPN client']!.stamps.body.hlc },
    });
    await push('kb.publish', { articleId: vpn, to: 'published' });
    all = await articles();
    expect(all['Reset the VPN client']).toMatchObject({
      number: 'KB0000001',
      state: 'published',
      body: 'New steps',
    });
    expect(all['Clear a printer jam']!.number).toBe('KB0000002');
  });
});
