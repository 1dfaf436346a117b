import type { Queue, User } from '../../shared/domain/accounts';
import type { Actor } from '../../shared/domain/actor';
import { CALENDAR_24X7_ID, calendar24x7 } from '../../shared/domain/calendar';
import { conflictFromRejection } from '../../shared/domain/conflict';
import { defaultDomainSettings } from '../../shared/domain/settings';
import { defaultSlaDefinitions, type SlaDefinition } from '../../shared/domain/sla';
import type { Ticket } from '../../shared/domain/ticket';
import {
  newId,
  type ClientId,
  type ConflictId,
  type QueueId,
  type TicketId,
  type UserId,
} from '../../shared/ids';
import { hlcWallTime, type Hlc } from '../../shared/sync/hlc';
import { derivedId } from '../../shared/sync/mutations/derived-id';
import { readsFor, runMutation } from '../../shared/sync/mutations/index';
import { emptyLoaded, mutationKey } from '../../shared/sync/mutations/types';
import type {
  BootstrapLine,
  Change,
  PushedMutation,
  PushResponse,
  PushResult,
  SyncEntity,
} from '../../shared/sync/protocol';
import type { ApiError } from '../api/errors';
import { openOutpostDbByName, type IndexedDbDeps } from '../db/database';
import { installDerivedSla } from '../db/derived-sla';
import { createSyncEngine, type SyncStatusReport, type Timers } from './engine';
import { createIndexedDbJournal, type MutationJournal } from './journal';
import { freshIndexedDb } from './test-platform';
import type { SyncTransport } from './transport';

/**
 * A hub in memory for client sync tests: it runs the shared mutation rules
 * (so pushes really create tickets, and pulls and bootstraps return them)
 * and can go offline or refuse large bodies. The real hub over HTTP is
 * tests/integration's.
 */

const unreachable: ApiError = { kind: 'unreachable', message: 'Outpost cannot reach the hub' };

export interface FakeSyncHub {
  transport: SyncTransport;
  actor: Actor;
  queueId: QueueId;
  requester: User;
  offline: boolean;
  /** Largest request body accepted, in bytes of JSON (the hub's is 8 MiB). */
  bodyLimit: number;
  /** Every push request that reached the hub, accepted or refused. */
  pushes: { mutations: number; bytes: number; status: 200 | 413 }[];
  /** Mutations decided, in order: what the hub's clients table would show. */
  decided: { clientId: string; id: number; name: string; status: 'applied' | 'rejected' }[];
  pulls: number;
  bootstraps: number;
  /** Open poke streams. */
  streams: { onPoke: (seq: number) => void; signal: AbortSignal; end: () => void }[];
  tickets(): Ticket[];
  records(entity: SyncEntity): unknown[];
  /** A change made by someone else (another client), then a poke to every stream. */
  commitFromElsewhere(entity: SyncEntity, row: { id: string }): void;
  /** Ends every open event stream, as a hub restart would. */
  endStreams(): void;
}

