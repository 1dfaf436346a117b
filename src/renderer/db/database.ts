import Dexie, { type Table } from 'dexie';
import type { User, Queue } from '../../shared/domain/accounts';
import type { Attachment } from '../../shared/domain/attachment';
import type { Calendar } from '../../shared/domain/calendar';
import type { Comment } from '../../shared/domain/comment';
import type { ConfigurationItem } from '../../shared/domain/configuration-item';
import type { Conflict } from '../../shared/domain/conflict';
import type { KnowledgeArticle } from '../../shared/domain/knowledge';
import type { Link } from '../../shared/domain/link';
import type { SlaDefinition } from '../../shared/domain/sla';
import type { Ticket } from '../../shared/domain/ticket';
import type { WorklogEntry } from '../../shared/domain/worklog';
import { slaStopStates } from '../../shared/domain/sla-history';
import type { Hlc } from '../../shared/sync/hlc';
import type { SyncEntity } from '../../shared/sync/protocol';
import type { ChildPack } from './child-packs';
import type { TicketPack } from './ticket-packs';
import { installDerivedSla, type LocalTicket } from './derived-sla';

/**
 * The local store: one IndexedDB database per (hub, user), so two people
 * sharing a browser profile, or one person using two hubs, never see each
 * other's records (SYNC.md "Client store").
 */
export interface SettingRow {
  key: string;
  value: unknown;
}

export interface SyncStateRow {
  key: string;
  value: unknown;
}

/** A mutation written locally and not yet acknowledged by the hub. */
export interface OutboxEntry {
  mutationId: number;
  name: string;
  version: number;
  args: unknown;
  hlc: Hlc;
  createdAt: number;
  /** Set when re-applying it on top of newer hub data failed locally; the hub still decides. */
  localError?: { code: string; message: string } | null;
}

/**
 * The confirmed (hub) value of a row that pending mutations changed locally;
 * `value: null` means the row did not exist. Rebase restores these, then
 * re-applies the outbox, so optimistic state never leaks into confirmed state.
 */
export interface ShadowRow {
  key: string;
  table: RecordTable;
  id: string;
  value: unknown;
}

/** A hub reference record without an id of its own (domain settings). */
export interface HubSettingRow {
  id: string;
  value: unknown;
}

/** A local cache the queue views keep (their row snapshot); rebuilt if lost. */
export interface LocalCacheRow {
  key: string;
  value: unknown;
}

export type OutpostDb = Dexie & {
  settings: Table<SettingRow, string>;
  syncState: Table<SyncStateRow, string>;
  /** Rows carry the local derived fields too (derived-sla.ts) once written through openOutpostDb. */
  tickets: Table<Ticket & Partial<Omit<LocalTicket, keyof Ticket>>, string>;
  comments: Table<Comment, string>;
  worklogs: Table<WorklogEntry, string>;
  attachments: Table<Attachment, string>;
  links: Table<Link, string>;
  articles: Table<KnowledgeArticle, string>;
  cis: Table<ConfigurationItem, string>;
  users: Table<User, string>;
  queues: Table<Queue, string>;
  conflicts: Table<Conflict, string>;
  calendars: Table<Calendar, string>;
  slas: Table<SlaDefinition, string>;
  hubSettings: Table<HubSettingRow, string>;
  outbox: Table<OutboxEntry, number>;
  shadows: Table<ShadowRow, string>;
  localCache: Table<LocalCacheRow, string>;
  childPacks: Table<ChildPack, string>;
  ticketPacks: Table<TicketPack, string>;
};

/** Where each kind of synced row lives locally. */
export const tableOf = {
  ticket: 'tickets',
  comment: 'comments',
  worklog: 'worklogs',
  attachment: 'attachments',
  link: 'links',
  article: 'articles',
  ci: 'cis',
  user: 'users',
  queue: 'queues',
  conflict: 'conflicts',
  calendar: 'calendars',
  sla: 'slas',
  setting: 'hubSettings',
} as const satisfies Record<SyncEntity, string>;
export type RecordTable = (typeof tableOf)[SyncEntity];
export const recordTables: readonly RecordTable[] = [...new Set(Object.values(tableOf))];

