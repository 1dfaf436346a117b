import {
  SYNC_PREFIX,
  bootstrapLineSchema,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type BootstrapLine,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';
import { createApiClient, errorFromResponse, type ApiClient } from '../api/client';
import type { ApiError, ApiResult } from '../api/errors';

/**
 * The sync endpoints over HTTP. The same code runs in Chromium (cookie),
 * in the desktop shell (the main process adds the token) and in Node tests
 * (a fetch that adds a bearer header and injects faults).
 */
export interface SyncTransport {
  push(body: PushRequest): Promise<ApiResult<PushResponse>>;
  pull(body: PullRequest): Promise<ApiResult<PullResponse>>;
  /** Lines of the NDJSON bootstrap, validated one by one. */
  bootstrap(clientId: string): Promise<ApiResult<AsyncIterable<BootstrapLine>>>;
  /** Calls onPoke for each poke until the stream ends or `signal` aborts; resolves when it ends. */
  events(onPoke: (seq: number) => void, signal: AbortSignal): Promise<ApiResult<null>>;
}

export interface TransportOptions {
  base: string;
  fetch?: typeof fetch;
  onSessionLost?: (error: ApiError) => void;
}

const UNREACHABLE = 'Outpost cannot reach the hub; your changes are kept on this device.';

/** Splits a byte stream into lines without holding more than one partial line. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        yield buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
      }
    }
    buffered += decoder.decode();
    if (buffered) yield buffered;
  } finally {
    reader.releaseLock();
  }
}

export class BootstrapStreamError extends Error {}

async function* parseBootstrap(body: ReadableStream<Uint8Array>): AsyncGenerator<BootstrapLine> {
  for await (const line of lines(body)) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new BootstrapStreamError('The hub sent a damaged bootstrap line; starting over');
    }
    const parsed = bootstrapLineSchema.safeParse(json);
    if (!parsed.success)
      throw new BootstrapStreamError('The hub sent a bootstrap line this client cannot read');
    yield parsed.data;
  }
}

export function createHttpTransport(options: TransportOptions): SyncTransport {
  const api: ApiClient = createApiClient(options);
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const url = (path: string) => `${options.base}${SYNC_PREFIX}${path}`;

  const stream = async (path: string, accept: string, signal?: AbortSignal) => {
    let res: Response;
    try {
      res = await doFetch(url(path), {
        headers: { Accept: accept },
        credentials: 'same-origin',
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      return { ok: false as const, error: { kind: 'unreachable' as const, message: UNREACHABLE } };
    }
    if (!res.ok || !res.body) {
      const error = await errorFromResponse(res);
      return { ok: false as const, error };
    }
    return { ok: true as const, body: res.body };
  };

  return {
    push: (body) =>
      api.request('POST', `${SYNC_PREFIX}/push`, { body, schema: pushResponseSchema }),
    pull: (body) =>
      api.request('POST', `${SYNC_PREFIX}/pull`, { body, schema: pullResponseSchema }),
    async bootstrap(clientId) {
      const r = await stream(
        `/bootstrap?clientId=${encodeURIComponent(clientId)}&protocol=${PROTOCOL_VERSION}`,
        'application/x-ndjson',
      );
      return r.ok ? { ok: true, value: parseBootstrap(r.body) } : r;
    },
    async events(onPoke, signal) {
      let r;
      try {
        r = await stream('/events', 'text/event-stream', signal);
      } catch {
        return { ok: true, value: null };
      }
      if (!r.ok) return r;
      let event = '';
      try {
        for await (const line of lines(r.body)) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:') && event === 'poke') {
            const seq = Number((JSON.parse(line.slice(5)) as { seq?: unknown }).seq);
            if (Number.isFinite(seq)) onPoke(seq);
          } else if (line === '') event = '';
        }
      } catch {
        // Aborted or the connection dropped: the caller reconnects.
      }
      return { ok: true, value: null };
    },
  };
}