export function createFakeSyncHub(): FakeSyncHub {
  const queueId = newId<QueueId>();
  const agent: User = {
    id: newId<UserId>(),
    username: 'sam',
    displayName: 'Sam Rivera',
    email: null,
    roles: ['agent'],
    disabled: false,
    queueIds: [queueId],
  };
  const requester: User = {
    ...agent,
    id: newId<UserId>(),
    username: 'rita',
    displayName: 'Rita Moreno',
    roles: ['requester'],
    queueIds: [],
  };
  const queue: Queue = { id: queueId, name: 'Service Desk', description: '', disabled: false };
  const rows = new Map<SyncEntity, Map<string, unknown>>();
  const log: Change[] = [];
  const lmid = new Map<string, number>();
  const put = (entity: SyncEntity, row: { id: string }) => {
    if (!rows.has(entity)) rows.set(entity, new Map());
    rows.get(entity)!.set(row.id, row);
    log.push({ seq: log.length + 1, entity, op: 'put', id: row.id, data: row });
  };
  put('user', agent);
  put('user', requester);
  put('queue', queue);
  put('calendar', calendar24x7);
  // Round-the-clock SLAs, so nothing depends on the hour the test runs.
  for (const d of defaultSlaDefinitions) {
    const sla: SlaDefinition = { ...d, calendarId: CALENDAR_24X7_ID };
    put('sla', sla);
  }

  const actor: Actor = { userId: agent.id, roles: ['agent'], queueIds: [queueId] };

  const applyOne = (clientId: string, m: PushedMutation): PushResult => {
    const reads = readsFor(m.name, m.version, m.args);
    const loaded = emptyLoaded();
    let outcome;
    if (!reads.ok) outcome = reads;
    else {
      for (const ref of reads.refs) {
        const t = rows.get('ticket')?.get(ref.id);
        if (ref.kind === 'ticket' && t) loaded.tickets.set(ref.id as TicketId, t as Ticket);
      }
      outcome = runMutation(m.name, m.version, m.args, loaded, {
        actor,
        clientId: clientId as ClientId,
        hlc: m.hlc as Hlc,
        now: hlcWallTime(m.hlc),
        settings: defaultDomainSettings,
      });
    }
    if (outcome.ok) {
      for (const e of outcome.effects) {
        if (e.type === 'conflict') put('conflict', e.value);
        else if (e.type === 'insert' && rows.get(e.entity)?.has(e.value.id)) continue;
        else put(e.entity, e.value);
      }
      hub.decided.push({ clientId, id: m.id, name: m.name, status: 'applied' });
      return { id: m.id, status: 'applied' };
    }
    put(
      'conflict',
      conflictFromRejection({
        id: derivedId<ConflictId>('rejected', clientId, String(m.id)),
        userId: agent.id,
        ticketId: null,
        mutation: mutationKey(m.name, m.version),
        args: m.args,
        error: outcome.error,
        at: m.createdAt,
      }),
    );
    hub.decided.push({ clientId, id: m.id, name: m.name, status: 'rejected' });
    return { id: m.id, status: 'rejected', error: outcome.error };
  };

  const push: SyncTransport['push'] = async (body) => {
    if (hub.offline) return { ok: false, error: unreachable };
    const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
    if (bytes > hub.bodyLimit) {
      hub.pushes.push({ mutations: body.mutations.length, bytes, status: 413 });
      return {
        ok: false,
        error: {
          kind: 'hub',
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          message: `The request body is larger than the limit of ${Math.round(hub.bodyLimit / 1024)} KiB`,
          retryAfterSeconds: null,
        },
      };
    }
    hub.pushes.push({ mutations: body.mutations.length, bytes, status: 200 });
    const results: PushResult[] = [];
    let last = lmid.get(body.clientId) ?? 0;
    let stopped: PushResponse['stopped'];
    for (const m of body.mutations) {
      if (m.id <= last) {
        results.push({ id: m.id, status: 'duplicate', original: 'applied' });
        continue;
      }
      if (m.id > last + 1) {
        stopped = { id: m.id, code: 'OUT_OF_ORDER' as const, message: 'out of order' };
        break;
      }
      results.push(applyOne(body.clientId, m));
      last = m.id;
      lmid.set(body.clientId, last);
    }
    for (const s of hub.streams) s.onPoke(log.length);
    return { ok: true, value: { results, lastMutationId: last, stopped } };
  };

  const hub: FakeSyncHub = {
    actor,
    queueId,
    requester,
    offline: false,
    bodyLimit: 8 * 1024 * 1024,
    pushes: [],
    decided: [],
    pulls: 0,
    bootstraps: 0,
    streams: [],
    transport: {
      push,
      async pull(body) {
        if (hub.offline) return { ok: false, error: unreachable };
        hub.pulls++;
        const changes = log.filter((c) => c.seq > body.cursor);
        return {
          ok: true,
          value: {
            changes,
            cursor: log.length,
            lastMutationId: lmid.get(body.clientId) ?? 0,
            hasMore: false,
            aclHash: 'acl-1',
          },
        };
      },
      async bootstrap(clientId) {
        if (hub.offline) return { ok: false, error: unreachable };
        hub.bootstraps++;
        const lines: BootstrapLine[] = [
          {
            type: 'begin',
            cursor: log.length,
            lastMutationId: lmid.get(clientId) ?? 0,
            aclHash: 'acl-1',
            protocol: 2,
          },
        ];
        let total = 0;
        for (const [entity, byId] of rows) {
          lines.push({ type: 'rows', entity, rows: [...byId.values()] });
          total += byId.size;
        }
        lines.push({ type: 'end', rows: total });
        return {
          ok: true,
          value: (async function* () {
            yield* lines;
          })(),
        };
      },
      // Offline, a stream just gets no pokes (a connection attempt that hangs);
      // endStreams() is how a test makes streams end.
      events(onPoke, signal) {
        return new Promise((resolve) => {
          const stream = {
            onPoke,
            signal,
            end: () => {
              hub.streams = hub.streams.filter((s) => s !== stream);
              resolve({ ok: true, value: null });
            },
          };
          hub.streams.push(stream);
          signal.addEventListener('abort', stream.end);
        });
      },
    },
    tickets: () => [...(rows.get('ticket')?.values() ?? [])] as Ticket[],
    records: (entity) => [...(rows.get(entity)?.values() ?? [])],
    commitFromElsewhere(entity, row) {
      put(entity, row);
      if (!hub.offline) for (const s of hub.streams) s.onPoke(log.length);
    },
    endStreams() {
      for (const s of [...hub.streams]) s.end();
    },
  };
  return hub;
}

/** Args of a valid incident.create for the hub's queue. */
export const incidentArgs = (
  hub: Pick<FakeSyncHub, 'queueId' | 'requester'>,
  overrides: Record<string, unknown> = {},
) => ({
  id: newId<TicketId>(),
  title: 'VPN drops every few minutes',
  description: 'Started after the client update.',
  queueId: hub.queueId,
  requesterId: hub.requester.id,
  impact: 2,
  urgency: 2,
  ...overrides,
});

export interface DeviceOptions {
  /** The same deps and name reopen the same stores, as a restart would. */
  deps?: IndexedDbDeps;
  name?: string;
  journal?: MutationJournal;
  transport?: SyncTransport;
  timers?: Timers;
  random?: () => number;
  refreshActor?: () => Promise<Actor>;
  onStatus?: (status: SyncStatusReport) => void;
  /** Keep derived SLA fields as the app's database does (installDerivedSla, at the device's clock). */
  derivedSla?: boolean;
}

/**
 * One device: its local store and journal on a private fake IndexedDB and
 * the real engine, with a clock that moves a second per reading.
 */
export function openDevice(hub: FakeSyncHub, options: DeviceOptions = {}) {
  const deps = options.deps ?? freshIndexedDb();
  const name = options.name ?? 'device';
  const db = openOutpostDbByName(name, deps);
  const journal = options.journal ?? createIndexedDbJournal(name, deps);
  let t = Date.UTC(2026, 0, 5, 9, 0, 0);
  const now = () => (t += 1000);
  if (options.derivedSla) installDerivedSla(db, { now: () => t });
  const engine = createSyncEngine({
    db,
    journal,
    transport: options.transport ?? hub.transport,
    actor: hub.actor,
    now,
    timers: options.timers,
    random: options.random,
    refreshActor: options.refreshActor,
    onStatus: options.onStatus,
  });
  return { deps, name, db, journal, engine, now };
}