/** Children removed with their ticket. */
export const childTables = ['comments', 'worklogs', 'attachments'] as const;

export const outpostDbName = (hubOrigin: string, userId: string): string =>
  `outpost:${hubOrigin}:${userId}`;

/** Lets tests (fake-indexeddb) and workers pass their own IndexedDB. */
export interface IndexedDbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export const openOutpostDbByName = (name: string, deps?: IndexedDbDeps): OutpostDb => {
  const db = new Dexie(
    name,
    deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : {},
  ) as OutpostDb;
  db.version(1).stores({ settings: 'key', syncState: 'key' });
  // v2: the synced records, the outbox and rebase shadows. Existing settings
  // and sync state are kept; record tables start empty and fill on bootstrap.
  db.version(2).stores({
    tickets:
      'id, number, type, queueId, state, assigneeId, requesterId, priority, updatedAt, [queueId+state]',
    comments: 'id, ticketId',
    worklogs: 'id, ticketId',
    attachments: 'id, ticketId, sha256',
    links: 'id, fromId, to.id',
    articles: 'id, state',
    cis: 'id, name',
    users: 'id, username',
    queues: 'id',
    conflicts: 'id, ticketId, at',
    calendars: 'id',
    slas: 'id',
    hubSettings: 'id',
    outbox: 'mutationId',
    shadows: 'key',
  });
  // v3: indexes on the local derived fields (derived-sla.ts): the SLA due time,
  // the reference fingerprint (to find rows to recompute) and the local write
  // counter (what changed since a queue view last looked); and a cache table.
  // Rows written before v3 get their fields in the background after opening.
  db.version(3).stores({
    tickets:
      'id, number, type, queueId, state, assigneeId, requesterId, priority, updatedAt, [queueId+state], slaDueAt, slaFp, localSeq',
    localCache: 'key',
  });
  // v4: a first sync's comments and work log entries are stored packed
  // (child-packs.ts), and the ticket indexes nothing reads are gone (number,
  // queueId, assigneeId, priority, [queueId+state], slaDueAt). Both for the
  // first sync's speed: IndexedDB's cost here is per record and per index
  // entry (PERFORMANCE.md; tests/bench/sync-bootstrap.ts).
  db.version(4).stores({
    tickets: 'id, type, state, requesterId, updatedAt, slaFp, localSeq',
    childPacks: 'id, *ticketIds, *childIds',
  });
  // v5: open tickets are found through `openState`, set on open tickets only
  // (derived-sla.ts), not through `state`, which indexed every ticket; and the
  // create form's recent tickets are the ones last written here (`localSeq`),
  // so `updatedAt` (an index entry per ticket, in random order) went too.
  // Rows written before v5 get openState here (the open ones, a few percent),
  // so the first start after the upgrade finds its open tickets at once.
  db.version(5)
    .stores({ tickets: 'id, type, requesterId, openState, slaFp, localSeq' })
    .upgrade((tx) =>
      tx
        .table('tickets')
        .filter((t: Ticket) => !slaStopStates.includes(t.state))
        .modify((t: Ticket & { openState?: string }) => {
          t.openState = t.state;
        }),
    );
  // v6: a first sync's closed, cancelled and rejected tickets are stored
  // packed (ticket-packs.ts), with indexes on what their reads ask by; child
  // packs lose the index of their rows' ids (an entry per comment).
  db.version(6).stores({
    ticketPacks: 'id, *ticketIds, *types, slaFp, localSeq',
    childPacks: 'id, *ticketIds',
  });
  return db;
};

/**
 * The app's store: the raw store plus the derived SLA fields kept on every
 * ticket row. (openOutpostDbByName alone gives rows exactly as the hub sent
 * them, which the sync convergence tests compare against the hub.)
 */
export const openOutpostDb = (
  hubOrigin: string,
  userId: string,
  deps?: IndexedDbDeps,
  options: { now?: () => number } = {},
): OutpostDb => {
  const db = openOutpostDbByName(outpostDbName(hubOrigin, userId), deps);
  installDerivedSla(db, { now: options.now ?? (() => Date.now()) });
  return db;
};
