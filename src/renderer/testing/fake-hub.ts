import type { Queue, Role, User } from '../../shared/domain/accounts';
import type { QueueId, UserId } from '../../shared/ids';
import { SYNC_PREFIX } from '../../shared/sync/protocol';

/**
 * An in-memory stand-in for the hub's HTTP API, used as `fetch` in renderer
 * tests. It follows the contract of src/shared/api (status codes, error
 * bodies, cookie session) closely enough for screens to be exercised end to
 * end; the real hub is exercised by tests/e2e.
 */
export interface FakeHubRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Override = (req: FakeHubRequest) => Response | 'network-error' | undefined;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

export const hubError = (
  status: number,
  code: string,
  message: string,
  extra: { details?: unknown; headers?: Record<string, string> } = {},
) => json(status, { error: { code, message, details: extra.details } }, extra.headers);

let seq = 0;
export const fakeId = <T extends string>(): T => {
  seq += 1;
  return `0190a0b0-0000-7000-8000-${String(seq).padStart(12, '0')}` as T;
};

export interface FakeHub {
  fetch: typeof fetch;
  requests: FakeHubRequest[];
  users: (User & { password: string })[];
  queues: Queue[];
  /** Who the cookie session belongs to; null when signed out. */
  sessionUserId: UserId | null;
  needsSetup: boolean;
  canSetupHere: boolean;
  /** The next matching request gets this answer instead (first match wins, used once). */
  intercept(match: (req: FakeHubRequest) => boolean, answer: Override): void;
  addUser(u: { username: string; password: string; displayName: string; roles: Role[] }): User;
}

export const createFakeHub = (): FakeHub => {
  const overrides: { match: (r: FakeHubRequest) => boolean; answer: Override }[] = [];
  const hub: FakeHub = {
    requests: [],
    users: [],
    queues: [],
    sessionUserId: null,
    needsSetup: false,
    canSetupHere: false,
    intercept: (match, answer) => overrides.push({ match, answer }),
    addUser: (u) => {
      const user = {
        id: fakeId<UserId>(),
        username: u.username,
        displayName: u.displayName,
        email: null,
        roles: u.roles,
        disabled: false,
        queueIds: [] as QueueId[],
        password: u.password,
      };
      hub.users.push(user);
      return publicUser(user);
    },
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://hub.test');
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((v, k) => (headers[k.toLowerCase()] = v));
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      const req: FakeHubRequest = {
        method: init?.method ?? 'GET',
        path: url.pathname,
        headers,
        body,
        credentials: init?.credentials,
      };
      hub.requests.push(req);
      const i = overrides.findIndex((o) => o.match(req));
      if (i !== -1) {
        const answer = overrides.splice(i, 1)[0]!.answer(req);
        if (answer === 'network-error') throw new TypeError('Failed to fetch');
        if (answer) return answer;
      }
      // No sync service here: the screens meet it as a hub out of reach (offline,
      // edits kept), never as a bootstrap that would empty the local store a test
      // filled. A test that needs sync answers through intercept().
      if (url.pathname.startsWith(`${SYNC_PREFIX}/`)) throw new TypeError('Failed to fetch');
      return route(hub, req);
    },
  };
  return hub;
};

const publicUser = (u: User & { password?: string }): User => {
  const { password: _password, ...rest } = u;
  return rest;
};

const me = (hub: FakeHub) => hub.users.find((u) => u.id === hub.sessionUserId && !u.disabled);

