import { API_PREFIX } from '../../../src/shared/api/accounts';
import type { Actor } from '../../../src/shared/domain/actor';

/** A signed-in user of a hub, from Node (bearer token, as the desktop shell sends it). */
export interface HubSession {
  token: string;
  actor: Actor;
}

export async function signIn(hubUrl: string, username: string, password: string) {
  const res = await fetch(`${hubUrl}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const s = (await res.json()) as {
    token: string;
    user: { id: string; roles: Actor['roles']; queueIds: string[] };
  };
  return {
    token: s.token,
    actor: { userId: s.user.id, roles: s.user.roles, queueIds: s.user.queueIds },
  } as HubSession;
}

/** Splits a response body (a fetch body or a node:http response) into lines. */
export async function* bodyLines(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  }
  buffered += decoder.decode();
  if (buffered.trim()) yield buffered;
}

export interface BootstrapBegin {
  cursor: number;
  lastMutationId: number;
  aclHash: string;
}

/**
 * Reads a bootstrap stream and hands each page of rows to `onRows`; returns
 * the `begin` line. Throws when the stream ends without its `end` line.
 */
export async function readBootstrap(
  hubUrl: string,
  session: HubSession,
  clientId: string,
  onRows: (entity: string, rows: Record<string, unknown>[]) => Promise<void> | void,
): Promise<BootstrapBegin & { rows: number }> {
  const res = await fetch(`${hubUrl}/sync/v1/bootstrap?clientId=${clientId}&protocol=2`, {
    headers: { authorization: `Bearer ${session.token}`, accept: 'application/x-ndjson' },
  });
  if (!res.ok || !res.body) throw new Error(`bootstrap: HTTP ${res.status} ${await res.text()}`);
  let begin: BootstrapBegin | null = null;
  let rows = 0;
  for await (const line of bodyLines(res.body)) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line) as {
      type: string;
      entity?: string;
      rows?: unknown;
    } & Partial<BootstrapBegin>;
    if (msg.type === 'begin') begin = msg as BootstrapBegin;
    else if (msg.type === 'rows' && Array.isArray(msg.rows)) {
      rows += msg.rows.length;
      await onRows(msg.entity!, msg.rows as Record<string, unknown>[]);
    } else if (msg.type === 'end') {
      if (!begin) throw new Error('bootstrap: no begin line');
      return { ...begin, rows };
    }
  }
  throw new Error('bootstrap: the stream ended without its end line');
}
