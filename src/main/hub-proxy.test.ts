import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubProxy, TOKEN_STORAGE_HEADER, type Fetch } from './hub-proxy';
import { createMemoryLog } from './log';
import { fakeSafeStorage } from './testing/fakes';
import { createTokenStore, type SafeStorageLike, type TokenStore } from './token-store';

const HUB = 'https://hub.example.org:7410';
const USER = {
  id: '01936b7e-8f00-7000-8000-000000000001',
  username: 'ana',
  displayName: 'Ana Lima',
  email: null,
  roles: ['agent'],
  disabled: false,
  queueIds: [],
};
const LOGIN_BODY = { token: 'secret-session-token', expiresAt: 1_900_000_000_000, user: USER };

interface Call {
  url: string;
  init: RequestInit;
}

let dir: string;
let tokens: TokenStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-hub-proxy-'));
  tokens = newTokens();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const newTokens = (safeStorage: SafeStorageLike = fakeSafeStorage()) =>
  createTokenStore({
    file: join(dir, 'hub-tokens.json'),
    safeStorage,
    now: () => 1_800_000_000_000,
    log: createMemoryLog(),
  });

const proxy = (
  answer: (call: Call) => Response | Promise<Response>,
  hubUrl: string | null = HUB,
) => {
  const calls: Call[] = [];
  const fetch: Fetch = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return answer(call);
  };
  const log = createMemoryLog();
  return { calls, log, handle: createHubProxy({ fetch, hubUrl: () => hubUrl, tokens, log }) };
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const login = (handle: (r: Request) => Promise<Response>) =>
  handle(
    new Request('app://outpost/hub/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: 'correct horse battery' }),
    }),
  );

const headersOf = (call: Call) => new Headers(call.init.headers);

