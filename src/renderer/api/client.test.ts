import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createAccountsApi } from './accounts';
import { createApiClient } from './client';
import { describeApiError, isSessionLost } from './errors';

const respond =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

const schema = z.object({ n: z.number() });

describe('createApiClient', () => {
  it('prefixes the base, sends JSON with the cookie, and parses the answer', async () => {
    const fetch = vi.fn(respond(200, { n: 1, extra: true }));
    const client = createApiClient({ base: '/hub', fetch });
    const r = await client.request('POST', '/api/v1/x', { body: { a: 1 }, schema });
    expect(r).toEqual({ ok: true, value: { n: 1 } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/hub/api/v1/x');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });

  it('sends an empty JSON object on body-less state changes (the hub requires the type)', async () => {
    const fetch = vi.fn(respond(204, ''));
    const client = createApiClient({ base: '', fetch });
    const r = await client.request('POST', '/api/v1/auth/logout', { schema: z.unknown() });
    expect(r.ok).toBe(true);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe('{}');
  });

  it("turns the hub's error body into a typed error carrying its message", async () => {
    const client = createApiClient({
      base: '',
      fetch: respond(400, {
        error: { code: 'VALIDATION', message: 'username must have at least 2 characters' },
      }),
    });
    const r = await client.request('POST', '/x', { schema });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      kind: 'hub',
      status: 400,
      code: 'VALIDATION',
      message: 'username must have at least 2 characters',
    });
  });

  it('reads the wait time of a rate limit from Retry-After', async () => {
    const client = createApiClient({
      base: '',
      fetch: respond(
        429,
        { error: { code: 'RATE_LIMITED', message: 'Too many attempts' } },
        { 'retry-after': '30' },
      ),
    });
    const r = await client.request('POST', '/x', { schema });
    if (r.ok) throw new Error('expected failure');
    expect(r.error.kind === 'hub' && r.error.retryAfterSeconds).toBe(30);
    expect(describeApiError(r.error)).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('reports a network failure as unreachable, distinct from hub errors', async () => {
    const client = createApiClient({
      base: '',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const r = await client.request('GET', '/x', { schema });
    if (r.ok) throw new Error('expected failure');
    expect(r.error.kind).toBe('unreachable');
    expect(r.error.message).toMatch(/cannot reach the hub/);
  });

  it('treats gateway errors and the desktop proxy HUB_UNREACHABLE as unreachable', async () => {
    const gateway = createApiClient({ base: '', fetch: respond(502, '<html>Bad gateway</html>') });
    const r1 = await gateway.request('GET', '/x', { schema });
    expect(!r1.ok && r1.error.kind).toBe('unreachable');

    const proxy = createApiClient({
      base: '/hub',
      fetch: respond(502, {
        error: { code: 'HUB_UNREACHABLE', message: 'The hub at https://h:7410 did not answer.' },
      }),
    });
    const r2 = await proxy.request('GET', '/x', { schema });
    expect(!r2.ok && r2.error).toEqual({
      kind: 'unreachable',
      message: 'The hub at https://h:7410 did not answer.',
    });
  });

  it('flags answers it cannot read instead of passing them on', async () => {
    const bad = createApiClient({ base: '', fetch: respond(200, { n: 'one' }) });
    const r1 = await bad.request('GET', '/x', { schema });
    expect(!r1.ok && r1.error.kind).toBe('invalid-response');

    const html = createApiClient({ base: '', fetch: respond(500, 'Internal oops') });
    const r2 = await html.request('GET', '/x', { schema });
    expect(!r2.ok && r2.error).toMatchObject({ kind: 'invalid-response', status: 500 });
  });

  it('reports a lost session only for calls that needed one', async () => {
    const onSessionLost = vi.fn();
    const client = createApiClient({
      base: '',
      fetch: respond(401, { error: { code: 'SESSION_EXPIRED', message: 'Session expired' } }),
      onSessionLost,
    });
    const r = await client.request('GET', '/api/v1/admin/users', { schema });
    expect(!r.ok && isSessionLost(r.error)).toBe(true);
    expect(onSessionLost).toHaveBeenCalledTimes(1);
    await client.request('POST', '/api/v1/auth/login', { schema, needsSession: false });
    expect(onSessionLost).toHaveBeenCalledTimes(1);
  });
});

describe('accounts api', () => {
  it('drops the token from the sign-in answer', async () => {
    const user = {
      id: '0190a0b0-0000-7000-8000-000000000001',
      username: 'ana',
      displayName: 'Ana',
      email: null,
      roles: ['agent'],
      disabled: false,
      queueIds: [],
    };
    const api = createAccountsApi(
      createApiClient({
        base: '',
        fetch: respond(200, { token: 'tok-secret', expiresAt: 1, user }),
      }),
    );
    const r = await api.login({ username: 'ana', password: 'pw' });
    expect(r.ok && r.value).toEqual({ expiresAt: 1, user });
    expect(JSON.stringify(r)).not.toContain('tok-secret');
  });
});
