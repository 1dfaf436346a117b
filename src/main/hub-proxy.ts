import { API_PREFIX, sessionSchema } from '../shared/api/accounts';
import type { ApiErrorCode } from '../shared/api/errors';
import type { Log } from './log';
import type { TokenStore } from './token-store';

/**
 * The renderer reaches the hub at `app://outpost/hub/...`; this forwards
 * those requests to the configured hub with Electron's `net.fetch` (so the
 * OS or enterprise proxy and its certificates apply) and adds the bearer
 * token, which therefore never enters the renderer. Login responses are
 * intercepted: the token is kept here and removed from the body.
 */
export const HUB_PATH = '/hub';
export const LOGIN_PATH = `${API_PREFIX}/auth/login`;
export const LOGOUT_PATH = `${API_PREFIX}/auth/logout`;
/** Tells the renderer whether the sign-in survives a restart ('persisted') or not ('session-only'). */
export const TOKEN_STORAGE_HEADER = 'x-outpost-token-storage';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface HubProxyDeps {
  fetch: Fetch;
  /** The effective hub URL, read on every request so a settings change applies at once. */
  hubUrl: () => string | null;
  tokens: TokenStore;
  log: Log;
  /**
   * Why a request to this origin failed, when the shell knows better than
   * the network error (a paired hub presenting another certificate).
   */
  explainFailure?: (origin: string) => { code: ApiErrorCode; message: string } | null;
}

export type HubProxy = ((request: Request) => Promise<Response>) & {
  /** Takes over a session made outside the proxy (pairing with a desktop host). */
  adoptSession(origin: string, token: string, expiresAt: number): Promise<void>;
};

// The renderer must not choose its own credentials or identity headers, and
// hop-by-hop headers describe the renderer's connection, not ours.
const DROPPED_REQUEST_HEADERS = new Set([
  'authorization',
  'cookie',
  'host',
  'origin',
  'referer',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

// Cookies would be a second credential store; net.fetch has already decoded
// the body, so the original encoding and length no longer describe it.
const DROPPED_RESPONSE_HEADERS = new Set([
  'set-cookie',
  'set-cookie2',
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export const jsonError = (status: number, code: ApiErrorCode, message: string): Response =>
  new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface Target {
  url: string;
  origin: string;
  /** Path below the hub base, without the query: what the hub routes on. */
  path: string;
}

const resolveTarget = (requestUrl: string, hubUrl: string): Target | null => {
  const incoming = new URL(requestUrl);
  if (incoming.pathname !== HUB_PATH && !incoming.pathname.startsWith(`${HUB_PATH}/`)) return null;
  const path = incoming.pathname.slice(HUB_PATH.length) || '/';
  const base = new URL(hubUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin + basePath + path + incoming.search);
  // Concatenating onto the origin cannot change the host, but check anyway:
  // the token must only ever go to the configured hub.
  if (url.origin !== base.origin) return null;
  return { url: url.href, origin: base.origin, path };
};

const forwardHeaders = (request: Request, token: string | null): Headers => {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!DROPPED_REQUEST_HEADERS.has(name) && !name.startsWith('sec-')) headers.set(name, value);
  });
  if (token) headers.set('authorization', `Bearer ${token}`);
  return headers;
};

const responseHeaders = (response: Response): Headers => {
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) headers.append(name, value);
  });
  return headers;
};

const isRedirect = (status: number): boolean =>
  status === 0 || (status >= 300 && status < 400 && status !== 304);

export const createHubProxy = ({
  fetch,
  hubUrl,
  tokens,
  log,
  explainFailure,
}: HubProxyDeps): HubProxy => {
  // Tokens of this run, per hub origin. It spares a decryption per request and
  // keeps the user signed in for the session when the OS offers no secure storage.
  const session = new Map<string, string>();

  const tokenFor = async (origin: string): Promise<string | null> => {
    const cached = session.get(origin);
    if (cached) return cached;
    const stored = await tokens.load(origin);
    if (stored) session.set(origin, stored);
    return stored;
  };

  const forget = async (origin: string): Promise<void> => {
    session.delete(origin);
    await tokens.clear(origin);
  };

  const interceptLogin = async (origin: string, response: Response): Promise<Response> => {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = sessionSchema.safeParse(body);
    if (!parsed.success || typeof body !== 'object' || body === null) {
      log.warn('hub login response not understood', { origin });
      return jsonError(
        502,
        'HUB_BAD_RESPONSE',
        `The hub at ${origin} sent a sign-in answer Outpost cannot read; is this an Outpost hub of a matching version?`,
      );
    }
    session.set(origin, parsed.data.token);
    const saved = await tokens.save(origin, parsed.data.token, parsed.data.expiresAt);
    const rest = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'token'));
    const headers = responseHeaders(response);
    headers.set('content-type', 'application/json; charset=utf-8');
    headers.set(TOKEN_STORAGE_HEADER, saved.ok ? 'persisted' : 'session-only');
    return new Response(JSON.stringify(rest), { status: response.status, headers });
  };

  const adoptSession = async (origin: string, token: string, expiresAt: number) => {
    session.set(origin, token);
    const saved = await tokens.save(origin, token, expiresAt);
    if (!saved.ok)
      log.warn('paired session kept for this run only', { origin, reason: saved.message });
  };

  const handle = async (request: Request): Promise<Response> => {
    const configured = hubUrl();
    if (!configured) {
      return jsonError(
        503,
        'HUB_NOT_CONFIGURED',
        'No hub address is set. Enter it in Settings to sign in and sync.',
      );
    }
    const target = resolveTarget(request.url, configured);
    if (!target) return jsonError(404, 'NOT_FOUND', 'Not a hub address');

    const method = request.method.toUpperCase();
    const isLogin = method === 'POST' && target.path === LOGIN_PATH;
    const isLogout = method === 'POST' && target.path === LOGOUT_PATH;
    const token = isLogin ? null : await tokenFor(target.origin);

    let response: Response;
    try {
      const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer();
      response = await fetch(target.url, {
        method,
        headers: forwardHeaders(request, token),
        body,
        redirect: 'manual',
        signal: request.signal,
      });
    } catch (e) {
      if (isLogout) await forget(target.origin);
      log.warn('hub unreachable', {
        origin: target.origin,
        path: target.path,
        reason: describe(e),
      });
      const explained = explainFailure?.(target.origin);
      if (explained) return jsonError(502, explained.code, explained.message);
      return jsonError(
        502,
        'HUB_UNREACHABLE',
        `Could not reach the hub at ${target.origin}: ${describe(e)}`,
      );
    }

    if (isLogout) await forget(target.origin);
    if (isRedirect(response.status)) {
      const location = response.headers.get('location');
      return jsonError(
        502,
        'HUB_BAD_RESPONSE',
        `The hub at ${target.origin} answered with a redirect${location ? ` to ${location}` : ''}; ` +
          'set the hub address in Settings to the address it redirects to.',
      );
    }
    if (isLogin && response.ok) return interceptLogin(target.origin, response);
    if (token && response.status === 401) {
      // The hub no longer accepts this token (expired or revoked): stop sending it.
      await forget(target.origin);
    }
    const nullBody = method === 'HEAD' || NULL_BODY_STATUSES.has(response.status);
    return new Response(nullBody ? null : response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: responseHeaders(response),
    });
  };

  return Object.assign(handle, { adoptSession });
};
