import type { z } from 'zod';
import { apiErrorSchema } from '../../shared/api/errors';
import { fail, isSessionLost, ok, type ApiError, type ApiResult } from './errors';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions<S extends z.ZodType> {
  body?: unknown;
  /** Parses a successful body (use `z.unknown()` when the body does not matter). */
  schema: S;
  /**
   * Whether a 401 on this call means "the session this screen relied on is
   * gone". False for sign-in and start-up probes, where 401 is an answer.
   */
  needsSession?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** '' in web mode, '/hub' in the desktop shell (see platform.ts). */
  base: string;
  fetch?: typeof fetch;
  /** Called when a call that needed the session got 401 (expired or revoked). */
  onSessionLost?: (error: ApiError) => void;
}

export interface ApiClient {
  request<S extends z.ZodType>(
    method: Method,
    path: string,
    options: RequestOptions<S>,
  ): Promise<ApiResult<z.infer<S>>>;
}

const UNREACHABLE =
  'Outpost cannot reach the hub. Check your network connection; your work is kept on this device.';

/** Retry-After in seconds, from the header or the error details. */
const retryAfterOf = (res: Response, details: unknown): number | null => {
  const header = res.headers.get('retry-after');
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim());
  if (details !== null && typeof details === 'object') {
    const d = details as Record<string, unknown>;
    if (typeof d.retryAfterSeconds === 'number') return d.retryAfterSeconds;
    if (typeof d.retryAfterMs === 'number') return Math.ceil(d.retryAfterMs / 1000);
  }
  return null;
};

const readJson = async (res: Response): Promise<{ ok: true; json: unknown } | { ok: false }> => {
  const text = await res.text();
  if (text.trim() === '') return { ok: true, json: undefined };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

export const errorFromResponse = async (res: Response): Promise<ApiError> => {
  const body = await readJson(res);
  const parsed = body.ok ? apiErrorSchema.safeParse(body.json) : null;
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    // The desktop shell's proxy speaks for a hub it could not reach.
    if (code === 'HUB_UNREACHABLE') return { kind: 'unreachable', message };
    return {
      kind: 'hub',
      status: res.status,
      code,
      message,
      details,
      retryAfterSeconds: retryAfterOf(res, details),
    };
  }
  // A gateway (the desktop proxy, a reverse proxy) answers for a hub it could not reach.
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return { kind: 'unreachable', message: UNREACHABLE };
  }
  return {
    kind: 'invalid-response',
    status: res.status,
    message: `The hub answered with an unexpected error (HTTP ${res.status}).`,
  };
};

export const createApiClient = (options: ApiClientOptions): ApiClient => {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  const request: ApiClient['request'] = async (method, path, opts) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | undefined;
    if (method !== 'GET') {
      // The hub refuses state-changing requests without a JSON content type
      // (a cheap CSRF guard), so even body-less calls send `{}`.
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body ?? {});
    }
    let res: Response;
    try {
      res = await doFetch(`${options.base}${path}`, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      return fail({ kind: 'unreachable', message: UNREACHABLE });
    }

    if (!res.ok) {
      const error = await errorFromResponse(res);
      if ((opts.needsSession ?? true) && isSessionLost(error)) options.onSessionLost?.(error);
      return fail(error);
    }
    const answer = await readJson(res);
    const parsed = answer.ok ? opts.schema.safeParse(answer.json) : null;
    if (!parsed?.success) {
      return fail({
        kind: 'invalid-response',
        status: res.status,
        message: `The hub sent an answer this version of Outpost cannot read (${method} ${path}). The hub may be a different version.`,
      });
    }
    return ok(parsed.data);
  };

  return { request };
};
