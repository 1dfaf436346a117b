import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, type Session } from '../../shared/api/accounts';
import { createHub, defaultAppConfig } from '../app';
import { createManualClock, type ManualClock } from '../clock';
import { verifyAudit } from '../audit/audit-log';
import {
  FAST_SCRYPT,
  openTestDatabase,
  silentLog,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { PairingCodes } from './pairing-codes';
import type { FastifyInstance } from 'fastify';

const ADMIN = {
  username: 'host.owner',
  password: 'correct horse battery',
  displayName: 'Hana Host',
};

let handle: TestDatabaseHandle;
let app: FastifyInstance;
let clock: ManualClock;
let pairing: PairingCodes;

beforeEach(async () => {
  handle = await openTestDatabase('sqlite');
  clock = createManualClock();
  pairing = new PairingCodes(clock, undefined, () => 'ABCD2345');
  app = createHub({
    db: handle.db,
    clock,
    log: silentLog(),
    config: defaultAppConfig({ scrypt: FAST_SCRYPT }),
    pairing,
  });
  await app.ready();
  const setup = await app.inject({ method: 'POST', url: `${API_PREFIX}/setup`, payload: ADMIN });
  expect(setup.statusCode).toBe(201);
});
afterEach(async () => {
  await app.close();
  await handle.cleanup();
});

const claim = (body: unknown, remoteAddress = '192.168.1.33') =>
  app.inject({
    method: 'POST',
    url: `${API_PREFIX}/pairing/claim`,
    payload: body as object,
    remoteAddress,
  });

describe('POST /api/v1/pairing/claim', () => {
  it('gives a device with the right code and password a normal session', async () => {
    pairing.issue();
    const res = await claim({
      code: 'abcd-2345',
      username: ADMIN.username,
      password: ADMIN.password,
      deviceName: "Ben's laptop",
    });
    expect(res.statusCode).toBe(200);
    const session = res.json<Session>();
    expect(session.user.username).toBe(ADMIN.username);
    const me = await app.inject({
      method: 'GET',
      url: `${API_PREFIX}/auth/me`,
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(pairing.current().state).toBe('used');
    const audit = await handle.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'device.paired')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]!.details))).toMatchObject({
      deviceName: "Ben's laptop",
      ip: '192.168.1.33',
    });
    expect((await verifyAudit(handle.db.kysely)).ok).toBe(true);
  });

  it('refuses a wrong code with PAIRING_CODE_INVALID and no session', async () => {
    pairing.issue();
    const res = await claim({
      code: 'WXYZ6789',
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: {
        code: 'PAIRING_CODE_INVALID',
        message: expect.stringContaining('Wrong pairing code'),
      },
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an expired code with PAIRING_CODE_EXPIRED', async () => {
    pairing.issue();
    clock.advance(10 * 60_000);
    const res = await claim({
      code: 'ABCD2345',
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({
      error: { code: 'PAIRING_CODE_EXPIRED', message: expect.stringContaining('expired') },
    });
  });

  it('keeps the code when only the password was wrong, and uses it up on success', async () => {
    pairing.issue();
    const wrong = await claim({
      code: 'ABCD2345',
      username: ADMIN.username,
      password: 'not the password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect(
      (await claim({ code: 'ABCD2345', username: ADMIN.username, password: ADMIN.password }))
        .statusCode,
    ).toBe(200);
    const again = await claim({
      code: 'ABCD2345',
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({
      error: { code: 'PAIRING_CODE_EXPIRED', message: expect.stringContaining('already used') },
    });
  });

  it('rate-limits guessing with RATE_LIMITED and Retry-After', async () => {
    pairing.issue();
    for (let n = 0; n < 5; n++) {
      expect((await claim({ code: 'ZZZZZZZZ', username: 'x', password: 'y' })).statusCode).toBe(
        403,
      );
    }
    const res = await claim({
      code: 'ABCD2345',
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('600');
  });

  it('names the field of a malformed claim', async () => {
    pairing.issue();
    const res = await claim({ code: 'AB', username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('code: code must have 8 characters');
    expect(res.json().error.message).toContain('username: username is required');
  });

  it('does not exist on a hub that is not a desktop host', async () => {
    const plain = createHub({
      db: handle.db,
      clock,
      log: silentLog(),
      config: defaultAppConfig({ scrypt: FAST_SCRYPT }),
    });
    await plain.ready();
    const res = await plain.inject({
      method: 'POST',
      url: `${API_PREFIX}/pairing/claim`,
      payload: { code: 'ABCD2345', username: 'a', password: 'b' },
    });
    expect(res.statusCode).toBe(404);
    await plain.close();
  });
});