const route = (hub: FakeHub, req: FakeHubRequest): Response => {
  const { method, path } = req;
  const b = (req.body ?? {}) as Record<string, unknown>;
  if (method !== 'GET' && req.headers['content-type'] !== 'application/json') {
    return hubError(415, 'BAD_REQUEST', 'Content-Type must be application/json');
  }
  if (method === 'GET' && path === '/health') {
    return json(200, { status: 'ok', version: '0.1.0', database: 'sqlite', schemaVersion: 2 });
  }
  if (path === '/api/v1/setup' && method === 'GET') {
    return json(200, { needsSetup: hub.needsSetup, canSetupHere: hub.canSetupHere });
  }
  if (path === '/api/v1/setup' && method === 'POST') {
    const user = hub.addUser({
      username: String(b.username),
      password: String(b.password),
      displayName: String(b.displayName),
      roles: ['admin'],
    });
    hub.needsSetup = false;
    return json(201, { user });
  }
  if (path === '/api/v1/auth/login' && method === 'POST') {
    const user = hub.users.find((u) => u.username === b.username && u.password === b.password);
    if (!user || user.disabled) {
      return hubError(401, 'INVALID_CREDENTIALS', 'Wrong username or password.');
    }
    hub.sessionUserId = user.id;
    return json(200, {
      token: 'secret-token-123',
      expiresAt: 4102444800000,
      user: publicUser(user),
    });
  }
  if (path === '/api/v1/auth/logout' && method === 'POST') {
    hub.sessionUserId = null;
    return json(204, null);
  }
  const current = me(hub);
  if (!current) return hubError(401, 'UNAUTHENTICATED', 'Sign in first.');
  if (path === '/api/v1/auth/me') {
    return json(200, { user: publicUser(current), expiresAt: 4102444800000 });
  }
  if (path === '/api/v1/queues' && method === 'GET') return json(200, { queues: hub.queues });
  if (path.startsWith('/api/v1/admin/') && !current.roles.includes('admin')) {
    return hubError(403, 'FORBIDDEN', 'Only administrators may do this.');
  }
  if (path === '/api/v1/admin/users' && method === 'GET') {
    return json(200, { users: hub.users.map(publicUser) });
  }
  if (path === '/api/v1/admin/users' && method === 'POST') {
    if (hub.users.some((u) => u.username === b.username)) {
      return hubError(409, 'CONFLICT', `username '${String(b.username)}' is already taken`);
    }
    const user = { ...(b as unknown as User), id: fakeId<UserId>(), disabled: false };
    hub.users.push({ ...user, password: String(b.password) });
    return json(201, { user: publicUser(user) });
  }
  const userMatch = /^\/api\/v1\/admin\/users\/(.+)$/.exec(path);
  if (userMatch && method === 'PATCH') {
    const user = hub.users.find((u) => u.id === userMatch[1]);
    if (!user) return hubError(404, 'NOT_FOUND', 'No such user');
    Object.assign(user, b);
    return json(200, { user: publicUser(user) });
  }
  if (path === '/api/v1/admin/queues' && method === 'GET') return json(200, { queues: hub.queues });
  if (path === '/api/v1/admin/queues' && method === 'POST') {
    if (hub.queues.some((q) => q.name.toLowerCase() === String(b.name).toLowerCase())) {
      return hubError(409, 'CONFLICT', `name '${String(b.name)}' is already used by another queue`);
    }
    const queue: Queue = {
      id: fakeId<QueueId>(),
      name: String(b.name).trim(),
      description: String(b.description ?? ''),
      disabled: false,
    };
    hub.queues.push(queue);
    return json(201, { queue });
  }
  const queueMatch = /^\/api\/v1\/admin\/queues\/(.+)$/.exec(path);
  if (queueMatch && method === 'PATCH') {
    const queue = hub.queues.find((q) => q.id === queueMatch[1]);
    if (!queue) return hubError(404, 'NOT_FOUND', 'No such queue');
    const clash = hub.queues.find(
      (q) => q.id !== queue.id && q.name.toLowerCase() === String(b.name ?? '').toLowerCase(),
    );
    if (clash) {
      return hubError(409, 'CONFLICT', `name '${String(b.name)}' is already used by another queue`);
    }
    Object.assign(queue, b);
    return json(200, { queue });
  }
  return hubError(404, 'NOT_FOUND', `No such endpoint: ${method} ${path}`);
};