describe('hub proxy', () => {
  it('forwards to the configured hub, keeping path, query, method and body', async () => {
    const { calls, handle } = proxy(() => json({ ok: true }));
    const response = await handle(
      new Request('app://outpost/hub/sync/v1/push?client=abc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'r1' },
        body: '{"mutations":[]}',
      }),
    );
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://hub.example.org:7410/sync/v1/push?client=abc');
    expect(calls[0]!.init.method).toBe('POST');
    expect(Buffer.from(calls[0]!.init.body as ArrayBuffer).toString()).toBe('{"mutations":[]}');
    expect(headersOf(calls[0]!).get('x-request-id')).toBe('r1');
    expect(calls[0]!.init.redirect).toBe('manual');
  });

  it('cannot be steered to another host by the path', async () => {
    await tokens.save(HUB, 'tok', 1_900_000_000_000);
    const { calls, handle } = proxy(() => json({}));
    await handle(new Request('app://outpost/hub//evil.example/steal'));
    await handle(new Request('app://outpost/hub/@evil.example/steal'));
    expect(calls.map((c) => new URL(c.url).origin)).toEqual([HUB, HUB]);
  });

  it('keeps a path prefix in the hub URL', async () => {
    const { calls, handle } = proxy(() => json({}), 'https://intranet.example.org/outpost/');
    await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(calls[0]!.url).toBe('https://intranet.example.org/outpost/api/v1/me');
  });

  it('signs in: stores the token encrypted, strips it from the body, sends it afterwards', async () => {
    const { calls, handle } = proxy((call) =>
      call.url.endsWith('/auth/login')
        ? json(LOGIN_BODY, 200, { 'set-cookie': 'outpost_session=abc; HttpOnly' })
        : json({ user: USER, expiresAt: LOGIN_BODY.expiresAt }),
    );
    const response = await login(handle);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('secret-session-token');
    expect(JSON.parse(text)).toEqual({ expiresAt: LOGIN_BODY.expiresAt, user: USER });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get(TOKEN_STORAGE_HEADER)).toBe('persisted');
    // The login itself carried no token.
    expect(headersOf(calls[0]!).get('authorization')).toBeNull();

    await expect(newTokens().load(HUB)).resolves.toBe('secret-session-token');
    expect(await readFile(join(dir, 'hub-tokens.json'), 'utf8')).not.toContain(
      'secret-session-token',
    );

    await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(headersOf(calls[1]!).get('authorization')).toBe('Bearer secret-session-token');
  });

  it('uses a token stored in an earlier run', async () => {
    await tokens.save(HUB, 'from-last-week', 1_900_000_000_000);
    const { calls, handle } = proxy(() => json({}));
    await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(headersOf(calls[0]!).get('authorization')).toBe('Bearer from-last-week');
  });

  it('keeps tokens per hub: another hub never receives this one', async () => {
    await tokens.save(HUB, 'token-for-hub-a', 1_900_000_000_000);
    const { calls, handle } = proxy(() => json({}), 'https://hub-b.example.org');
    await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(headersOf(calls[0]!).get('authorization')).toBeNull();
  });

  it('never forwards credentials or cookies the page tries to set itself', async () => {
    const { calls, handle } = proxy(() => json({}));
    await handle(
      new Request('app://outpost/hub/api/v1/me', {
        headers: { authorization: 'Bearer forged', cookie: 'outpost_session=forged' },
      }),
    );
    expect(headersOf(calls[0]!).get('authorization')).toBeNull();
    expect(headersOf(calls[0]!).get('cookie')).toBeNull();
  });

  it('keeps the sign-in for the session when secure storage is unavailable, and says so', async () => {
    tokens = newTokens(fakeSafeStorage({ available: false }));
    const { calls, handle } = proxy((call) =>
      call.url.endsWith('/auth/login') ? json(LOGIN_BODY) : json({}),
    );
    const response = await login(handle);
    expect(response.headers.get(TOKEN_STORAGE_HEADER)).toBe('session-only');
    await expect(readFile(join(dir, 'hub-tokens.json'))).rejects.toThrow(/ENOENT/);
    await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(headersOf(calls[1]!).get('authorization')).toBe('Bearer secret-session-token');
  });

  it('passes a failed sign-in through untouched and stores nothing', async () => {
    const failure = {
      error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password' },
    };
    const { handle } = proxy(() => json(failure, 401));
    const response = await login(handle);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(failure);
    await expect(tokens.load(HUB)).resolves.toBeNull();
  });

  it('answers a sign-in reply it cannot read with HUB_BAD_RESPONSE', async () => {
    const { handle } = proxy(() => new Response('<html>proxy login page</html>', { status: 200 }));
    const response = await login(handle);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 'HUB_BAD_RESPONSE' } });
  });

  it('signs out: forwards with the token, then forgets it', async () => {
    const { calls, handle } = proxy((call) =>
      call.url.endsWith('/auth/login') ? json(LOGIN_BODY) : new Response(null, { status: 204 }),
    );
    await login(handle);
    const response = await handle(
      new Request('app://outpost/hub/api/v1/auth/logout', { method: 'POST' }),
    );
    expect(response.status).toBe(204);
    expect(headersOf(calls[1]!).get('authorization')).toBe('Bearer secret-session-token');
    await expect(newTokens().load(HUB)).resolves.toBeNull();
    await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(headersOf(calls[2]!).get('authorization')).toBeNull();
  });

  it('signs out locally even when the hub cannot be reached', async () => {
    await tokens.save(HUB, 'tok', 1_900_000_000_000);
    const { handle } = proxy(() => {
      throw new TypeError('net::ERR_INTERNET_DISCONNECTED');
    });
    const response = await handle(
      new Request('app://outpost/hub/api/v1/auth/logout', { method: 'POST' }),
    );
    expect(response.status).toBe(502);
    await expect(tokens.load(HUB)).resolves.toBeNull();
  });

  it('stops sending a token the hub rejected with 401', async () => {
    await tokens.save(HUB, 'revoked', 1_900_000_000_000);
    const { handle } = proxy(() =>
      json({ error: { code: 'SESSION_EXPIRED', message: 'Session expired' } }, 401),
    );
    const response = await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'SESSION_EXPIRED' } });
    await expect(tokens.load(HUB)).resolves.toBeNull();
  });

  it('returns a clear 502 JSON error when the hub is unreachable', async () => {
    const { handle, log } = proxy(() => {
      throw new TypeError('net::ERR_CONNECTION_REFUSED');
    });
    const response = await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      error: {
        code: 'HUB_UNREACHABLE',
        message:
          'Could not reach the hub at https://hub.example.org:7410: net::ERR_CONNECTION_REFUSED',
      },
    });
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'hub unreachable' }),
    );
  });

  it('says so when no hub is configured yet', async () => {
    const { calls, handle } = proxy(() => json({}), null);
    const response = await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'HUB_NOT_CONFIGURED' } });
    expect(calls).toEqual([]);
  });

  it('does not follow redirects (the token would follow them) and explains', async () => {
    const { handle } = proxy(
      () =>
        new Response(null, {
          status: 301,
          headers: { location: 'https://new.example.org/api/v1/me' },
        }),
    );
    const response = await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('HUB_BAD_RESPONSE');
    expect(body.error.message).toContain('https://new.example.org/api/v1/me');
  });

  it('passes 304 and HEAD through without a body', async () => {
    const { handle } = proxy(() => new Response(null, { status: 304, headers: { etag: '"v1"' } }));
    const response = await handle(new Request('app://outpost/hub/api/v1/me'));
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"v1"');
    const head = proxy(() => json({ big: 'body' }));
    const headResponse = await head.handle(
      new Request('app://outpost/hub/api/v1/health', { method: 'HEAD' }),
    );
    expect(headResponse.status).toBe(200);
    expect(await headResponse.text()).toBe('');
  });
});

