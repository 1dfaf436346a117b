import type { Table } from 'dexie';
import type { ArticleId, ConfigItemId, TicketId } from '../../shared/ids';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  type DomainSettings,
} from '../../shared/domain/settings';
import type { Effect, EntityRef, Loaded } from '../../shared/sync/mutations/types';
import type { Change } from '../../shared/sync/protocol';
import {
  childTables,
  recordTables,
  tableOf,
  type OutpostDb,
  type RecordTable,
} from '../db/database';

/** Every table a local write or rebase touches, for one Dexie transaction. */
export const syncTables = (db: OutpostDb) => [
  ...recordTables.map((t) => db.table(t)),
  db.outbox,
  db.shadows,
  db.syncState,
];

const shadowKey = (table: RecordTable, id: string) => `${table}|${id}`;

export async function loadLocal(db: OutpostDb, refs: readonly EntityRef[]): Promise<Loaded> {
  const loaded: Loaded = { tickets: new Map(), articles: new Map(), cis: new Map() };
  for (const ref of refs) {
    if (ref.kind === 'ticket') {
      const t = await db.tickets.get(ref.id);
      if (t) loaded.tickets.set(ref.id as TicketId, t);
    } else if (ref.kind === 'article') {
      const a = await db.articles.get(ref.id);
      if (a) loaded.articles.set(ref.id as ArticleId, a);
    } else {
      const c = await db.cis.get(ref.id);
      if (c) loaded.cis.set(ref.id as ConfigItemId, c);
    }
  }
  return loaded;
}

export async function localDomainSettings(db: OutpostDb): Promise<DomainSettings> {
  const row = await db.hubSettings.get('domain');
  const parsed = domainSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultDomainSettings;
}

/** Keeps the confirmed value of a row before the first pending mutation changes it. */
async function rememberConfirmed(db: OutpostDb, table: RecordTable, id: string): Promise<void> {
  const key = shadowKey(table, id);
  if (await db.shadows.get(key)) return;
  const current = (await db.table(table).get(id)) as unknown;
  await db.shadows.put({ key, table, id, value: current ?? null });
}

/**
 * Writes a mutation's effects as the optimistic local state. Conflict effects
 * are the hub's to record: they arrive through the pull, once.
 */
export async function writeLocalEffects(db: OutpostDb, effects: readonly Effect[]): Promise<void> {
  for (const e of effects) {
    if (e.type === 'conflict') continue;
    const table = tableOf[e.entity];
    if (e.type === 'insert' && (await db.table(table).get(e.value.id))) continue;
    await rememberConfirmed(db, table, e.value.id);
    await db.table(table).put(e.value);
  }
}

/** What a change row stores locally: the record itself, or a wrapper for id-less settings. */
const localRow = (change: Change): unknown =>
  change.entity === 'setting' ? { id: change.id, value: change.data } : change.data;

/** Writes a confirmed row: into the shadow when pending mutations hide it, else into the table. */
async function putConfirmed(db: OutpostDb, table: RecordTable, id: string, value: unknown) {
  const key = shadowKey(table, id);
  if (await db.shadows.get(key)) await db.shadows.update(key, { value });
  else if (value === null) await db.table(table).delete(id);
  else await db.table(table).put(value);
}

/** A ticket leaves this reader: it goes with its children and the links only it made visible. */
async function removeTicket(db: OutpostDb, ticketId: string): Promise<void> {
  await putConfirmed(db, 'tickets', ticketId, null);
  for (const t of childTables) {
    const ids = (await (db.table(t) as Table<{ id: string }, string>)
      .where('ticketId')
      .equals(ticketId)
      .primaryKeys()) as string[];
    for (const id of ids) await putConfirmed(db, t, id, null);
  }
  const links = [
    ...(await db.links.where('fromId').equals(ticketId).toArray()),
    ...(await db.links.where('to.id').equals(ticketId).toArray()),
  ];
  for (const l of links) {
    const other = l.fromId === ticketId ? (l.to.kind === 'ticket' ? l.to.id : null) : l.fromId;
    if (other === null || !(await db.tickets.get(other)))
      await putConfirmed(db, 'links', l.id, null);
  }
}

/** Applies pulled changes as confirmed state (call inside a sync transaction). */
export async function applyConfirmedChanges(
  db: OutpostDb,
  changes: readonly Change[],
): Promise<void> {
  for (const c of changes) {
    if (c.op === 'remove') {
      if (c.entity === 'ticket') await removeTicket(db, c.id);
      else await putConfirmed(db, tableOf[c.entity], c.id, null);
    } else {
      await putConfirmed(db, tableOf[c.entity], c.id, localRow(c));
    }
  }
}

/** Puts every shadowed row back to its confirmed value and forgets the shadows. */
export async function restoreConfirmed(db: OutpostDb): Promise<void> {
  const shadows = await db.shadows.toArray();
  for (const s of shadows) {
    if (s.value === null) await db.table(s.table).delete(s.id);
    else await db.table(s.table).put(s.value);
  }
  await db.shadows.clear();
}

export { localRow };
