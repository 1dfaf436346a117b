import { API_PREFIX } from '../../../src/shared/api/accounts';
import { newId } from '../../../src/shared/ids';
import { formatHlc } from '../../../src/shared/sync/hlc';
import type { SyncHub } from './sync-hub';

export const HARNESS_PASSWORD = 'sync-harness-password';

// Response bodies are read loosely: the tests assert on their shape.
export type Json = Record<string, any>;

/**
 * The sync endpoints spoken by hand, byte for byte, for tests of what the
 * hub answers to requests no well-behaved client would send.
 */
export function wire(hub: SyncHub) {
  return {
    async login(username: string): Promise<string> {
      const res = await fetch(`${hub.url}${API_PREFIX}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: HARNESS_PASSWORD }),
      });
      return ((await res.json()) as { token: string }).token;
    },
    async post(path: string, body: unknown, token: string) {
      const res = await fetch(`${hub.url}/sync/v1/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as Json };
    },
    /** The NDJSON bootstrap as parsed lines, for a client speaking `protocol`. */
    async bootstrap(clientId: string, protocol: number, token: string) {
      const res = await fetch(
        `${hub.url}/sync/v1/bootstrap?clientId=${clientId}&protocol=${protocol}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const text = await res.text();
      if (res.status !== 200) {
        return { status: res.status, error: (JSON.parse(text) as Json).error as Json, lines: [] };
      }
      const lines = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Json);
      return { status: res.status, error: null, lines };
    },
    /**
     * Agent "ana" in a new queue, signed in, with a client that has
     * bootstrapped: `begin` is the bootstrap's first line (cursor, aclHash).
     */
    async agentClient() {
      const queue = await hub.createQueue('Service Desk');
      const anaId = (await hub.createUser('ana', ['agent'], [queue])).id;
      const token = await this.login('ana');
      const clientId = newId();
      const begin = (await this.bootstrap(clientId, 2, token)).lines[0]!;
      return { queue, anaId, token, clientId, begin };
    },
    /** Mutation `id` of a push: an incident.create of `ticketId` in `queueId`, stamped now. */
    incidentCreate(
      id: number,
      a: { ticketId: string; title: string; queueId: string; requesterId: string },
    ) {
      return {
        id,
        name: 'incident.create',
        version: 1,
        args: {
          id: a.ticketId,
          title: a.title,
          queueId: a.queueId,
          impact: 2,
          urgency: 2,
          requesterId: a.requesterId,
        },
        hlc: formatHlc({ wallMs: hub.clock.now(), counter: id, nodeId: 'node-a' }),
        createdAt: hub.clock.now(),
      };
    },
    /** A stamp from a device whose clock is `aheadMs` off the hub's. */
    stamp(counter = 0, aheadMs = 0, nodeId = 'node-a') {
      return formatHlc({ wallMs: hub.clock.now() + aheadMs, counter, nodeId });
    },
  };
}

/** Rows of a bootstrap by entity, in id order (the stream's page order is not part of the contract). */
export const rowsOf = (lines: Json[]) => {
  const out: Record<string, Json[]> = {};
  for (const l of lines.filter((x) => x.type === 'rows')) {
    out[l.entity as string] = [...(out[l.entity as string] ?? []), ...(l.rows as Json[])].sort(
      (a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)),
    );
  }
  return out;
};
