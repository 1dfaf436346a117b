import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  DIALECTS,
  startTestHub,
  type TestHub,
} from '../../../../tests/fixtures/hub-fixture';
import { listAudit } from '../../audit/audit-log';
import { INVALID_CREDENTIALS_MESSAGE } from '../../auth/login';

const DAY = 86_400_000;
const cookieOf = (res: { headers: Record<string, unknown> }): string => {
  const raw = res.headers['set-cookie'];
  const line = Array.isArray(raw) ? String(raw[0]) : String(raw);
  return line.split(';')[0]!;
};

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  const agentPassword = 'agent password 1';
  /** An admin plus one agent; returns the admin token. */
  const withAgent = async () => {
    const admin = await hub.setupAdmin();
    const res = await hub.api('POST', '/admin/users', {
      token: admin.token,
      body: {
        username: 'ana',
        displayName: 'Ana Agent',
        password: agentPassword,
        roles: ['agent'],
      },
    });
    expect(res.statusCode).toBe(201);
    return { adminToken: admin.token, agentId: res.json().user.id as string };
  };

  it('signs in with a bearer token, an expiry 14 days out and a strict HttpOnly cookie', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    const res = await hub.api('POST', '/auth/login', {
      body: { username: 'ANA', password: agentPassword },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[\w-]{43}$/);
    expect(body.expiresAt).toBe(hub.clock.now() + 14 * DAY);
    expect(body.user).toMatchObject({
      username: 'ana',
      displayName: 'Ana Agent',
      roles: ['agent'],
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`outpost_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);

    const viaBearer = await hub.api('GET', '/auth/me', { token: body.token });
    expect(viaBearer.json()).toEqual({ user: body.user, expiresAt: body.expiresAt });
    const viaCookie = await hub.api('GET', '/auth/me', { headers: { cookie: cookieOf(res) } });
    expect(viaCookie.json().user.id).toBe(body.user.id);
  });

  it('marks the cookie Secure when the request came over https (behind a trusted proxy)', async () => {
    hub = await startTestHub(dialect, { config: { trustProxy: true } });
    await hub.setupAdmin();
    const login = await hub.api('POST', '/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('gives the same answer for an unknown user and for a wrong password', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    const wrongPassword = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: 'not the password' },
    });
    const unknownUser = await hub.api('POST', '/auth/login', {
      body: { username: 'nobody', password: agentPassword },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.body).toBe(unknownUser.body);
    expect(wrongPassword.json()).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: INVALID_CREDENTIALS_MESSAGE },
    });
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();

    const audit = await listAudit(hub.db.kysely, { limit: 2 });
    expect(audit.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login_failed']);
    expect(audit[0]!.details).toMatchObject({ username: 'nobody', reason: 'unknown_user' });
    expect(audit[1]!.details).toMatchObject({ username: 'ana', reason: 'wrong_password' });
  });

  it('names the missing field when the login body is incomplete', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.api('POST', '/auth/login', { body: { username: 'ana' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION',
      message: 'Invalid request body: password: password is required',
    });
  });

  it('answers 401 UNAUTHENTICATED without a token or with an unknown one', async () => {
    hub = await startTestHub(dialect);
    const none = await hub.api('GET', '/auth/me');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
    const bogus = await hub.api('GET', '/auth/me', { token: 'x'.repeat(43) });
    expect(bogus.json().error.code).toBe('UNAUTHENTICATED');
    const badScheme = await hub.api('GET', '/auth/me', { headers: { authorization: 'Basic abc' } });
    expect(badScheme.json().error.message).toContain('Bearer');
  });

  it('expires an idle session after 14 days but keeps an active one alive (sliding expiry)', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    const idle = await hub.login('ana', agentPassword);
    const active = await hub.login('ana', agentPassword);
    for (let i = 0; i < 3; i++) {
      hub.clock.advance(10 * DAY);
      const res = await hub.api('GET', '/auth/me', { token: active });
      expect(res.statusCode).toBe(200);
      expect(res.json().expiresAt).toBe(hub.clock.now() + 14 * DAY);
    }
    const expired = await hub.api('GET', '/auth/me', { token: idle });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toEqual({
      code: 'SESSION_EXPIRED',
      message: 'Your session has expired; sign in again',
    });
    // Expired sessions nobody presents again are swept at the next sign-in.
    const idle2 = await hub.login('ana', agentPassword);
    hub.clock.advance(15 * DAY);
    await hub.login('ana', agentPassword);
    const rows = await hub.db.kysely.selectFrom('sessions').select('expires_at').execute();
    expect(rows.every((r) => Number(r.expires_at) > hub.clock.now())).toBe(true);
    expect((await hub.api('GET', '/auth/me', { token: idle2 })).json().error.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('treats a session exactly at its expiry as expired and clears an expired cookie', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    const login = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: agentPassword },
    });
    hub.clock.advance(14 * DAY);
    const res = await hub.api('GET', '/auth/me', { headers: { cookie: cookieOf(login) } });
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect(String(res.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('signs out: the token stops working and the cookie is cleared', async () => {
    hub = await startTestHub(dialect);
    const { token } = await hub.setupAdmin();
    const out = await hub.api('POST', '/auth/logout', { token });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('outpost_session=;');
    const me = await hub.api('GET', '/auth/me', { token });
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers requests that arrive together each with its own session, and none with a signed-out one', async () => {
    hub = await startTestHub(dialect);
    const { adminToken } = await withAgent();
    const ana = [await hub.login('ana', agentPassword), await hub.login('ana', agentPassword)];
    const gone = await hub.login('ana', agentPassword);
    await hub.api('POST', '/auth/logout', { token: gone });
    const tokens = [adminToken, ...ana, gone, 'not-a-token', adminToken, ana[0]!];
    // On PostgreSQL these sessions are looked up together in one statement.
    const answers = await Promise.all(tokens.map((token) => hub.api('GET', '/auth/me', { token })));
    expect(answers.map((a) => a.json().user?.username ?? a.json().error.code)).toEqual([
      ADMIN.username,
      'ana',
      'ana',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      ADMIN.username,
      'ana',
    ]);
  });

  it('rate-limits repeated failures per user, even for the right password, until the window passes', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    for (let i = 0; i < 5; i++) {
      const res = await hub.api('POST', '/auth/login', {
        body: { username: 'ana', password: `guess number ${i}` },
      });
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      hub.clock.advance(60_000);
    }
    const blocked = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: agentPassword },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    expect(blocked.json().error.message).toMatch(/try again in 10 minutes/);
    expect(blocked.headers['retry-after']).toBe(String(10 * 60));
    // Another address is not punished for this one's guesses.
    const elsewhere = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: agentPassword },
      remoteAddress: '10.1.1.1',
    });
    expect(elsewhere.statusCode).toBe(200);
    hub.clock.advance(10 * 60_000);
    expect(
      (await hub.api('POST', '/auth/login', { body: { username: 'ana', password: agentPassword } }))
        .statusCode,
    ).toBe(200);
  });

  it('rate-limits one address guessing across many usernames', async () => {
    hub = await startTestHub(dialect, {
      config: {
        loginLimits: {
          perUser: { maxFailures: 5, windowMs: 900_000 },
          perIp: { maxFailures: 8, windowMs: 900_000 },
        },
      },
    });
    await withAgent();
    for (let i = 0; i < 8; i++) {
      await hub.api('POST', '/auth/login', {
        body: { username: `user${i}`, password: 'whatever pw' },
        remoteAddress: '10.9.9.9',
      });
    }
    const res = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: agentPassword },
      remoteAddress: '10.9.9.9',
    });
    expect(res.statusCode).toBe(429);
  });

  it('refuses disabled users and revokes their sessions', async () => {
    hub = await startTestHub(dialect);
    const { adminToken, agentId } = await withAgent();
    const agentToken = await hub.login('ana', agentPassword);
    const patch = await hub.api('PATCH', `/admin/users/${agentId}`, {
      token: adminToken,
      body: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect((await hub.api('GET', '/auth/me', { token: agentToken })).statusCode).toBe(401);
    const login = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: agentPassword },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.message).toContain('disabled');
    const wrong = await hub.api('POST', '/auth/login', {
      body: { username: 'ana', password: 'wrong password' },
    });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('changes the own password: checks the current one, keeps this session, ends the others', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    const here = await hub.login('ana', agentPassword);
    const elsewhere = await hub.login('ana', agentPassword);
    const wrong = await hub.api('POST', '/auth/password', {
      token: here,
      body: { currentPassword: 'not it at all', newPassword: 'brand new password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('The current password is wrong');
    const weak = await hub.api('POST', '/auth/password', {
      token: here,
      body: { currentPassword: agentPassword, newPassword: 'short' },
    });
    expect(weak.json().error.message).toContain(
      'newPassword: password must have at least 10 characters',
    );
    const ok = await hub.api('POST', '/auth/password', {
      token: here,
      body: { currentPassword: agentPassword, newPassword: 'brand new password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await hub.api('GET', '/auth/me', { token: here })).statusCode).toBe(200);
    expect((await hub.api('GET', '/auth/me', { token: elsewhere })).statusCode).toBe(401);
    expect(
      (await hub.api('POST', '/auth/login', { body: { username: 'ana', password: agentPassword } }))
        .statusCode,
    ).toBe(401);
    await hub.login('ana', 'brand new password');
  });

  it('writes successful sign-ins to the audit log', async () => {
    hub = await startTestHub(dialect);
    await withAgent();
    await hub.login('ana', agentPassword);
    const [entry] = await listAudit(hub.db.kysely, { limit: 1 });
    expect(entry).toMatchObject({ action: 'auth.login', details: { ip: '127.0.0.1' } });
  });
});

describe.each(DIALECTS)('CSRF protection on %s', (dialect) => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  const signInWithCookie = async () => {
    await hub.setupAdmin();
    const res = await hub.api('POST', '/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
    });
    return cookieOf(res);
  };
  const newQueue = { name: 'Network', description: '' };

  it('accepts a same-origin JSON request carrying the cookie', async () => {
    hub = await startTestHub(dialect);
    const cookie = await signInWithCookie();
    const res = await hub.api('POST', '/admin/queues', {
      body: newQueue,
      headers: {
        cookie,
        origin: 'http://localhost:80',
        host: 'localhost:80',
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a cookie request whose Origin is another site', async () => {
    hub = await startTestHub(dialect);
    const cookie = await signInWithCookie();
    const res = await hub.api('POST', '/admin/queues', {
      body: newQueue,
      headers: { cookie, origin: 'https://evil.example', host: 'hub.local:7410' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain(
      'Origin https://evil.example does not match http://hub.local:7410',
    );
    const list = await hub.api('GET', '/queues', { headers: { cookie } });
    expect(list.json().queues).toEqual([]);
  });

  it('refuses a cookie request marked cross-site by the browser', async () => {
    hub = await startTestHub(dialect);
    const cookie = await signInWithCookie();
    const res = await hub.api('POST', '/admin/queues', {
      body: newQueue,
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a state-changing cookie request that is not JSON', async () => {
    hub = await startTestHub(dialect);
    const cookie = await signInWithCookie();
    const bodiless = await hub.api('POST', '/auth/logout', { headers: { cookie } });
    expect(bodiless.statusCode).toBe(403);
    expect(bodiless.json().error.message).toContain('Content-Type: application/json');
    const form = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/admin/queues',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Network',
    });
    expect(form.statusCode).toBe(415);
    expect((await hub.api('GET', '/auth/me', { headers: { cookie } })).statusCode).toBe(200);
  });

  it('does not apply cookie rules to bearer clients (desktop and sync)', async () => {
    hub = await startTestHub(dialect);
    const { token } = await hub.setupAdmin();
    const res = await hub.api('POST', '/admin/queues', {
      token,
      body: newQueue,
      headers: { origin: 'app://outpost' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    hub = await startTestHub(dialect);
    await hub.setupAdmin();
    const res = await hub.api('POST', '/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
