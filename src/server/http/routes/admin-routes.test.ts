import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  startTestHub,
  warmPool,
  type TestHub,
} from '../../../../tests/fixtures/hub-fixture';
import { listAudit, verifyAudit } from '../../audit/audit-log';

const PW = 'a decent password';

describe.each(DIALECTS)('administration API on %s', (dialect) => {
  let hub: TestHub;
  let admin: string;
  afterEach(async () => hub?.close());

  const start = async () => {
    hub = await startTestHub(dialect);
    admin = (await hub.setupAdmin()).token;
  };
  const createQueue = async (name: string) => {
    const res = await hub.api('POST', '/admin/queues', { token: admin, body: { name } });
    expect(res.statusCode).toBe(201);
    return res.json().queue as { id: string; name: string };
  };
  const createUser = async (username: string, extra: Record<string, unknown> = {}) => {
    const res = await hub.api('POST', '/admin/users', {
      token: admin,
      body: { username, displayName: username, password: PW, roles: ['agent'], ...extra },
    });
    expect(res.statusCode).toBe(201);
    return res.json().user as { id: string; username: string; queueIds: string[] };
  };

  it('requires a signed-in admin', async () => {
    await start();
    await createUser('ana');
    const agent = await hub.login('ana', PW);
    expect((await hub.api('GET', '/admin/users')).statusCode).toBe(401);
    const forbidden = await hub.api('GET', '/admin/users', { token: agent });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toEqual({
      code: 'FORBIDDEN',
      message: 'This needs the admin role',
    });
    const create = await hub.api('POST', '/admin/queues', {
      token: agent,
      body: { name: 'Sneaky' },
    });
    expect(create.statusCode).toBe(403);
    expect((await hub.api('GET', '/queues', { token: agent })).json().queues).toEqual([]);
  });

  it('creates queues and users with memberships; any signed-in user can list both', async () => {
    await start();
    const network = await createQueue('Network');
    const desk = await createQueue('Service Desk');
    const ana = await createUser('Ana.Lopez', {
      queueIds: [desk.id, network.id],
      email: 'ana@example.org',
    });
    expect(ana.username).toBe('ana.lopez');
    expect([...ana.queueIds].sort()).toEqual([desk.id, network.id].sort());

    const agent = await hub.login('ana.lopez', PW);
    const queues = (await hub.api('GET', '/queues', { token: agent })).json().queues;
    expect(queues.map((q: { name: string }) => q.name)).toEqual(['Network', 'Service Desk']);
    const users = (await hub.api('GET', '/users', { token: agent })).json().users;
    expect(users.map((u: { username: string }) => u.username)).toEqual(['ana.lopez', 'root.admin']);
    for (const u of users) {
      expect(Object.keys(u).sort()).toEqual([
        'disabled',
        'displayName',
        'email',
        'id',
        'queueIds',
        'roles',
        'username',
      ]);
    }
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });

  it('refuses a duplicate username (any letter case) with a message naming it', async () => {
    await start();
    await createUser('ana');
    const res = await hub.api('POST', '/admin/users', {
      token: admin,
      body: { username: 'ANA', displayName: 'Other Ana', password: PW, roles: ['agent'] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      message: "The username 'ana' is already taken",
    });
  });

  it('refuses a duplicate queue name, ignoring case, on create and on rename', async () => {
    await start();
    await createQueue('Network');
    const dup = await hub.api('POST', '/admin/queues', {
      token: admin,
      body: { name: ' network ' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("A queue named 'network' already exists");
    const other = await createQueue('Desktop');
    const rename = await hub.api('PATCH', `/admin/queues/${other.id}`, {
      token: admin,
      body: { name: 'NETWORK' },
    });
    expect(rename.statusCode).toBe(409);
    const self = await hub.api('PATCH', `/admin/queues/${other.id}`, {
      token: admin,
      body: { name: 'desktop', description: 'PCs' },
    });
    expect(self.json().queue).toMatchObject({
      name: 'desktop',
      description: 'PCs',
      disabled: false,
    });
  });

  it('names the field on invalid input and refuses unknown queues and fields', async () => {
    await start();
    const bad = await hub.api('POST', '/admin/users', {
      token: admin,
      body: { username: 'x', displayName: '', password: PW, roles: ['wizard'] },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'roles[0]']));
    expect(bad.json().error.message).toContain(
      'roles[0]: role must be one of requester, agent, lead, change_manager, admin',
    );

    const ghostQueue = '0190f0a0-0000-7000-8000-00000000dead';
    const unknownQueue = await hub.api('POST', '/admin/users', {
      token: admin,
      body: {
        username: 'bob',
        displayName: 'Bob',
        password: PW,
        roles: ['agent'],
        queueIds: [ghostQueue],
      },
    });
    expect(unknownQueue.statusCode).toBe(400);
    expect(unknownQueue.json().error.message).toContain(`queueIds: unknown queue ${ghostQueue}`);

    const user = await createUser('carla');
    const extra = await hub.api('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { username: 'renamed' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toContain('username');
  });

  it('updates a user: profile, roles, memberships, and a password reset ends their sessions', async () => {
    await start();
    const q1 = await createQueue('Network');
    const q2 = await createQueue('Desktop');
    const user = await createUser('dave', { queueIds: [q1.id] });
    const daveToken = await hub.login('dave', PW);
    const res = await hub.api('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { displayName: 'Dave D.', roles: ['agent', 'lead'], queueIds: [q2.id], email: null },
    });
    expect(res.json().user).toMatchObject({
      displayName: 'Dave D.',
      roles: ['agent', 'lead'],
      queueIds: [q2.id],
    });
    const me = await hub.api('GET', '/auth/me', { token: daveToken });
    expect(me.json().user.roles).toEqual(['agent', 'lead']);

    const reset = await hub.api('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { password: 'reset by admin!' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await hub.api('GET', '/auth/me', { token: daveToken })).statusCode).toBe(401);
    await hub.login('dave', 'reset by admin!');
  });

  it('answers 404 for unknown or malformed ids', async () => {
    await start();
    const missing = await hub.api('PATCH', '/admin/users/0190f0a0-0000-7000-8000-000000000000', {
      token: admin,
      body: { displayName: 'X' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe(
      'No user with id 0190f0a0-0000-7000-8000-000000000000',
    );
    const malformed = await hub.api('PATCH', '/admin/queues/not-an-id', {
      token: admin,
      body: { name: 'X' },
    });
    expect(malformed.statusCode).toBe(404);
  });

  it('never lets the last enabled admin be disabled or lose the admin role', async () => {
    await start();
    const me = (await hub.api('GET', '/auth/me', { token: admin })).json().user;
    const disable = await hub.api('PATCH', `/admin/users/${me.id}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().error.message).toContain(
      "'root.admin' is the last enabled administrator",
    );
    const demote = await hub.api('PATCH', `/admin/users/${me.id}`, {
      token: admin,
      body: { roles: ['agent'] },
    });
    expect(demote.statusCode).toBe(409);

    // A second admin who is disabled does not count.
    const other = await createUser('eve', { roles: ['admin'] });
    await hub.api('PATCH', `/admin/users/${other.id}`, { token: admin, body: { disabled: true } });
    expect(
      (
        await hub.api('PATCH', `/admin/users/${me.id}`, {
          token: admin,
          body: { roles: ['agent'] },
        })
      ).statusCode,
    ).toBe(409);
    // Once another admin is enabled, the first may step down.
    await hub.api('PATCH', `/admin/users/${other.id}`, { token: admin, body: { disabled: false } });
    const ok = await hub.api('PATCH', `/admin/users/${me.id}`, {
      token: admin,
      body: { roles: ['agent'] },
    });
    expect(ok.statusCode).toBe(200);
    expect((await hub.api('GET', '/admin/users', { token: admin })).statusCode).toBe(403);
  });

  it('keeps one admin when two admins disable each other at the same moment', async () => {
    await start();
    const me = (await hub.api('GET', '/auth/me', { token: admin })).json().user;
    const other = await createUser('frank', { roles: ['admin'] });
    const frank = await hub.login('frank', PW);
    await warmPool(hub.db);
    const [a, b] = await Promise.all([
      hub.api('PATCH', `/admin/users/${other.id}`, { token: admin, body: { disabled: true } }),
      hub.api('PATCH', `/admin/users/${me.id}`, { token: frank, body: { disabled: true } }),
    ]);
    const codes = [a.statusCode, b.statusCode];
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    const users = (
      await hub.db.kysely.selectFrom('users').select(['disabled', 'roles']).execute()
    ).filter((u) => u.roles.includes('admin') && Number(u.disabled) === 0);
    expect(users).toHaveLength(1);
  });

  it('writes every admin change to the audit log, without password material', async () => {
    await start();
    const q = await createQueue('Network');
    const user = await createUser('gina', { queueIds: [q.id] });
    await hub.api('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { password: 'another password', roles: ['lead'] },
    });
    await hub.api('PATCH', `/admin/queues/${q.id}`, { token: admin, body: { disabled: true } });
    const actions = (await listAudit(hub.db.kysely, { limit: 10 })).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual([
      'queue.update',
      'user.update',
      'user.create',
      'queue.create',
    ]);
    const [queueUpdate, userUpdate] = await listAudit(hub.db.kysely, { limit: 2 });
    expect(queueUpdate!.details).toEqual({
      name: 'Network',
      changes: { disabled: { from: false, to: true } },
    });
    expect(userUpdate!.details).toEqual({
      username: 'gina',
      changes: { roles: { from: ['agent'], to: ['lead'] }, password: 'changed' },
    });
    const all = await hub.api('GET', '/admin/audit?limit=50', { token: admin });
    expect(JSON.stringify(all.json())).not.toMatch(/another password|scrypt\$/);
    expect(all.json().entries[0].seq).toBeGreaterThan(all.json().entries[1].seq);
    const verify = await hub.api('GET', '/admin/audit/verify', { token: admin });
    expect(verify.json()).toEqual(await verifyAudit(hub.db.kysely));
    expect(verify.json().ok).toBe(true);
  });

  it('rejects a bad audit paging query with the parameter named', async () => {
    await start();
    const res = await hub.api('GET', '/admin/audit?limit=5000', { token: admin });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^Invalid query string: limit:/);
  });
});