describe('hub proxy streaming (real HTTP server on 127.0.0.1)', () => {
  let server: Server;
  let hubUrl: string;
  let finish: () => void = () => {};

  beforeEach(async () => {
    server = createServer((req, res) => {
      if (req.url === '/sync/v1/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(`event: poke\ndata: {"auth":"${req.headers.authorization ?? ''}"}\n\n`);
        // The second event is sent only when the test has read the first: the
        // proxy must deliver events as they come, not when the stream ends.
        finish = () => res.end('event: poke\ndata: {"n":2}\n\n');
        return;
      }
      if (req.url === '/sync/v1/bootstrap') {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write('{"type":"header","n":1}\n');
        finish = () => res.end('{"type":"end"}\n');
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const readFirstChunkThenRest = async (response: Response) => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    finish();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += decoder.decode(r.value);
    return { first, rest };
  };

  it('streams server-sent events through, with the bearer token', async () => {
    await tokens.save(hubUrl, 'stream-token', 1_900_000_000_000);
    const handle = createHubProxy({
      fetch: (u, i) => fetch(u, i),
      hubUrl: () => hubUrl,
      tokens,
      log: createMemoryLog(),
    });
    const response = await handle(
      new Request('app://outpost/hub/sync/v1/events', { headers: { accept: 'text/event-stream' } }),
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const { first, rest } = await readFirstChunkThenRest(response);
    expect(first).toBe('event: poke\ndata: {"auth":"Bearer stream-token"}\n\n');
    expect(rest).toBe('event: poke\ndata: {"n":2}\n\n');
  });

  it('streams the NDJSON bootstrap line by line', async () => {
    const handle = createHubProxy({
      fetch: (u, i) => fetch(u, i),
      hubUrl: () => hubUrl,
      tokens,
      log: createMemoryLog(),
    });
    const response = await handle(new Request('app://outpost/hub/sync/v1/bootstrap'));
    const { first, rest } = await readFirstChunkThenRest(response);
    expect(first).toBe('{"type":"header","n":1}\n');
    expect(rest).toBe('{"type":"end"}\n');
  });
});

describe('hub proxy with a paired desktop host', () => {
  it('uses a session handed over by pairing for the next requests, and keeps it', async () => {
    const { calls, handle } = proxy(() => json({ ok: true }));
    await handle.adoptSession(HUB, 'paired-token', 1_900_000_000_000);
    await handle(new Request('app://outpost/hub/api/v1/auth/me'));
    expect(headersOf(calls[0]!).get('authorization')).toBe('Bearer paired-token');
    expect(await tokens.load(HUB)).toBe('paired-token');
  });

  it('says the certificate changed instead of "unreachable" when the pin refused it', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('net::ERR_FAILED');
    };
    const handle = createHubProxy({
      fetch,
      hubUrl: () => HUB,
      tokens,
      log: createMemoryLog(),
      explainFailure: (origin) =>
        origin === HUB
          ? {
              code: 'HUB_CERTIFICATE_MISMATCH',
              message: 'The hub presented a different certificate',
            }
          : null,
    });
    const res = await handle(new Request('app://outpost/hub/api/v1/auth/me'));
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: {
        code: 'HUB_CERTIFICATE_MISMATCH',
        message: 'The hub presented a different certificate',
      },
    });
  });
});
