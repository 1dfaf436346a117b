import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  DIALECTS,
  startTestHub,
  warmPool,
  type TestHub,
} from '../../../../tests/fixtures/hub-fixture';
import { listAudit } from '../../audit/audit-log';
import { countUsers } from '../../storage/users-repo';

describe.each(DIALECTS)('first-run set-up on %s', (dialect) => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  it('reports that set-up is needed, and possible only from this machine', async () => {
    hub = await startTestHub(dialect);
    const local = await hub.api('GET', '/setup', { remoteAddress: '127.0.0.1' });
    expect(local.json()).toEqual({ needsSetup: true, canSetupHere: true });
    const local6 = await hub.api('GET', '/setup', { remoteAddress: '::1' });
    expect(local6.json()).toEqual({ needsSetup: true, canSetupHere: true });
    const remote = await hub.api('GET', '/setup', { remoteAddress: '192.168.1.20' });
    expect(remote.json()).toEqual({ needsSetup: true, canSetupHere: false });
    const proxied = await hub.api('GET', '/setup', {
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.json()).toEqual({ needsSetup: true, canSetupHere: false });
  });

  it('refuses set-up from another machine and creates nothing', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.api('POST', '/setup', { body: ADMIN, remoteAddress: '10.0.0.5' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SETUP_LOCAL_ONLY');
    expect(res.json().error.message).toContain('hub machine');
    expect(await countUsers(hub.db.kysely)).toBe(0);
  });

  it('refuses set-up relayed by a local reverse proxy', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.api('POST', '/setup', {
      body: ADMIN,
      remoteAddress: '127.0.0.1',
      headers: { forwarded: 'for=203.0.113.9' },
    });
    expect(res.json().error.code).toBe('SETUP_LOCAL_ONLY');
    const viaProto = await hub.api('POST', '/setup', {
      body: ADMIN,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaProto.json().error.code).toBe('SETUP_LOCAL_ONLY');
  });

  it('refuses set-up from a DNS-rebinding page: local socket, matching Origin, foreign Host', async () => {
    hub = await startTestHub(dialect);
    for (const host of [
      'evil.example:7410',
      '127.0.0.1.evil.example',
      'localhost.evil.example:80',
    ]) {
      const headers = { host, origin: `http://${host}` };
      const status = await hub.api('GET', '/setup', { remoteAddress: '127.0.0.1', headers });
      expect(status.json()).toEqual({ needsSetup: true, canSetupHere: false });
      const res = await hub.api('POST', '/setup', {
        body: ADMIN,
        remoteAddress: '127.0.0.1',
        headers,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('SETUP_LOCAL_ONLY');
      expect(res.json().error.message).toContain('loopback address');
    }
    expect(await countUsers(hub.db.kysely)).toBe(0);
  });

  it.each(['127.0.0.1:7410', '[::1]:7410', 'localhost', 'LocalHost:8080', '127.0.0.1'])(
    'allows set-up when the page was opened as http://%s on the hub machine',
    async (host) => {
      hub = await startTestHub(dialect);
      const headers = { host, origin: `http://${host}` };
      const status = await hub.api('GET', '/setup', { remoteAddress: '127.0.0.1', headers });
      expect(status.json()).toEqual({ needsSetup: true, canSetupHere: true });
      const res = await hub.api('POST', '/setup', { body: ADMIN, remoteAddress: '::1', headers });
      expect(res.statusCode).toBe(201);
      expect(await countUsers(hub.db.kysely)).toBe(1);
    },
  );

  it('creates the first admin from loopback, signs them in, then refuses a second set-up', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.api('POST', '/setup', {
      body: { ...ADMIN, username: 'Root.Admin' },
      remoteAddress: '127.0.0.1',
    });
    expect(res.statusCode).toBe(201);
    const session = res.json();
    expect(session.user).toMatchObject({
      username: 'root.admin',
      roles: ['admin'],
      disabled: false,
    });
    expect(res.headers['set-cookie']).toContain('outpost_session=');
    const me = await hub.api('GET', '/auth/me', { token: session.token });
    expect(me.json().user.id).toBe(session.user.id);

    expect((await hub.api('GET', '/setup')).json()).toEqual({
      needsSetup: false,
      canSetupHere: false,
    });
    const again = await hub.api('POST', '/setup', { body: { ...ADMIN, username: 'intruder' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_DONE');
    expect(await countUsers(hub.db.kysely)).toBe(1);

    const [entry] = await listAudit(hub.db.kysely, { limit: 1 });
    expect(entry).toMatchObject({
      action: 'setup.complete',
      details: { username: 'root.admin', via: 'setup' },
    });
  });

  it('lets exactly one of several simultaneous set-ups win', async () => {
    hub = await startTestHub(dialect);
    await warmPool(hub.db);
    const results = await Promise.all(
      ['first.one', 'second.one', 'third.one', 'fourth.one'].map((username) =>
        hub.api('POST', '/setup', { body: { ...ADMIN, username } }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409]);
    expect(await countUsers(hub.db.kysely)).toBe(1);
  });

  it('names the failing field when the set-up form is invalid', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.api('POST', '/setup', { body: { ...ADMIN, password: 'short' } });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('password: password must have at least 10 characters');
    expect(error.details).toEqual([
      { path: 'password', message: 'password must have at least 10 characters' },
    ]);
    expect(await countUsers(hub.db.kysely)).toBe(0);
  });
});
