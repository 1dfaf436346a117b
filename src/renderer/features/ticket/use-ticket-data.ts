import { ticketById } from '../../db/ticket-packs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Queue, User } from '../../../shared/domain/accounts';
import type { Actor } from '../../../shared/domain/actor';
import type { Attachment } from '../../../shared/domain/attachment';
import type { Calendar } from '../../../shared/domain/calendar';
import type { Comment } from '../../../shared/domain/comment';
import type { ConfigurationItem } from '../../../shared/domain/configuration-item';
import type { Conflict } from '../../../shared/domain/conflict';
import type { KnowledgeArticle } from '../../../shared/domain/knowledge';
import type { Link } from '../../../shared/domain/link';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  type DomainSettings,
} from '../../../shared/domain/settings';
import type { SlaDefinition } from '../../../shared/domain/sla';
import type { Ticket } from '../../../shared/domain/ticket';
import type { WorklogEntry } from '../../../shared/domain/worklog';
import { useOutpostDb } from '../../app/db-context';
import { childrenOf } from '../../db/child-packs';
import type { OutboxEntry } from '../../db/database';
import { useCurrentUser } from '../../session/session-store';

export interface TicketBundle {
  ticket: Ticket;
  comments: Comment[];
  worklogs: WorklogEntry[];
  attachments: Attachment[];
  links: Link[];
  conflicts: Conflict[];
  /** Ids of conflicts this user dismissed on this device. */
  dismissed: Set<string>;
}

export const DISMISSED_PREFIX = 'conflict-dismissed:';

/** The ticket and everything hanging off it, live; undefined while loading, null if absent. */
export const useTicketBundle = (ticketId: string): TicketBundle | null | undefined => {
  const db = useOutpostDb();
  return useLiveQuery(async () => {
    const ticket = await ticketById(db, ticketId);
    if (!ticket) return null;
    const [comments, worklogs, attachments, from, to, conflicts] = await Promise.all([
      childrenOf(db, 'comments', [ticketId]),
      childrenOf(db, 'worklogs', [ticketId]),
      db.attachments.where('ticketId').equals(ticketId).toArray(),
      db.links.where('fromId').equals(ticketId).toArray(),
      db.links.where('to.id').equals(ticketId).toArray(),
      db.conflicts.where('ticketId').equals(ticketId).toArray(),
    ]);
    const keys = conflicts.map((c) => `${DISMISSED_PREFIX}${c.id}`);
    const rows = keys.length ? await db.settings.bulkGet(keys) : [];
    const dismissed = new Set(
      rows.flatMap((r, i) => (r?.value ? [conflicts[i]!.id as string] : [])),
    );
    const links = [...from, ...to.filter((l) => !from.some((f) => f.id === l.id))];
    return { ticket, comments, worklogs, attachments, links, conflicts, dismissed };
  }, [db, ticketId]);
};

export interface Directory {
  users: Map<string, User>;
  queues: Map<string, Queue>;
  cis: Map<string, ConfigurationItem>;
  articles: Map<string, KnowledgeArticle>;
  settings: DomainSettings;
  calendars: Calendar[];
  slas: SlaDefinition[];
  userName: (id: string | null | undefined) => string;
}

const EMPTY: Omit<Directory, 'userName'> = {
  users: new Map(),
  queues: new Map(),
  cis: new Map(),
  articles: new Map(),
  settings: defaultDomainSettings,
  calendars: [],
  slas: [],
};

/** Names and reference data the view resolves ids against, all from the local store. */
export const useDirectory = (): Directory => {
  const db = useOutpostDb();
  const data = useLiveQuery(async () => {
    const [users, queues, cis, articles, settings, calendars, slas] = await Promise.all([
      db.users.toArray(),
      db.queues.toArray(),
      db.cis.toArray(),
      db.articles.toArray(),
      db.hubSettings.get('domain'),
      db.calendars.toArray(),
      db.slas.toArray(),
    ]);
    const parsed = domainSettingsSchema.safeParse(settings?.value);
    return {
      users: new Map(users.map((u) => [u.id as string, u])),
      queues: new Map(queues.map((q) => [q.id as string, q])),
      cis: new Map(cis.map((c) => [c.id as string, c])),
      articles: new Map(articles.map((a) => [a.id as string, a])),
      settings: parsed.success ? parsed.data : defaultDomainSettings,
      calendars,
      slas,
    };
  }, [db]);
  return useMemo(() => {
    const d = data ?? EMPTY;
    return {
      ...d,
      userName: (id) => (id ? (d.users.get(id)?.displayName ?? 'Unknown user') : 'Nobody'),
    };
  }, [data]);
};

/** Outbox entries not yet acknowledged by the hub (all tickets; filtered by the caller). */
export const useOutbox = (): OutboxEntry[] => {
  const db = useOutpostDb();
  return useLiveQuery(() => db.outbox.toArray(), [db]) ?? [];
};

/** The signed-in user as the domain rules see them. */
export const useActor = (): Actor => {
  const user = useCurrentUser();
  return useMemo(
    () => ({ userId: user.id, roles: user.roles, queueIds: user.queueIds }),
    [user.id, user.roles, user.queueIds],
  );
};
