import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestHub, type TestHub } from '../../tests/fixtures/hub-fixture';
import { createHubProxy, TOKEN_STORAGE_HEADER } from './hub-proxy';
import { createMemoryLog } from './log';
import { fakeSafeStorage } from './testing/fakes';
import { createTokenStore } from './token-store';

/**
 * The desktop proxy against the real hub on 127.0.0.1 (SQLite), with Node's
 * fetch standing in for net.fetch: the renderer's view of sign-in, an
 * authenticated call and sign-out, without the page ever seeing a token.
 */
let hub: TestHub;
let hubUrl: string;
let dir: string;

beforeEach(async () => {
  hub = await startTestHub('sqlite');
  await hub.setupAdmin();
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  hubUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'outpost-proxy-hub-'));
});
afterEach(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const proxy = () =>
  createHubProxy({
    fetch: (url, init) => fetch(url, init),
    hubUrl: () => hubUrl,
    tokens: createTokenStore({
      file: join(dir, 'hub-tokens.json'),
      safeStorage: fakeSafeStorage(),
      now: () => hub.clock.now(),
      log: createMemoryLog(),
    }),
    log: createMemoryLog(),
  });

const post = (path: string, body?: unknown) =>
  new Request(`app://outpost/hub/api/v1${path}`, {
    method: 'POST',
    headers: { origin: 'app://outpost' },
    ...(body === undefined
      ? {}
      : {
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', origin: 'app://outpost' },
        }),
  });

describe('hub proxy against the real hub', () => {
  it('signs in, calls an authenticated route and signs out without exposing the token', async () => {
    const handle = proxy();
    const anonymous = await handle(new Request('app://outpost/hub/api/v1/auth/me'));
    expect(anonymous.status).toBe(401);

    const login = await handle(
      post('/auth/login', { username: ADMIN.username, password: ADMIN.password }),
    );
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
    expect(login.headers.get(TOKEN_STORAGE_HEADER)).toBe('persisted');
    const body = (await login.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('token');
    expect(body).toMatchObject({ user: { username: ADMIN.username } });

    const me = await handle(new Request('app://outpost/hub/api/v1/auth/me'));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: ADMIN.username } });

    // A restarted app (new proxy, same token file) is still signed in.
    const afterRestart = await proxy()(new Request('app://outpost/hub/api/v1/auth/me'));
    expect(afterRestart.status).toBe(200);

    const logout = await handle(post('/auth/logout'));
    expect(logout.status).toBe(204);
    await expect(readFile(join(dir, 'hub-tokens.json'))).rejects.toThrow(/ENOENT/);
    expect((await handle(new Request('app://outpost/hub/api/v1/auth/me'))).status).toBe(401);
  });

  it('passes the hub’s own errors through for the sign-in screen', async () => {
    const response = await proxy()(
      post('/auth/login', { username: ADMIN.username, password: 'wrong password!' }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });
});
