import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../shared/api/errors';
import { healthSchema } from '../shared/api/accounts';
import { ADMIN, DIALECTS, startTestHub, type TestHub } from '../../tests/fixtures/hub-fixture';
import { CONTENT_SECURITY_POLICY } from './http/security-headers';
import { latestSchemaVersion } from './storage/migrate';

const pkgVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const expectSecurityHeaders = (headers: Record<string, unknown>) => {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
};

describe.each(DIALECTS)('hub HTTP behaviour on %s', (dialect) => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  it('reports health without authentication', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(healthSchema.parse(res.json())).toEqual({
      status: 'ok',
      version: pkgVersion,
      database: dialect,
      schemaVersion: latestSchemaVersion(),
    });
    expectSecurityHeaders(res.headers);
  });

  it('names the position of a JSON syntax error', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "ana", "password": }',
    });
    expect(res.statusCode).toBe(400);
    const body = apiErrorSchema.parse(res.json());
    expect(body.error.code).toBe('INVALID_JSON');
    expect(body.error.message).toBe(
      'The request body is not valid JSON: unexpected "}" at line 1, column 33 (position 32)',
    );
  });

  it('refuses an empty JSON body and prototype-poisoning keys', async () => {
    hub = await startTestHub(dialect);
    const empty = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.json().error.code).toBe('INVALID_JSON');
    expect(empty.json().error.message).toContain('empty');
    const poisoned = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"a","password":"b","__proto__":{"admin":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.message).toContain('__proto__');
  });

  it('refuses bodies over 1 MiB with a JSON 413', async () => {
    hub = await startTestHub(dialect);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than the limit of 1 MiB',
      },
    });
    expectSecurityHeaders(res.headers);
  });

  it('answers unknown API routes with a JSON 404, even for browsers', async () => {
    hub = await startTestHub(dialect);
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await hub.app.inject({
        method,
        url: '/api/v1/tickets?x=1',
        headers: { accept: 'text/html' },
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toEqual({
        error: { code: 'NOT_FOUND', message: `No such endpoint: ${method} /api/v1/tickets` },
      });
    }
  });

  it('logs one line per request, without its credentials', async () => {
    hub = await startTestHub(dialect);
    await hub.app.close();
    const { createHub, defaultAppConfig } = await import('./app');
    const { createManualClock } = await import('./clock');
    const { default: pino } = await import('pino');
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    const app = createHub({
      db: hub.db,
      clock: createManualClock(),
      log,
      config: defaultAppConfig(),
    });
    await app.inject({ method: 'GET', url: '/health' });
    await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer not-a-real-token-1234' },
    });
    // Fastify's own "incoming request" line is gone; a refusal adds its reason.
    expect(lines.map((l) => l.msg)).toEqual([
      'request completed',
      'This session is not valid (signed out or revoked); sign in again',
      'request completed',
    ]);
    const requests = lines.filter((l) => l.msg === 'request completed');
    expect(requests).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        method: 'GET',
        url: '/health',
        status: 200,
      }),
      expect.objectContaining({ method: 'GET', url: '/api/v1/auth/me', status: 401 }),
    ]);
    expect(typeof requests[0]!.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('not-a-real-token');
    await app.close();
  });

  it('hides internal errors behind a 500 INTERNAL without a stack trace', async () => {
    hub = await startTestHub(dialect);
    await hub.app.close();
    // A fresh instance so a test-only route can be added before ready().
    const { createHub, defaultAppConfig } = await import('./app');
    const { createManualClock } = await import('./clock');
    const { silentLog } = await import('../../tests/fixtures/hub-fixture');
    const app = createHub({
      db: hub.db,
      clock: createManualClock(),
      log: silentLog(),
      config: defaultAppConfig(),
    });
    app.get('/api/v1/explode', async () => {
      throw new Error('secret connection string postgres://u:pw@db');
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/explode' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Internal error: the hub could not complete this request',
      },
    });
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('at ');
    await app.close();
  });
});

describe('web root', () => {
  let hub: TestHub | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await hub?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    hub = undefined;
    dir = undefined;
  });

  const builtRenderer = async () => {
    dir = await mkdtemp(join(tmpdir(), 'outpost-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><title>Outpost</title><div id="root"></div>',
    );
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    return dir;
  };

  it('tells the user to build the renderer when it is missing', async () => {
    hub = await startTestHub('sqlite', { config: { webRoot: '/nonexistent/outpost/renderer' } });
    const res = await hub.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('npm run build');
    expectSecurityHeaders(res.headers);
  });

  it('serves the built app, falls back to index.html for deep links and caches assets forever', async () => {
    hub = await startTestHub('sqlite', { config: { webRoot: await builtRenderer() } });
    const index = await hub.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Outpost</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(index.headers);

    const deep = await hub.app.inject({
      method: 'GET',
      url: '/tickets/INC0000042',
      headers: { accept: 'text/html,*/*' },
    });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Outpost</title>');
    expect(deep.headers['cache-control']).toBe('no-cache');

    const asset = await hub.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(asset.headers);

    const missingAsset = await hub.app.inject({
      method: 'GET',
      url: '/assets/gone.js',
      headers: { accept: '*/*' },
    });
    expect(missingAsset.statusCode).toBe(404);
    const traversal = await hub.app.inject({
      method: 'GET',
      url: '/assets/..%2f..%2fetc%2fpasswd',
    });
    expect(traversal.body).not.toContain('root:');
    const api = await hub.app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { accept: 'text/html' },
    });
    expect(api.json().error.code).toBe('NOT_FOUND');
  });
});

describe('over real HTTP', () => {
  let hub: TestHub | undefined;
  afterEach(async () => hub?.close());

  it('signs in on 127.0.0.1 and uses the session cookie like a browser', async () => {
    hub = await startTestHub('sqlite');
    await hub.setupAdmin();
    const base = await hub.app.listen({ port: 0, host: '127.0.0.1' });
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^outpost_session=/);

    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(
      ADMIN.username,
    );

    const queue = await fetch(`${base}/api/v1/admin/queues`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: 'Network' }),
    });
    expect(queue.status).toBe(201);
    const crossSite = await fetch(`${base}/api/v1/admin/queues`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ name: 'Evil' }),
    });
    expect(crossSite.status).toBe(403);

    const logout = await fetch(`${base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: base },
      body: '{}',
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });
});
